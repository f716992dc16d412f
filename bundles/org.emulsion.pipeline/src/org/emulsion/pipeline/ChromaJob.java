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
 * @param outputDirectory a prepared, empty folder ({@link OutputDirectory#prepare})
 * @param trainEvery      every n-th frame with a confident alignment becomes a training pair;
 *                        the others are held out and reported separately
 * @param extraReport     more facts to put into the report (e.g. how a sample was made), or null
 * @param format          the file format of the restored frames and the baseline
 */
public record ChromaJob(String workflowId, FrameSource scan, Path scanLocation, FrameSource reference,
        Path referenceLocation, TemporalMatch match, FrameSource truth, Path outputDirectory, Aligner aligner,
        ArchitectureContribution architecture, Compositor compositor, TrainingSettings training, int trainEvery,
        JsonObject extraReport, OutputFormat format) {

    /** A job writing 16-bit TIFFs. */
    public ChromaJob(String workflowId, FrameSource scan, Path scanLocation, FrameSource reference,
            Path referenceLocation, TemporalMatch match, FrameSource truth, Path outputDirectory, Aligner aligner,
            ArchitectureContribution architecture, Compositor compositor, TrainingSettings training, int trainEvery,
            JsonObject extraReport) {
        this(workflowId, scan, scanLocation, reference, referenceLocation, match, truth, outputDirectory, aligner, architecture,
                compositor, training, trainEvery, extraReport, OutputFormat.TIFF);
    }
}
