package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.extensions.StagedWorkflow;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.core.extensions.WorkflowRun;
import org.emulsion.core.image.FrameSource;
import org.emulsion.engine.TrainingSettings;


/**
 * A chroma restore guided by a moving-image reference of the same film, as a workflow plugin
 * declares it: the recipe (reference source, temporal aligner, aligner, architecture,
 * compositor) comes from the plugin's {@code workflows} contribution, the material from its
 * options {@code scan}, {@code reference}, {@code train-minutes}, {@code granularity},
 * {@code format}, {@code steps} and {@code seed}. What differs between workflows lives in the
 * contribution; a plugin's class only names what its reference may be, for messages.
 * <p>
 * It is staged ({@link StagedWorkflow}): {@link #prepare} stops after the pairs are curated, for the
 * restorer to check the alignment and the pairs; {@link #run} resumes from there.
 * <p>
 * {@code --reference} is opened with the recipe's reference source when that recognises it (a
 * {@code VIDEO_TS} folder for a DVD, a capture for a telecine), else as a folder of frames or a
 * plain video file; {@code --scan} is a folder of frames or a video file.
 */
public abstract class ReferenceGuidedChromaWorkflow implements StagedWorkflow {
    /** The granularities {@code --granularity} accepts: one model per sequence, scene or shot, or chosen automatically. */
    static final String IMAGE_SEQUENCE = "org.emulsion.media.imageSequence";
    static final String VIDEO_FILE = "org.emulsion.media.videoFile";
    /** Every n-th confidently aligned frame becomes a training pair. */
    private static final int TRAIN_EVERY = 3;
    private static final int PATCH = 64;
    private static final int BATCH = 8;
    private static final float LEARNING_RATE = 2e-3f;

    /** What {@code --reference} may be, e.g. "a VIDEO_TS folder, a .vob file, a video file or a folder of frames". */
    protected abstract String referenceKinds();

    @Override
    public WorkflowResult run(WorkflowRun run, IProgressMonitor monitor) throws EmulsionException {
        return withJob(run, monitor, ChromaPipeline::run);
    }

    /**
     * Matches in time, registers, finds the shots and curates the pairs, leaving the alignment
     * report, {@value PairCuration#FILE} and the resume records in the output folder; a later
     * {@link #run} into the folder resumes from them (see {@link ChromaPipeline#register}).
     *
     * @return the alignment report as the result's report
     */
    @Override
    public WorkflowResult prepare(WorkflowRun run, IProgressMonitor monitor) throws EmulsionException {
        return withJob(run, monitor, (job, progress) -> {
            ChromaPipeline.Registration registration = ChromaPipeline.register(job, progress);
            Path out = job.outputDirectory();
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("aligned", registration.frames().stream().filter(ChromaPipeline.Registered::hasReference).count() + " of "
                    + registration.frames().size() + " scan frames");
            summary.put("pairs", registration.pairs().size() + " chosen of " + registration.candidates().size() + " tried (edit "
                    + out.resolve(PairCuration.FILE) + ", then run again)");
            return new WorkflowResult(out, out.resolve(ChromaPipeline.ALIGNMENT_DIR).resolve(AlignmentReport.JSON), summary);
        });
    }

    /** One stage of the pipeline on an opened job. */
    private interface Stage {
        WorkflowResult apply(ChromaJob job, IProgressMonitor monitor) throws EmulsionException;
    }

    /** Checks the options, opens the scan and the reference, matches them in time and hands the job to {@code stage}. */
    private WorkflowResult withJob(WorkflowRun run, IProgressMonitor monitor, Stage stage) throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        Path scanPath = existing(run, "scan");
        Path referencePath = existing(run, "reference");
        OutputFormat format = OutputFormat.parse(run.option("format"));
        Granularity granularity;
        try {
            granularity = Granularity.parse(run.option("granularity"));
        } catch (IllegalArgumentException e) {
            throw new EmulsionException("--granularity " + run.option("granularity") + " is not offered; use one of "
                    + Arrays.stream(Granularity.values()).map(Granularity::id).toList());
        }
        int minutes = run.intOption("train-minutes");
        if (minutes < 1) {
            throw new EmulsionException("--train-minutes must be at least 1, not " + minutes);
        }
        Path out = run.outputDirectory();
        try (FrameSource scan = open(scanSource(scanPath), scanPath, "--scan");
                FrameSource reference = open(referenceSource(run, referencePath), referencePath, "--reference")) {
            DiskSpace.require(out, DiskSpace.estimate(format, scan.info().width(), scan.info().height(), scan.frameCount()));
            progress.setTaskName("Matching reference frames to scan frames");
            TemporalMatch match = matchInTime(run, scan, scanPath, reference, referencePath, progress.split(15));
            TrainingSettings training = new TrainingSettings(PATCH, BATCH, run.intOption("steps"), Duration.ofMinutes(minutes),
                    LEARNING_RATE, run.architecture().defaultPreset(), run.intOption("seed"));
            ChromaJob job = new ChromaJob(run.workflow().id(), scan, scanPath, reference, referencePath, match, null, out,
                    run.aligner(), run.architecture(), run.compositor(), training, TRAIN_EVERY, null, granularity, format);
            return stage.apply(job, progress.split(85));
        } catch (EmulsionException e) {
            throw DiskSpace.isFull(e) ? DiskSpace.full(out, e) : e;
        }
    }

    /**
     * The temporal aligner's match, or the one an earlier run of this launch stored in the output
     * folder (a re-run resumes instead of matching again).
     *
     * @throws EmulsionException when the reference shows none of the scan's frames (another film, another reel)
     */
    private static TemporalMatch matchInTime(WorkflowRun run, FrameSource scan, Path scanPath, FrameSource reference,
            Path referencePath, IProgressMonitor monitor) throws EmulsionException {
        ResumeFolder resume = new ResumeFolder(run.outputDirectory());
        TemporalMatch match;
        try {
            match = resume.match();
            if (match == null || match.scanFrames() != scan.frameCount()) {
                match = run.temporalAligner().match(scan, reference, monitor);
                resume.saveMatch(match);
            }
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
        if (Arrays.stream(match.referenceFrames()).noneMatch(r -> r != TemporalMatch.NONE)) {
            throw new EmulsionException(referencePath + ": shows none of the " + scan.frameCount() + " frames of " + scanPath
                    + " (" + match.method() + "); give a reference of the same film and reel");
        }
        return match;
    }

    private static Path existing(WorkflowRun run, String option) throws EmulsionException {
        Path path = Path.of(run.option(option)).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new EmulsionException("--" + option + " " + path + " does not exist; check the path");
        }
        return path;
    }

    /** The source that opens {@code --scan}: a folder of frames or a video file. */
    static ReferenceSource scanSource(Path location) throws EmulsionException {
        ReferenceSource source = plainSource(location);
        if (source == null) {
            throw new EmulsionException("--scan " + location + " is neither a folder of frames (.dpx, .tif, .png, .exr) nor a video file");
        }
        return source;
    }

    /** The recipe's reference source when it recognises {@code location}, else the frame-folder or video-file source. */
    private ReferenceSource referenceSource(WorkflowRun run, Path location) throws EmulsionException {
        ReferenceSource declared = run.referenceSource();
        ReferenceSource source = declared.canOpen(location) ? declared : plainSource(location);
        if (source == null) {
            throw new EmulsionException("--reference " + location + " is not " + referenceKinds() + "; give one of those");
        }
        return source;
    }

    /** The frame-folder or video-file source when one recognises {@code location}, else null (also for {@link RunFolder}). */
    static ReferenceSource plainSource(Path location) {
        for (String id : List.of(IMAGE_SEQUENCE, VIDEO_FILE)) {
            ReferenceSource source = ReferenceSourceRegistry.get().get(id).instance();
            if (source.canOpen(location)) {
                return source;
            }
        }
        return null;
    }

    private static FrameSource open(ReferenceSource source, Path location, String option) throws EmulsionException {
        try {
            return source.open(location);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage() + " (" + option + ")", e);
        }
    }
}
