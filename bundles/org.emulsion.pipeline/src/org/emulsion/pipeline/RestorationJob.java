package org.emulsion.pipeline;

import java.nio.file.Path;
import java.util.List;

import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.engine.extensions.ArchitectureContribution;

import com.google.gson.JsonObject;

/**
 * One restore, every input opened and every part of the recipe resolved: what the pipeline's
 * stages run on, whatever the target.
 *
 * @param scan            the scan (never modified)
 * @param scanLocation    where it was read from, for the provenance record
 * @param references      the recipe's references in declaration order (the first is the primary one:
 *                        its registration drives the pairs and the review); may be empty for a target
 *                        that learns without per-frame references
 * @param truth           the true picture when known (simulated material), else null
 * @param outputDirectory a prepared folder ({@link OutputDirectory#prepare}): empty, or holding an
 *                        earlier run of this job, which is then resumed (another job's is refused)
 * @param target          what the restore changes (its contribution, for the provenance declaration)
 * @param trainEvery      pair density: in each shot one frame per {@code trainEvery} is tried (see PairCuration)
 * @param extraReport     more facts for the report (e.g. how a sample was made), or null
 * @param granularity     one model per sequence, scene or shot, or AUTO
 * @param format          the file format of the restored frames and the baseline
 * @param masks           a folder of the restorer's damage maps replacing the detected ones, or null
 * @param luma            what a chroma restore does with the scan's luma (null: {@link LumaMode#KEEP})
 */
public record RestorationJob(String workflowId, FrameSource scan, Path scanLocation, List<Reference> references, FrameSource truth,
        Path outputDirectory, TargetContribution target, ArchitectureContribution architecture, Compositor compositor,
        TrainingSettings training, int trainEvery, JsonObject extraReport, Granularity granularity, OutputFormat format, Path masks,
        LumaMode luma) {

    /**
     * One opened reference.
     *
     * @param role     what it is evidence of, for people
     * @param source   its frames
     * @param location where it was read from
     * @param match    which reference frame shows each scan frame
     * @param aligner  registers its frames on the scan's
     * @param colourDrifts whether its source declares that its colour drifts from frame to frame (an analogue transfer;
     *                 {@link org.emulsion.core.extensions.ReferenceSourceRegistry#colourDrifts})
     */
    public record Reference(String role, FrameSource source, Path location, TemporalMatch match, Aligner aligner, boolean colourDrifts) {
        /** A reference whose source declares no colour drift. */
        public Reference(String role, FrameSource source, Path location, TemporalMatch match, Aligner aligner) {
            this(role, source, location, match, aligner, false);
        }
    }

    public RestorationJob {
        references = List.copyOf(references);
        if (trainEvery < 1) {
            throw new IllegalArgumentException("trainEvery must be at least 1, not " + trainEvery);
        }
        if (granularity == null) {
            granularity = Granularity.AUTO;
        }
        if (format == null) {
            format = OutputFormat.TIFF;
        }
        if (luma == null) {
            luma = LumaMode.KEEP;
        }
        for (Reference r : references) {
            if (r.match().scanFrames() != scan.frameCount()) {
                throw new IllegalArgumentException("the temporal match of " + r.location() + " covers " + r.match().scanFrames()
                        + " frames but the scan has " + scan.frameCount());
            }
        }
    }

    public RestorationTarget restoration() {
        return target.instance();
    }

    /** The primary reference, or null when the recipe has none. */
    public Reference reference() {
        return references.isEmpty() ? null : references.get(0);
    }

    public RunLayout layout() {
        return new RunLayout(outputDirectory);
    }
}
