package org.emulsion.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.pipeline.internal.FrameRange;
import org.emulsion.pipeline.internal.RestorationPipeline;
import org.emulsion.pipeline.internal.RunPlan;

/**
 * A prepared run as independent units of work, for a cluster (or a render farm) whose machines
 * all see the output folder: {@link #plan} lists them in {@value RunLayout#PLAN}, {@link #train}
 * trains one model, {@link #render} renders one frame range, {@link #finish} writes the baseline,
 * the report and the provenance once every unit is done. Each unit opens the run from the folder
 * alone (the workflow and options it was prepared with), may run any number of times on any
 * machine (finished work is found and kept; every file is written under a unique temporary name
 * and renamed into place, so a killed unit leaves nothing half-written to reuse) and makes what a
 * single-machine restore of the folder makes. Training units run before render units.
 */
public final class RunUnits {
    /** The frames of a render unit unless asked otherwise: long enough that starting the product is a small share of it. */
    public static final int DEFAULT_UNIT_FRAMES = 250;

    private RunUnits() {
    }

    /** Writes the plan of the prepared folder {@code out}, its frames cut into ranges of {@code unitFrames}. */
    public static WorkflowResult plan(Path out, int unitFrames, IProgressMonitor monitor) throws EmulsionException {
        return WorkflowLauncher.onPrepared(out, (job, progress) -> {
            RunPlan plan = RestorationPipeline.plan(job, RestorationPipeline.prepare(job, progress), unitFrames);
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("train", plan.models().size() + " model(s): " + plan.models().stream().map(m -> m.id()).toList());
            summary.put("render", plan.ranges().size() + " range(s) of up to " + unitFrames + " of " + plan.frames() + " frames");
            return new WorkflowResult(job.outputDirectory(), job.layout().plan(), summary);
        }, monitor);
    }

    /** Trains model {@code id} of the prepared folder {@code out} (or finds it trained). */
    public static WorkflowResult train(Path out, String id, IProgressMonitor monitor) throws EmulsionException {
        return WorkflowLauncher.onPrepared(out, (job, progress) -> {
            SubMonitor split = SubMonitor.convert(progress, 10);
            RestorationPipeline.trainUnit(job, RestorationPipeline.prepare(job, split.split(1)), id, split.split(9));
            return new WorkflowResult(job.outputDirectory(), job.layout().model(id), Map.of("model", id));
        }, monitor);
    }

    /**
     * Renders frames {@code frames} ({@code FIRST-LAST}) of the prepared folder {@code out}, keeping those already rendered.
     *
     * @throws EmulsionException when the range is malformed or outside the scan, or a model is not trained yet
     */
    public static WorkflowResult render(Path out, String frames, IProgressMonitor monitor) throws EmulsionException {
        return WorkflowLauncher.onPrepared(out, (job, progress) -> {
            FrameRange range;
            try {
                range = RunPlan.parseRange(frames, job.scan().frameCount());
            } catch (IllegalArgumentException e) {
                throw new EmulsionException(e.getMessage());
            }
            SubMonitor split = SubMonitor.convert(progress, 10);
            RestorationPipeline.renderUnit(job, RestorationPipeline.prepare(job, split.split(1)), range, split.split(9));
            return new WorkflowResult(job.outputDirectory(), job.layout().frames(), Map.of("frames", frames));
        }, monitor);
    }

    /** The last unit: what a restore of the folder writes besides the frames (baseline, report, provenance); finished units are kept. */
    public static WorkflowResult finish(Path out, IProgressMonitor monitor) throws EmulsionException {
        return WorkflowLauncher.onPrepared(out, RestorationPipeline::run, monitor);
    }
}
