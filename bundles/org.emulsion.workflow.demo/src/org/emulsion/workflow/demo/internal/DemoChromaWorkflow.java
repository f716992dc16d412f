package org.emulsion.workflow.demo.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.ReferenceRecipe;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.extensions.WorkflowRun;
import org.emulsion.core.image.FrameSource;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.engine.extensions.ArchitectureContribution;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationWorkflow;
import org.emulsion.pipeline.Sources;

import com.google.gson.JsonObject;

/**
 * {@code demo-chroma}: generates a sample into {@code OUT/sample} and runs the shared pipeline on
 * it, with the sample's truth for the report's metrics. Its only behaviour beyond the declared
 * recipe is making that material.
 */
public final class DemoChromaWorkflow extends RestorationWorkflow {
    /** The sample {@link #openScan} made, for {@link #openReferences}: both run on the thread of one launch. */
    private final ThreadLocal<SampleGenerator.Sample> sample = new ThreadLocal<>();

    /** Generates the sample into {@code OUT/sample} and opens its scan. */
    @Override
    protected FrameSource openScan(WorkflowRun run, IProgressMonitor monitor) throws EmulsionException {
        if (run.intOption("width") < 64 || run.intOption("height") < 64 || run.intOption("frames") < 2) {
            throw new EmulsionException("--width and --height must be at least 64 and --frames at least 2");
        }
        SampleGenerator generator = new SampleGenerator(run.intOption("width"), run.intOption("height"),
                run.intOption("frames"), run.intOption("seed"));
        try {
            sample.set(generator.generate(sampleFolder(run), SubMonitor.convert(monitor, 1).split(1)));
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
        return open(run.references().get(0), sample.get().scan());
    }

    /** The sample's reference, made frame for frame with the scan, and its truth for the report. */
    @Override
    protected Material openReferences(WorkflowRun run, FrameSource scan, IProgressMonitor monitor) throws EmulsionException {
        SampleGenerator.Sample made = sample.get();
        sample.remove();
        ReferenceRecipe recipe = run.references().get(0);
        FrameSource reference = open(recipe, made.reference());
        FrameSource truth = open(recipe, made.truth());
        JsonObject extra = new JsonObject();
        extra.add("sample", made.parameters());
        TemporalMatch match = TemporalMatch.known(IntStream.range(0, scan.frameCount()).toArray(), "sample made frame for frame");
        return new Material(scan, made.scan(), List.of(new RestorationJob.Reference(recipe.role(), reference, made.reference(),
                match, recipe.aligner())), truth, extra);
    }

    private static Path sampleFolder(WorkflowRun run) {
        return run.outputDirectory().resolve("sample");
    }

    /** The demo's own options: a patch and batch size and a budget in seconds, so that it finishes in minutes. */
    @Override
    protected TrainingSettings training(WorkflowRun run, ArchitectureContribution architecture) {
        return new TrainingSettings(run.intOption("patch"), run.intOption("batch"), run.intOption("steps"),
                Duration.ofSeconds(run.intOption("train-seconds")), 2e-3f, architecture.defaultPreset(), run.intOption("seed"));
    }

    private static FrameSource open(ReferenceRecipe recipe, Path location) throws EmulsionException {
        return Sources.open(recipe.source(), location, "the demo sample");
    }
}
