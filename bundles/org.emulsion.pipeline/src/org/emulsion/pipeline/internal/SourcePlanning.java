package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationTarget;

/**
 * The plan of a prepared composite before training ({@link RestorationTarget#plannedSources}):
 * every scan frame's evidence as the render will read it (the registered elements and the damage
 * maps as they stand in the folder), handed to the target's rule. Computes; writes nothing.
 */
public final class SourcePlanning {
    /** A scan frame's planned shares: each element's, then the inferred share (fractions summing to 1). */
    public record Frame(int index, String name, double[] shares) {
    }

    /**
     * @param elements the elements' names (the scan first), then the inferred share's: the legend of {@link Frame#shares}
     */
    public record Plan(List<String> elements, List<Frame> frames) {
    }

    private SourcePlanning() {
    }

    /** The planned shares of every scan frame of {@code job}'s prepared folder. */
    public static Plan plan(RestorationJob job, IProgressMonitor monitor) throws IOException {
        int count = job.scan().frameCount();
        SubMonitor progress = SubMonitor.convert(monitor, "Planning which print every pixel comes from", count);
        List<String> elements = new ArrayList<>(SourceShares.elements(job));
        EvidenceReader reader = reader(job);
        List<Frame> frames = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            progress.subTask("frame " + (f + 1) + " of " + count);
            frames.add(new Frame(f, job.scan().frameName(f), SourceShares.shares(plan(job, reader, f), elements.size())));
            progress.split(1);
        }
        elements.add(SourceShares.INFERRED);
        return new Plan(List.copyOf(elements), List.copyOf(frames));
    }

    /** Scan frame {@code frame}'s planned source map, in {@link RestorationTarget#sources} codes. */
    public static int[] frame(RestorationJob job, int frame) throws IOException {
        return plan(job, reader(job), frame);
    }

    private static EvidenceReader reader(RestorationJob job) throws IOException {
        if (!job.restoration().plansSources()) {
            throw new IOException("workflow " + job.workflowId() + " composites no elements; there is no source map to plan");
        }
        return new EvidenceReader(job, new ResumeFolder(job.outputDirectory()), true, true);
    }

    private static int[] plan(RestorationJob job, EvidenceReader reader, int frame) throws IOException {
        return job.restoration().plannedSources(reader.read(frame));
    }
}
