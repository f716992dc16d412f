package org.emulsion.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.ReferenceRecipe;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.extensions.StagedWorkflow;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.core.extensions.WorkflowRun;
import org.emulsion.core.image.FrameSource;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.engine.extensions.ArchitectureContribution;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.pipeline.internal.Registration;
import org.emulsion.pipeline.internal.RestorationPipeline;
import org.emulsion.pipeline.internal.ResumeFolder;
import org.emulsion.pipeline.internal.ShotDetector;
import org.emulsion.pipeline.internal.ShotList;

import com.google.gson.JsonObject;

/**
 * The workflow every declarative recipe runs: a workflow plugin names this class in its
 * {@code org.emulsion.core.workflows} contribution and declares the rest — its target, its
 * references (option, source, temporal aligner, aligner), architecture, compositor and options —
 * so that it needs no Java. It reads {@code --scan}, each reference's option (a {@code paths}
 * option gives several references read alike), {@code --train-minutes}, {@code --steps},
 * {@code --seed}, {@code --granularity}, {@code --format}, {@code --masks} and {@code --luma} when the recipe
 * declares them, opens and matches the material, and runs the shared pipeline.
 * <p>
 * It is staged ({@link StagedWorkflow}): {@link #prepare} stops after the references are
 * registered, the damage found and the pairs curated, for the restorer to review; {@link #run}
 * resumes from there. A workflow that makes its own material (the demo's generated sample)
 * subclasses it and overrides {@link #openScan} and {@link #openReferences}.
 */
public class RestorationWorkflow implements StagedWorkflow {
    /** Every n-th confidently aligned frame of a shot is tried as a training pair. */
    private static final int TRAIN_EVERY = 3;
    private static final int BATCH = 8;
    private static final float LEARNING_RATE = 2e-3f;

    @Override
    public WorkflowResult run(WorkflowRun run, IProgressMonitor monitor) throws EmulsionException {
        return withJob(run, monitor, RestorationPipeline::run);
    }

    /**
     * Registers the references, finds shots and damage and curates the pairs, leaving the
     * alignment report, {@value RunLayout#PAIRS} and the resume records in the output folder; a
     * later {@link #run} into the folder resumes from them.
     *
     * @return the alignment report as the result's report
     */
    @Override
    public WorkflowResult prepare(WorkflowRun run, IProgressMonitor monitor) throws EmulsionException {
        return withJob(run, monitor, (job, progress) -> {
            Registration registration = RestorationPipeline.prepare(job, progress);
            Path out = job.outputDirectory();
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("aligned", registration.frames().stream().filter(r -> r.hasReference()).count() + " of "
                    + registration.frames().size() + " scan frames");
            summary.put("pairs", registration.pairs().size() + " chosen of " + registration.candidates().size() + " tried (edit "
                    + job.layout().pairs() + ", then run again)");
            if (job.restoration().needsDamage()) {
                summary.put("damage", job.layout().masks() + " (8-bit maps, 0 = intact)");
            }
            return new WorkflowResult(out, job.layout().alignment().resolve(AlignmentReport.JSON), summary);
        });
    }

    /** The opened material of a run: what a subclass supplies when it makes its own (the demo's sample). */
    public record Material(FrameSource scan, Path scanLocation, List<RestorationJob.Reference> references, FrameSource truth,
            JsonObject extraReport) implements AutoCloseable {
        @Override
        public void close() {
            scan.close();
            references.forEach(r -> r.source().close());
            if (truth != null) {
                truth.close();
            }
        }
    }

    /** One stage of the pipeline on an opened job. */
    public interface Stage {
        WorkflowResult apply(RestorationJob job, IProgressMonitor monitor) throws EmulsionException;
    }

    /** Checks the options, opens the material, matches it in time and hands the job to {@code stage} (a unit of work: {@link RunUnits}). */
    public WorkflowResult withJob(WorkflowRun run, IProgressMonitor monitor, Stage stage) throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        OutputFormat format = run.hasOption("format") ? OutputFormat.parse(run.option("format")) : OutputFormat.TIFF;
        Granularity granularity = run.hasOption("granularity") ? granularity(run.option("granularity")) : Granularity.AUTO;
        Path masks = run.hasOption("masks") && !run.option("masks").isBlank() ? existing(run, "masks") : null;
        LumaMode luma = run.hasOption("luma") ? lumaMode(run.option("luma")) : LumaMode.KEEP;
        ArchitectureContribution architecture = ModelArchitectureRegistry.get().get(run.workflow().architectureId());
        TargetContribution target = RestorationTargetRegistry.get().get(run.workflow().target());
        TrainingSettings training = training(run, architecture);
        Path out = run.outputDirectory();
        Path chosen = target.instance().scanAmongReferences() ? chooseScan(run, target.instance(), progress.split(3)) : null;
        FrameSource scan = chosen != null ? Sources.open(Sources.scan(chosen, "--" + run.references().get(0).option()), chosen,
                "--" + run.references().get(0).option()) : openScan(run, progress.split(5));
        Material opened;
        try {
            // before any work: a disk too small for the frames and the baseline is refused at once
            DiskSpace.require(out, DiskSpace.estimate(format, scan.info().width(), scan.info().height(), scan.frameCount()));
            opened = chosen != null ? openReferences(run, scan, chosen, true, progress.split(10)) : openReferences(run, scan, progress.split(10));
        } catch (EmulsionException | RuntimeException e) {
            scan.close();
            throw e;
        }
        try (Material material = opened) {
            RestorationJob job = new RestorationJob(run.workflow().id(), material.scan(), material.scanLocation(),
                    material.references(), material.truth(), out, target, architecture, run.compositor(), training, TRAIN_EVERY,
                    material.extraReport(), granularity, format, masks, luma);
            String refusal = job.restoration().refusal(job);
            if (refusal != null) {
                throw new EmulsionException(refusal);
            }
            return stage.apply(job, progress.split(85));
        } catch (UncheckedIOException e) { // a stored frame read where it is used (the registration's pairs and held-out frames)
            throw new EmulsionException(e.getMessage(), e);
        } catch (EmulsionException e) {
            throw DiskSpace.isFull(e) ? DiskSpace.full(out, e) : e;
        }
    }

    /**
     * The training settings: the architecture's patch size and default preset, {@code --steps},
     * {@code --seed} and {@code --train-minutes}.
     */
    protected TrainingSettings training(WorkflowRun run, ArchitectureContribution architecture) throws EmulsionException {
        int minutes = run.intOption("train-minutes");
        if (minutes < 1) {
            throw new EmulsionException("--train-minutes must be at least 1, not " + minutes);
        }
        return new TrainingSettings(architecture.defaultPatchSize(), BATCH, run.intOption("steps"), Duration.ofMinutes(minutes),
                LEARNING_RATE, architecture.defaultPreset(), run.intOption("seed"));
    }

    /**
     * Opens {@code --scan}.
     *
     * @throws EmulsionException naming the file when it is missing or unreadable
     */
    protected FrameSource openScan(WorkflowRun run, IProgressMonitor monitor) throws EmulsionException {
        Path scanPath = existing(run, "scan");
        return Sources.open(Sources.scan(scanPath, "--scan"), scanPath, "--scan");
    }

    /**
     * Opens every reference the recipe declares, each matched in time to {@code scan} by its
     * temporal aligner (or frame for frame when it names none); a match an earlier run of this
     * launch stored is reused. The material returned owns {@code scan} and the references.
     *
     * @throws EmulsionException naming the file when a location is missing or unreadable, or a
     *                           reference shows none of the scan's frames (the scan is then left open)
     */
    protected Material openReferences(WorkflowRun run, FrameSource scan, IProgressMonitor monitor) throws EmulsionException {
        return openReferences(run, scan, existing(run, "scan"), false, monitor);
    }

    /**
     * {@link #openReferences(WorkflowRun, FrameSource, IProgressMonitor)} for a scan at {@code scanPath};
     * {@code amongReferences}: the scan is one of the references' paths and is not opened again as one.
     */
    private Material openReferences(WorkflowRun run, FrameSource scan, Path scanPath, boolean amongReferences, IProgressMonitor monitor)
            throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, 10);
        List<RestorationJob.Reference> references = new ArrayList<>();
        try {
            ResumeFolder resume = new ResumeFolder(run.outputDirectory());
            List<ReferenceRecipe> recipes = run.references();
            boolean scanSkipped = !amongReferences;
            for (ReferenceRecipe recipe : recipes) {
                for (String p : run.paths(recipe.option())) {
                    Path location = existingPath(recipe.option(), p);
                    if (!scanSkipped && location.equals(scanPath)) {
                        scanSkipped = true; // the element chosen as the scan (scanAmongReferences)
                        continue;
                    }
                    FrameSource source = Sources.open(Sources.reference(recipe, location), location, "--" + recipe.option());
                    int k = references.size();
                    progress.setTaskName("Matching " + location.getFileName() + " to the scan frames");
                    TemporalMatch match;
                    try {
                        match = matchInTime(resume, k, recipe, scan, source, progress.split(8 / Math.max(1, recipes.size())));
                    } catch (EmulsionException | RuntimeException e) {
                        source.close();
                        throw e;
                    }
                    references.add(new RestorationJob.Reference(recipe.role(), source, location, match, recipe.aligner(),
                            ReferenceSourceRegistry.get().colourDrifts(recipe.sourceId())));
                    if (Arrays.stream(match.referenceFrames()).noneMatch(r -> r != TemporalMatch.NONE)) {
                        throw new EmulsionException(location + ": shows none of the " + scan.frameCount() + " frames of " + scanPath
                                + " (" + match.method() + "); give a " + recipe.role() + " of the same film and reel");
                    }
                }
            }
            return new Material(scan, scanPath, references, null, null);
        } catch (EmulsionException | RuntimeException e) {
            references.forEach(r -> r.source().close());
            throw e;
        }
    }

    /**
     * The element that is the scan of a target whose scan is among its references
     * ({@link RestorationTarget#scanAmongReferences}): {@code --master} when the recipe declares it and
     * it is given, else the target's choice among the paths of the first reference option, each
     * opened to be compared and closed again.
     *
     * @throws EmulsionException naming the file when one is missing or unreadable, or when fewer than two elements are given
     */
    private static Path chooseScan(WorkflowRun run, RestorationTarget target, IProgressMonitor monitor) throws EmulsionException {
        if (run.references().isEmpty()) {
            throw new EmulsionException("workflow " + run.workflow().id() + " takes its scan among its references but declares none");
        }
        ReferenceRecipe recipe = run.references().get(0);
        List<String> given = run.paths(recipe.option());
        if (given.size() < 2) {
            throw new EmulsionException("--" + recipe.option() + " names " + given.size() + " element(s); give at least two, e.g. --"
                    + recipe.option() + " PRINT1 PRINT2");
        }
        if (run.hasOption("master") && !run.option("master").isBlank()) {
            Path master = existing(run, "master");
            for (String p : given) {
                if (existingPath(recipe.option(), p).equals(master)) {
                    return master;
                }
            }
            throw new EmulsionException("--master " + master + " is not one of the --" + recipe.option() + "; name one of them");
        }
        List<Path> locations = new ArrayList<>();
        List<FrameSource> opened = new ArrayList<>();
        try {
            SubMonitor.convert(monitor).setTaskName("Choosing the " + recipe.role() + " the others are matched to");
            for (String p : given) {
                Path location = existingPath(recipe.option(), p);
                locations.add(location);
                opened.add(Sources.open(Sources.reference(recipe, location), location, "--" + recipe.option()));
            }
            return locations.get(target.chooseScan(opened));
        } finally {
            opened.forEach(FrameSource::close);
        }
    }

    private static TemporalMatch matchInTime(ResumeFolder resume, int k, ReferenceRecipe recipe, FrameSource scan,
            FrameSource reference, IProgressMonitor monitor) throws EmulsionException {
        try {
            TemporalMatch match = resume.match(k);
            if (match == null || match.scanFrames() != scan.frameCount()) {
                if (recipe.temporalAligner() == null) {
                    match = frameForFrame(scan.frameCount(), reference.frameCount());
                } else if (resume.hasShots()) {
                    match = recipe.temporalAligner().match(scan, reference, monitor);
                } else {
                    // the match decodes every scan frame: the shot list is found from those frames on the way
                    try (ShotDetector.Tap tap = ShotDetector.tap(scan)) {
                        match = recipe.temporalAligner().match(tap, reference, monitor);
                        Optional<ShotList> shots = tap.shots();
                        if (shots.isPresent()) {
                            resume.saveShots(shots.get());
                        }
                    }
                }
                resume.saveMatch(k, match);
            }
            return match;
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }

    /** Scan frame i is reference frame i (a recipe without a temporal aligner); frames past the reference's end have none. */
    private static TemporalMatch frameForFrame(int scanFrames, int referenceFrames) {
        return TemporalMatch.known(IntStream.range(0, scanFrames).map(i -> i < referenceFrames ? i : TemporalMatch.NONE).toArray(),
                "frame for frame");
    }

    private static Granularity granularity(String value) throws EmulsionException {
        try {
            return Granularity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new EmulsionException("--granularity " + value + " is not offered; use one of "
                    + Arrays.stream(Granularity.values()).map(Granularity::id).toList());
        }
    }

    private static LumaMode lumaMode(String value) throws EmulsionException {
        try {
            return LumaMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new EmulsionException(e.getMessage());
        }
    }

    /** The existing location {@code --option} names. */
    protected static Path existing(WorkflowRun run, String option) throws EmulsionException {
        return existingPath(option, run.option(option));
    }

    private static Path existingPath(String option, String value) throws EmulsionException {
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new EmulsionException("--" + option + " " + path + " does not exist; check the path");
        }
        return path;
    }
}
