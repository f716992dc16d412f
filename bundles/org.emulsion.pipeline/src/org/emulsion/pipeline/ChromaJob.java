package org.emulsion.pipeline;

import java.nio.file.Path;

import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.ArchitectureContribution;
import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;
import org.emulsion.engine.TrainingSettings;

import com.google.gson.JsonObject;

/**
 * A chroma-recovery job: learn the reference's colour for this film and put it on the scan,
 * keeping the scan's luma.
 *
 * @param scan            the faded scan (never modified)
 * @param scanLocation    where it was read from, for the provenance record
 * @param reference       the colour reference
 * @param referenceLocation where it was read from
 * @param match           which reference frame shows each scan frame (a temporal aligner's result or known)
 * @param truth           the true colours when known (simulated material), else null
 * @param outputDirectory a prepared folder ({@link OutputDirectory#prepare}): empty, or holding an
 *                        earlier run of this job, which is then resumed (another job's is refused)
 * @param trainEvery      pair density: in each shot, one frame per {@code trainEvery} frames is tried as a
 *                        training pair, besides its extremes (see {@link PairCuration})
 * @param extraReport     more facts to put into the report (e.g. how a sample was made), or null
 * @param granularity     one model per sequence, scene or shot, or AUTO (see {@link ModelPlan})
 * @param format          the file format of the restored frames and the baseline
 */
public record ChromaJob(String workflowId, FrameSource scan, Path scanLocation, FrameSource reference,
        Path referenceLocation, TemporalMatch match, FrameSource truth, Path outputDirectory, Aligner aligner,
        ArchitectureContribution architecture, Compositor compositor, TrainingSettings training, int trainEvery,
        JsonObject extraReport, Granularity granularity, OutputFormat format) {

    public ChromaJob {
        if (trainEvery < 1) {
            throw new IllegalArgumentException("trainEvery must be at least 1, not " + trainEvery);
        }
        if (granularity == null) {
            granularity = Granularity.AUTO;
        }
        if (format == null) {
            format = OutputFormat.TIFF;
        }
    }

    /** A job whose granularity is chosen automatically, writing 16-bit TIFFs. */
    public ChromaJob(String workflowId, FrameSource scan, Path scanLocation, FrameSource reference, Path referenceLocation,
            TemporalMatch match, FrameSource truth, Path outputDirectory, Aligner aligner, ArchitectureContribution architecture,
            Compositor compositor, TrainingSettings training, int trainEvery, JsonObject extraReport) {
        this(workflowId, scan, scanLocation, reference, referenceLocation, match, truth, outputDirectory, aligner, architecture,
                compositor, training, trainEvery, extraReport, Granularity.AUTO, OutputFormat.TIFF);
    }
}
