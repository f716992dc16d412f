package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.engine.Djl;
import org.emulsion.engine.FramePipeline;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.NonFiniteValueException;
import org.emulsion.engine.Rollback;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;
import org.emulsion.quality.ColourBaseline;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Reference-guided chroma recovery, the data flow every chroma workflow shares: find the scan's
 * shots and scenes, register each reference frame on its scan frame, curate training pairs per
 * shot (input: scan YCbCr; target: reference CbCr; mask: where the reference covers the scan),
 * train one model per sequence, scene or shot, infer every frame with its group's model, merge
 * with the compositor, write 16-bit TIFFs named like the scan's frames, and a report. A re-run
 * into the same output folder resumes: see {@link OutputDirectory#RESUME_DIR}.
 */
public final class ChromaPipeline {
    /** Alignments below this confidence are not trusted as training evidence. */
    public static final double MIN_CONFIDENCE = 0.5;
    /** Output sub-folder of the alignment report. */
    public static final String ALIGNMENT_DIR = "alignment";
    /** Aligned frames that get a difference image in the alignment report. */
    private static final int DIFFERENCE_SAMPLES = 6;
    /** Held-out frames the model is validated on and shows on its contact sheets. */
    private static final int HELD_OUT = 2;
    /** Output sub-folder of the training run: checkpoints (a re-run resumes from them) and contact sheets. */
    public static final String TRAINING_DIR = "training";
    private static final int VALIDATE_EVERY = 100;
    /** Frames decoded ahead of inference and waiting to be written. */
    private static final int INFERENCE_QUEUE = 2;

    private ChromaPipeline() {
    }

    /** What the aligner made of one scan frame; {@code alignment} is null when the frame has no reference. */
    public record Registered(int frame, int referenceFrame, SpatialAlignment alignment, boolean training) {
        public boolean hasReference() {
            return usable(alignment);
        }

        /** What progress shows while the frame is rendered (FramePipeline names frames by their string). */
        @Override
        public String toString() {
            return "frame " + (frame + 1);
        }
    }

    /** A training frame: the scan and the reference registered onto it (NaN where it does not cover the scan). */
    public record AlignedPair(String name, Image scan, Image registeredReference) {
    }

    /**
     * The result of the registration stage, shared by the model and by baselines fitted on the same pairs.
     *
     * @param pairs      the chosen training pairs (after the restorer's edits), in frame order
     * @param heldOut    a few confidently aligned frames spread over the film that are not training pairs:
     *                   the models are validated on them and show them on their contact sheets
     * @param shots      the scan's shots and scenes
     * @param candidates every frame tried as a training pair, chosen or rejected and why
     */
    public record Registration(List<Registered> frames, List<AlignedPair> pairs, List<AlignedPair> heldOut, ShotList shots,
            List<PairCuration.Candidate> candidates) {
    }

    /** Registers, trains, restores and reports; resumes an earlier run of the same job in the output folder. */
    public static WorkflowResult run(ChromaJob job, IProgressMonitor monitor) throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        progress.setTaskName("Aligning reference to scan");
        Registration registration = register(job, progress.split(15));
        return restore(job, registration, progress.split(85));
    }

    /**
     * Trains the models the granularity asks for on the registration's pairs, restores every scan
     * frame with its group's model, writes the frames and the report. Frames already written by an
     * earlier run of the job with the same model are kept; training resumes from its checkpoints.
     */
    public static WorkflowResult restore(ChromaJob job, Registration registration, IProgressMonitor monitor)
            throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, 85);
        Path out = job.outputDirectory();
        new ResumeFolder(out).claim(fingerprint(job));
        Path framesDir = out.resolve(Deliverables.FRAMES_DIR);
        try {
            Files.createDirectories(framesDir);
        } catch (IOException e) {
            throw new EmulsionException(framesDir + " cannot be created (" + e.getMessage() + "); check free space and permissions");
        }
        if (registration.pairs().isEmpty()) {
            throw new EmulsionException("No reference frame could be aligned to the scan with confidence >= "
                    + MIN_CONFIDENCE + " and usable as a training pair (see " + out.resolve(PairCuration.FILE) + "); check that "
                    + job.referenceLocation() + " shows the same shots as " + job.scanLocation());
        }
        Map<Integer, AlignedPair> pairsByFrame = new TreeMap<>();
        Map<String, Integer> frameOfName = new HashMap<>();
        registration.frames().forEach(r -> frameOfName.put(job.scan().frameName(r.frame()), r.frame()));
        registration.pairs().forEach(p -> pairsByFrame.put(frameOfName.get(p.name()), p));
        ModelPlan plan = ModelPlan.decide(job.granularity(), registration.shots(), job.scan().frameCount(), pairsByFrame);
        double workScale = workScale(registration);
        List<AlignedPair> scaledHeldOut = scaled(registration.heldOut(), workScale);
        List<TrainedModel> models = new ArrayList<>();
        List<ChromaInput> grades = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<TrainingSettings> budgets = split(job.training(), plan.models().stream().map(m -> m.pairFrames().size()).toList());
        try {
            SubMonitor training = SubMonitor.convert(progress.split(55), plan.models().size());
            for (ModelPlan.Model m : plan.models()) {
                List<AlignedPair> scaledPairs = scaled(m.pairFrames().stream().map(pairsByFrame::get).toList(), workScale);
                ChromaInput grade = preGrade(scaledPairs, job.architecture().inputChannels());
                List<TrainingPair> pairs = new ArrayList<>(scaledPairs.stream().map(p -> pair(p, grade)).toList());
                List<TrainingPair> heldOut = scaledHeldOut.stream().map(p -> pair(p, grade)).toList();
                TrainingSettings settings = budgets.get(models.size());
                String key = runKey(job, m, settings);
                progress.setTaskName("Training " + job.architecture().id() + " for " + m.covers() + " on " + pairs.size()
                        + " pairs (" + Djl.device() + ")");
                models.add(ModelTrainer.builder(job.architecture().instance(), pairs, settings)
                        .runDirectory(out.resolve(TRAINING_DIR).resolve(key)).previews(heldOut)
                        .validation(heldOut, VALIDATE_EVERY, 0) // keeps the best weights on frames it never trained on
                        .train(training.split(1)));
                grades.add(grade);
                keys.add(key);
                pairs.clear(); // free the training frames before the next model
            }
            progress.setTaskName("Restoring frames");
            Metrics metrics = new Metrics(job.truth() != null);
            String[] modelKeys = new String[job.scan().frameCount()];
            for (int f = 0; f < modelKeys.length; f++) {
                modelKeys[f] = keys.get(plan.modelOfFrame()[f]);
            }
            List<Provenance.ModelRecord> records = new ArrayList<>();
            for (int m = 0; m < models.size(); m++) {
                ModelPlan.Model planned = plan.models().get(m);
                Path checkpoint = Provenance.saveCheckpoint(models.get(m), out.resolve("model").resolve(planned.id()), "chroma");
                records.add(Provenance.model(job, registration, planned, models.get(m), checkpoint));
            }
            Provenance provenance = Provenance.of(job, records);
            // a model that yields NaN is refused before any frame is written (the frame writer refuses NaN too)
            for (int m = 0; m < models.size(); m++) {
                if (!scaledHeldOut.isEmpty()) {
                    chroma(models.get(m), grades.get(m), scaledHeldOut.get(0).scan(), 1);
                }
            }
            inferAll(job, models, grades, plan, modelKeys, workScale, registration.frames(), framesDir, provenance, metrics,
                    progress.split(22));
            progress.setTaskName("Writing baseline and report");
            JsonObject report = report(job, registration, plan, models, keys, metrics);
            report.getAsJsonObject("training").addProperty("workScale", workScale);
            report.getAsJsonObject("training").add("input", grades.get(0).toJson());
            // The baseline is one match grade for the whole film, as a colourist would make it, whatever the granularity.
            ColourBaseline matchGrade = (models.size() == 1 ? grades.get(0)
                    : preGrade(scaled(registration.pairs(), workScale), job.architecture().inputChannels())).grade();
            Path reportFile = Deliverables.write(job, registration, matchGrade, provenance, report, progress.split(8));
            return new WorkflowResult(out, reportFile, metrics.summary(models, plan, framesDir));
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        } catch (NonFiniteValueException e) {
            throw new EmulsionException(e.getMessage(), e);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof NonFiniteValueException) { // named by the frame pipeline
                throw new EmulsionException(e.getMessage(), e);
            }
            throw e;
        } finally {
            models.forEach(TrainedModel::close);
        }
    }

    /**
     * The job's training budget split over the models in proportion to their pairs: the time
     * exactly, the steps by largest remainders (so they add up to the job's), at least one each.
     */
    static List<TrainingSettings> split(TrainingSettings total, List<Integer> pairs) {
        double all = pairs.stream().mapToInt(Integer::intValue).sum();
        int[] steps = new int[pairs.size()];
        double[] remainders = new double[pairs.size()];
        int given = 0;
        for (int m = 0; m < steps.length; m++) {
            double exact = total.maxSteps() * pairs.get(m) / all;
            steps[m] = (int) exact;
            remainders[m] = exact - steps[m];
            given += steps[m];
        }
        for (int left = total.maxSteps() - given; left > 0; left--) {
            int best = 0;
            for (int m = 1; m < steps.length; m++) {
                best = remainders[m] > remainders[best] ? m : best;
            }
            steps[best]++;
            remainders[best] = -1;
        }
        List<TrainingSettings> budgets = new ArrayList<>();
        for (int m = 0; m < steps.length; m++) {
            budgets.add(new TrainingSettings(total.patchSize(), total.batchSize(), Math.max(1, steps[m]),
                    Duration.ofMillis((long) (total.timeBudget().toMillis() * (pairs.get(m) / all))), total.learningRate(),
                    total.preset(), total.seed()));
        }
        return budgets;
    }

    /**
     * A model's run folder name: its id and a digest of what it learns from (pairs, settings,
     * architecture), so that an edited pair choice trains afresh instead of resuming another
     * recipe's checkpoints, and an unchanged model resumes.
     */
    private static String runKey(ChromaJob job, ModelPlan.Model model, TrainingSettings settings) {
        String recipe = model.pairFrames() + "|" + settings + "|" + job.architecture().id();
        return model.id() + "-" + Provenance.sha256(recipe).substring(0, 8);
    }

    /**
     * Finds the shots, aligns each scan frame's reference frame (per the job's temporal match:
     * per shot, then refined per frame), curates the training pairs ({@link PairCuration};
     * {@value PairCuration#FILE} in the output folder lists them for the restorer) and writes the
     * alignment report a restorer checks ({@value #ALIGNMENT_DIR}/). All of it is kept in
     * {@value OutputDirectory#RESUME_DIR}/: a re-run of the job reuses it without aligning again,
     * honouring the restorer's edits of {@value PairCuration#FILE}.
     *
     * @throws EmulsionException when the output folder holds another job's run, or reading fails
     */
    public static Registration register(ChromaJob job, IProgressMonitor monitor) throws EmulsionException {
        int frames = job.scan().frameCount();
        if (job.match().scanFrames() != frames) {
            throw new EmulsionException("the temporal match covers " + job.match().scanFrames() + " frames but the scan "
                    + job.scanLocation() + " has " + frames);
        }
        SubMonitor progress = SubMonitor.convert(monitor, 20);
        ResumeFolder resume = new ResumeFolder(job.outputDirectory());
        resume.claimPreparation(preparation(job));
        try {
            ShotList shots = resume.shots();
            if (shots == null) {
                progress.subTask("finding shots");
                shots = ShotDetector.detect(job.scan(), progress.split(4));
                resume.saveShots(shots);
            }
            progress.setWorkRemaining(16);
            ResumeFolder.StoredRegistration stored = resume.registration();
            if (stored == null) {
                stored = align(job, shots, resume, progress.split(15));
            }
            progress.setWorkRemaining(1);
            return curated(job, shots, stored, resume, progress.split(1));
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }

    /** Aligns the sequence, tries candidates as they go by and stores the registration (see {@link #register}). */
    private static ResumeFolder.StoredRegistration align(ChromaJob job, ShotList shots, ResumeFolder resume, IProgressMonitor monitor)
            throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, 10);
        int frames = job.scan().frameCount();
        // held-out frames: the first usable ones from evenly spaced marks along the film, which are kept out of the pairs
        Set<Integer> marks = new HashSet<>();
        for (int k = 0; k < HELD_OUT; k++) {
            marks.add((int) ((k + 0.5) * frames / HELD_OUT));
        }
        PairCuration curation = new PairCuration(shots, job.trainEvery(), marks);
        List<PairCuration.Candidate> candidates = new ArrayList<>();
        List<Integer> heldOut = new ArrayList<>();
        List<SequenceAligner.Frame> aligned = SequenceAligner.align(job.scan(), job.reference(), job.match(), job.aligner(),
                (frame, scan, reference) -> {
                    int f = frame.scanFrame();
                    String role = curation.roleOf(f);
                    boolean held = role == null && usable(frame.alignment()) && heldOut.size() < HELD_OUT
                            && f >= (int) ((heldOut.size() + 0.5) * frames / HELD_OUT);
                    if (role == null && !held) {
                        return;
                    }
                    Image warped = job.aligner().warp(reference, frame.alignment(), scan.width(), scan.height());
                    String rejection = PairCuration.rejection(frame.alignment(), scan, reference, warped);
                    if (role != null) {
                        candidates.add(curation.verdict(f, frame.referenceFrame(), rejection));
                    } else if (rejection == null) {
                        heldOut.add(f);
                    } else {
                        return;
                    }
                    resume.saveWarped(f, warped);
                }, progress.split(9));
        progress.subTask("writing the alignment report");
        AlignmentReport.write(job.outputDirectory().resolve(ALIGNMENT_DIR), job.scan(), job.reference(), job.match(), aligned,
                job.aligner(), DIFFERENCE_SAMPLES);
        resume.saveRegistration(aligned, candidates, heldOut); // last: its presence means the registration is complete
        progress.split(1);
        return resume.registration();
    }

    /**
     * The registration with the restorer's edits of {@value PairCuration#FILE} applied (the file is
     * written back, so it always lists every candidate), and the chosen and held-out pairs read.
     */
    private static Registration curated(ChromaJob job, ShotList shots, ResumeFolder.StoredRegistration stored, ResumeFolder resume,
            IProgressMonitor monitor) throws IOException, EmulsionException {
        Path pairsFile = job.outputDirectory().resolve(PairCuration.FILE);
        List<PairCuration.Candidate> candidates = PairCuration.applyEdits(pairsFile, stored.candidates());
        PairCuration.write(pairsFile, candidates, job.scan(), job.reference());
        Set<Integer> chosen = new HashSet<>();
        candidates.stream().filter(PairCuration.Candidate::chosen).forEach(c -> chosen.add(c.scanFrame()));
        SubMonitor progress = SubMonitor.convert(monitor, chosen.size() + stored.heldOut().size());
        List<Registered> registered = new ArrayList<>();
        List<AlignedPair> pairs = new ArrayList<>();
        for (ResumeFolder.StoredFrame f : stored.frames()) {
            registered.add(new Registered(f.frame(), f.referenceFrame(), f.alignment(), chosen.contains(f.frame())));
            if (chosen.contains(f.frame())) {
                pairs.add(load(job, resume, f.frame()));
                progress.split(1);
            }
        }
        List<AlignedPair> heldOut = new ArrayList<>();
        for (int f : stored.heldOut()) {
            heldOut.add(load(job, resume, f));
            progress.split(1);
        }
        return new Registration(registered, pairs, heldOut, shots, candidates);
    }

    private static AlignedPair load(ChromaJob job, ResumeFolder resume, int frame) throws IOException {
        return new AlignedPair(job.scan().frameName(frame), job.scan().read(frame), resume.warped(frame));
    }

    /**
     * What makes a registration this job's: the inputs (locations, frame names and sizes, the
     * temporal match) and the settings that shape the alignment and the pairs. A prepared folder
     * ({@link #register} alone) may then be restored with any training settings, granularity
     * and format; the first {@link #restore} fixes those too ({@link #fingerprint}).
     */
    static JsonObject preparation(ChromaJob job) {
        JsonObject json = new JsonObject();
        json.addProperty("workflow", job.workflowId());
        json.addProperty("scan", job.scanLocation().toAbsolutePath().normalize().toString());
        json.addProperty("scanFrames", describe(job.scan()));
        json.addProperty("reference", job.referenceLocation().toAbsolutePath().normalize().toString());
        json.addProperty("referenceFrames", describe(job.reference()));
        json.addProperty("temporalMatch", job.match().method() + " " + Provenance.sha256(Arrays.toString(job.match().referenceFrames())));
        json.addProperty("aligner", job.aligner().getClass().getName());
        json.addProperty("trainEvery", job.trainEvery());
        return json;
    }

    /**
     * What makes a run this job's: its {@link #preparation} and every setting that shapes the
     * result. An output folder holding a run with another fingerprint is refused rather than
     * mixed with this one.
     */
    static JsonObject fingerprint(ChromaJob job) {
        JsonObject json = preparation(job);
        json.addProperty("architecture", job.architecture().id());
        json.addProperty("compositor", job.compositor().getClass().getName());
        json.addProperty("training", job.training().toString());
        json.addProperty("granularity", job.granularity().id());
        return json;
    }

    private static String describe(FrameSource source) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < source.frameCount(); i++) {
            names.append(source.frameName(i)).append('\n');
        }
        return source.frameCount() + " frames " + source.info().width() + "x" + source.info().height() + " "
                + source.info().bitDepth() + "-bit, names " + Provenance.sha256(names.toString()).substring(0, 16);
    }

    private static boolean usable(SpatialAlignment alignment) {
        return whyUnusable(alignment) == null;
    }

    /** Why an alignment is not trusted as training or scoring evidence, for people; null when it is. */
    static String whyUnusable(SpatialAlignment alignment) {
        if (alignment == null) {
            return "the reference frame could not be aligned";
        }
        if (alignment.isRejected()) {
            return "the aligner refused it: " + alignment.rejection();
        }
        if (alignment.confidence() < MIN_CONFIDENCE) {
            return String.format(Locale.ROOT, "alignment confidence %.2f is below %.2f", alignment.confidence(), MIN_CONFIDENCE);
        }
        return null;
    }

    /** The network's input: a global match grade fitted on the training pairs, and position if the architecture takes it (see {@link ChromaInput}). */
    private static ChromaInput preGrade(List<AlignedPair> pairs, int channels) {
        return ChromaInput.fit(pairs, channels);
    }

    /** Input, target and mask of a training pair (see {@link ChromaInput#pair}). */
    private static TrainingPair pair(AlignedPair aligned, ChromaInput input) {
        return input.pair(aligned);
    }

    /**
     * The scale at which the model works: the reference's own resolution on the scan (a 16 mm
     * print or a DVD holds less detail than the scan). Training there pairs equally sharp
     * images, so the network learns colour rather than the reference's blur; the correction it
     * predicts is then enlarged and added to the scan's full-resolution chroma. Never above 1.
     */
    static double workScale(Registration registration) {
        List<Registered> aligned = registration.frames().stream().filter(Registered::training).toList();
        double[] scales = new double[aligned.size()];
        for (int i = 0; i < scales.length; i++) {
            double[] h = aligned.get(i).alignment().homography();
            scales[i] = 1 / Math.sqrt(Math.abs(h[0] * h[4] - h[1] * h[3]));
        }
        java.util.Arrays.sort(scales);
        double median = scales.length == 0 ? 1 : scales[scales.length / 2];
        return Math.max(0.25, Math.min(1, median));
    }

    private static List<AlignedPair> scaled(List<AlignedPair> pairs, double scale) {
        return pairs.stream()
                .map(p -> new AlignedPair(p.name(), scaled(p.scan(), scale), scaled(p.registeredReference(), scale))).toList();
    }

    private static Image scaled(Image image, double scale) {
        return scale >= 0.999 ? image : OpenCv.resize(image, Math.max(1, (int) Math.round(image.width() * scale)),
                Math.max(1, (int) Math.round(image.height() * scale)));
    }

    /**
     * The model's chroma for a scan frame: predicted at the work scale from the pre-graded scan,
     * taken as a correction of the scan's own chroma, enlarged, and added to the scan's
     * full-resolution chroma (whose detail the reference never had).
     */
    private static Image chroma(TrainedModel model, ChromaInput input, Image scan, double workScale) {
        Image full = Colour.channels(Colour.ycbcr(scan), 1, 2);
        Image small = scaled(scan, workScale);
        Image predicted = model.predict(input.of(small));
        float[] correction = predicted.data();
        float[] own = Colour.channels(Colour.ycbcr(small), 1, 2).data();
        for (int i = 0; i < correction.length; i++) {
            correction[i] -= own[i];
        }
        float[] enlarged = OpenCv.resize(predicted, scan.width(), scan.height()).data();
        float[] out = full.data();
        for (int i = 0; i < out.length; i++) {
            out[i] += enlarged[i];
        }
        return full;
    }

    /**
     * Restores every scan frame through a {@link FramePipeline} with its group's model: decoding
     * and encoding overlap inference. A frame already written by an earlier run with the same
     * model is kept (frames are written under a temporary name, then renamed: a present frame is
     * complete); one written by another model (edited pairs, another granularity) is rendered again.
     * With a truth to score against, kept frames are read back and scored too.
     */
    private static void inferAll(ChromaJob job, List<TrainedModel> models, List<ChromaInput> grades, ModelPlan plan,
            String[] modelKeys, double workScale, List<Registered> registered, Path framesDir, Provenance provenance, Metrics metrics,
            IProgressMonitor monitor)
            throws IOException {
        ResumeFolder resume = new ResumeFolder(job.outputDirectory());
        String[] before = resume.renderedBy(modelKeys.length);
        List<FrameSlot> slots = new ArrayList<>();
        for (Registered r : registered) {
            FrameSlot slot = new FrameSlot(r, framesDir.resolve(job.format().fileName(job.scan().frameName(r.frame()))));
            boolean present = Files.isRegularFile(slot.file);
            if (present && (before == null || !modelKeys[r.frame()].equals(before[r.frame()]))) {
                Files.delete(slot.file); // rendered by a model this run does not have
                present = false;
            }
            slot.done = present;
            if (!present || job.truth() != null) {
                slots.add(slot);
            }
        }
        resume.saveRenderedBy(modelKeys); // before any frame: a frame on disk is always its model's
        FramePipeline<FrameSlot> pipeline = FramePipeline.perFrame(slot -> {
            slot.scan = job.scan().read(slot.frame.frame());
            if (slot.done) {
                slot.result = ImageFiles.read(slot.file).image();
            }
            return slot.scan;
        }, (slot, scan) -> {
            if (slot.done) {
                return slot.result;
            }
            int m = plan.modelOfFrame()[slot.frame.frame()];
            return job.compositor().compose(scan, chroma(models.get(m), grades.get(m), scan, workScale), List.of(), null);
        }, (slot, result) -> {
            if (!slot.done) {
                String name = job.scan().frameName(slot.frame.frame());
                job.format().write(framesDir, name, result, provenance.frameMetadata(name, plan.modelOfFrame()[slot.frame.frame()]));
            }
            if (job.truth() != null) {
                Image truth = job.truth().read(slot.frame.frame());
                Image ceiling = job.compositor().compose(slot.scan, Colour.channels(Colour.ycbcr(truth), 1, 2), List.of(), null);
                metrics.add(slot.frame.training(), slot.frame.hasReference(), slot.scan, result, truth, ceiling);
            }
            slot.scan = null;
            slot.result = null;
        }, INFERENCE_QUEUE);
        pipeline.run(slots, monitor);
    }

    /** One frame on its way through the inference pipeline (handed between its threads by the pipeline's queues). */
    private static final class FrameSlot {
        final Registered frame;
        final Path file;
        /** Whether an earlier run already wrote it. */
        boolean done;
        Image scan;
        Image result;

        FrameSlot(Registered frame, Path file) {
            this.frame = frame;
            this.file = file;
        }

        @Override
        public String toString() {
            return "scan frame " + frame.frame();
        }
    }

    private static JsonObject report(ChromaJob job, Registration registration, ModelPlan plan, List<TrainedModel> models,
            List<String> keys, Metrics metrics) {
        List<Registered> registered = registration.frames();
        JsonObject report = new JsonObject();
        report.addProperty("workflow", job.workflowId());
        report.addProperty("complete", true);
        report.addProperty("finished", Instant.now().toString());

        JsonObject inputs = new JsonObject();
        inputs.addProperty("frames", job.scan().frameCount());
        inputs.addProperty("scanSize", job.scan().info().width() + "x" + job.scan().info().height());
        inputs.addProperty("scanBitDepth", job.scan().info().bitDepth());
        inputs.addProperty("referenceSize", job.reference().info().width() + "x" + job.reference().info().height());
        report.add("inputs", inputs);

        JsonArray alignment = new JsonArray();
        Set<String> heldOut = new HashSet<>(registration.heldOut().stream().map(AlignedPair::name).toList());
        for (Registered r : registered) {
            JsonObject a = new JsonObject();
            a.addProperty("index", r.frame());
            a.addProperty("frame", job.scan().frameName(r.frame()));
            a.addProperty("referenceFrame", r.referenceFrame() == TemporalMatch.NONE ? null : job.reference().frameName(r.referenceFrame()));
            a.addProperty("usedForTraining", r.training());
            a.addProperty("heldOut", heldOut.contains(job.scan().frameName(r.frame())));
            if (r.referenceFrame() != TemporalMatch.NONE && whyUnusable(r.alignment()) != null) {
                a.addProperty("rejected", whyUnusable(r.alignment()));
            }
            if (r.alignment() != null) {
                a.addProperty("confidence", r.alignment().confidence());
                JsonArray h = new JsonArray();
                for (double v : r.alignment().homography()) {
                    h.add(v);
                }
                a.add("homography", h);
            }
            alignment.add(a);
        }
        report.add("alignment", alignment);
        report.addProperty("alignmentReport", ALIGNMENT_DIR + "/" + AlignmentReport.JSON);
        report.addProperty("minConfidence", MIN_CONFIDENCE);
        report.addProperty("temporalMethod", job.match().method());
        report.addProperty("alignmentMethod", registered.stream().filter(r -> r.alignment() != null).findFirst()
                .map(r -> r.alignment().method()).orElse(""));

        report.add("shots", ranges(job, registration.shots().shots()));
        report.add("scenes", ranges(job, registration.shots().scenes()));
        report.add("granularity", granularity(job, plan));
        report.add("pairs", pairs(job, registration.candidates()));

        JsonObject training = new JsonObject();
        training.addProperty("architecture", job.architecture().id());
        training.addProperty("device", Djl.device().toString());
        training.addProperty("pairs", registered.stream().filter(Registered::training).count());
        training.addProperty("models", models.size());
        training.addProperty("steps", models.stream().mapToInt(TrainedModel::steps).sum());
        training.addProperty("seconds", models.stream().mapToDouble(TrainedModel::trainingSeconds).sum());
        training.addProperty("patchSize", job.training().patchSize());
        training.addProperty("batchSize", job.training().batchSize());
        training.addProperty("learningRate", job.training().learningRate());
        training.addProperty("preset", job.training().preset().name());
        training.addProperty("baseWidth", job.training().preset().baseWidth());
        training.addProperty("depth", job.training().preset().depth());
        training.addProperty("seed", job.training().seed());
        training.addProperty("budget", "the job's steps and time split over the models in proportion to their pairs");
        // the curves of the model with the most pairs (the only one at sequence granularity); each model's under perModel
        int main = 0;
        for (int m = 1; m < models.size(); m++) {
            main = plan.models().get(m).pairFrames().size() > plan.models().get(main).pairFrames().size() ? m : main;
        }
        curves(training, models.get(main));
        training.addProperty("runFolder", TRAINING_DIR + "/<model>-<recipe digest>/ (checkpoints, contact sheets: input | target | output)");
        JsonArray perModel = new JsonArray();
        for (int m = 0; m < models.size(); m++) {
            ModelPlan.Model model = plan.models().get(m);
            JsonObject o = new JsonObject();
            o.addProperty("id", model.id());
            o.addProperty("covers", model.covers());
            o.addProperty("pairs", model.pairFrames().size());
            o.addProperty("runFolder", TRAINING_DIR + "/" + keys.get(m));
            o.addProperty("steps", models.get(m).steps());
            o.addProperty("seconds", models.get(m).trainingSeconds());
            JsonArray rollbacks = new JsonArray();
            for (Rollback r : models.get(m).rollbacks()) {
                JsonObject rb = new JsonObject();
                rb.addProperty("failedStep", r.failedStep());
                rb.addProperty("toStep", r.toStep());
                rb.addProperty("cause", r.cause() + " not finite");
                rb.addProperty("learningRateScale", r.rateScale());
                rollbacks.add(rb);
            }
            o.add("rollbacks", rollbacks);
            curves(o, models.get(m));
            perModel.add(o);
        }
        training.add("perModel", perModel);
        report.add("training", training);
        if (metrics.known()) {
            report.add("metrics", metrics.toJson());
        }
        if (job.extraReport() != null) {
            job.extraReport().entrySet().forEach(e -> report.add(e.getKey(), e.getValue()));
        }
        return report;
    }

    private static void curves(JsonObject json, TrainedModel model) {
        json.add("lossCurve", lossCurve(model.lossCurve(), 200));
        JsonArray validation = new JsonArray();
        model.validationCurve().forEach(v -> {
            JsonArray point = new JsonArray();
            point.add(v.step());
            point.add(v.loss());
            validation.add(point);
        });
        json.add("validationCurve", validation);
        json.addProperty("bestStep", model.bestStep());
    }

    private static JsonArray ranges(ChromaJob job, List<FrameRange> ranges) {
        JsonArray list = new JsonArray();
        for (FrameRange r : ranges) {
            JsonObject o = new JsonObject();
            o.addProperty("first", r.first());
            o.addProperty("last", r.last());
            o.addProperty("firstFrame", job.scan().frameName(r.first()));
            o.addProperty("lastFrame", job.scan().frameName(r.last()));
            list.add(o);
        }
        return list;
    }

    private static JsonObject granularity(ChromaJob job, ModelPlan plan) {
        JsonObject json = new JsonObject();
        json.addProperty("requested", job.granularity().id());
        json.addProperty("chosen", plan.granularity().id());
        json.addProperty("reason", plan.reason());
        json.add("evidence", plan.evidence());
        JsonArray fallbacks = new JsonArray();
        plan.fallbacks().forEach(fallbacks::add);
        json.add("fallbacks", fallbacks);
        JsonArray models = new JsonArray();
        for (ModelPlan.Model m : plan.models()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", m.id());
            o.addProperty("covers", m.covers());
            JsonArray frames = new JsonArray();
            m.pairFrames().forEach(f -> frames.add(job.scan().frameName(f)));
            o.add("pairFrames", frames);
            models.add(o);
        }
        json.add("models", models);
        return json;
    }

    private static JsonObject pairs(ChromaJob job, List<PairCuration.Candidate> candidates) {
        JsonObject json = new JsonObject();
        json.addProperty("file", PairCuration.FILE + " (edit \"chosen\" and run again to override)");
        json.addProperty("chosen", candidates.stream().filter(PairCuration.Candidate::chosen).count());
        json.addProperty("rejected", candidates.stream().filter(c -> !c.chosen()).count());
        json.addProperty("overriddenByRestorer", candidates.stream().filter(PairCuration.Candidate::overridden).count());
        JsonArray list = new JsonArray();
        for (PairCuration.Candidate c : candidates) {
            JsonObject o = new JsonObject();
            o.addProperty("scanFrame", job.scan().frameName(c.scanFrame()));
            o.addProperty("referenceFrame", job.reference().frameName(c.referenceFrame()));
            o.addProperty("shot", c.shot());
            o.addProperty("chosen", c.chosen());
            o.addProperty("tried", c.role());
            if (c.reason() != null) {
                o.addProperty("rejected", c.reason());
            }
            if (c.overridden()) {
                o.addProperty("override", "the restorer " + (c.chosen() ? "chose" : "rejected") + " it in " + PairCuration.FILE);
            }
            list.add(o);
        }
        json.add("candidates", list);
        return json;
    }

    /** The loss curve averaged into at most {@code points} windows of [step, loss]. */
    private static JsonArray lossCurve(List<Float> losses, int points) {
        JsonArray curve = new JsonArray();
        int window = Math.max(1, (losses.size() + points - 1) / points);
        for (int start = 0; start < losses.size(); start += window) {
            int end = Math.min(losses.size(), start + window);
            double sum = 0;
            for (int i = start; i < end; i++) {
                sum += losses.get(i);
            }
            JsonArray point = new JsonArray();
            point.add(end);
            point.add(sum / (end - start));
            curve.add(point);
        }
        return curve;
    }

    /** CIEDE2000 of the result and of the scan as it is against the truth, all frames and held-out frames. */
    private static final class Metrics {
        private final boolean known;
        private final List<double[]> all = new ArrayList<>();
        private final List<double[]> heldOut = new ArrayList<>();
        private final List<double[]> withoutReference = new ArrayList<>();

        Metrics(boolean known) {
            this.known = known;
        }

        boolean known() {
            return known;
        }

        /** @param ceiling the truth's colour on the scan's luma: the best a chroma-mode result can be */
        void add(boolean training, boolean hasReference, Image scan, Image result, Image truth, Image ceiling) {
            Colour.Stats r = Colour.deltaE2000(result, truth, null);
            Colour.Stats s = Colour.deltaE2000(scan, truth, null);
            double[] row = {r.mean(), r.p95(), s.mean(), s.p95(), Colour.deltaE2000(ceiling, truth, null).mean()};
            all.add(row);
            if (!training) {
                heldOut.add(row);
            }
            if (!hasReference) {
                withoutReference.add(row);
            }
        }

        JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.add("allFrames", stats(all));
            json.add("heldOutFrames", stats(heldOut));
            json.add("framesWithoutReference", stats(withoutReference));
            return json;
        }

        private static JsonObject stats(List<double[]> rows) {
            JsonObject json = new JsonObject();
            json.addProperty("frames", rows.size());
            json.addProperty("deltaE2000Result", mean(rows, 0));
            json.addProperty("deltaE2000ResultP95", mean(rows, 1));
            json.addProperty("deltaE2000Scan", mean(rows, 2));
            json.addProperty("deltaE2000ScanP95", mean(rows, 3));
            json.addProperty("deltaE2000ChromaModeCeiling", mean(rows, 4));
            return json;
        }

        private static double mean(List<double[]> rows, int column) {
            return rows.stream().mapToDouble(r -> r[column]).average().orElse(Double.NaN);
        }

        Map<String, String> summary(List<TrainedModel> models, ModelPlan plan, Path framesDir) {
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("frames", framesDir.toString());
            summary.put("models", models.size() + " (" + plan.granularity().id() + ": " + plan.reason() + ")");
            for (int m = 0; m < models.size(); m++) {
                TrainedModel model = models.get(m);
                summary.put("training " + plan.models().get(m).id(), String.format("%d steps in %.0f s, final loss %.4f",
                        model.steps(), model.trainingSeconds(),
                        model.lossCurve().isEmpty() ? Double.NaN : model.lossCurve().get(model.lossCurve().size() - 1)));
            }
            if (known) {
                summary.put("ΔE2000 scan as is", String.format("%.2f", mean(all, 2)));
                summary.put("ΔE2000 result", String.format("%.2f (held-out frames: %.2f)", mean(all, 0), mean(heldOut, 0)));
                summary.put("ΔE2000 best reachable keeping the scan's luma", String.format("%.2f", mean(all, 4)));
            }
            return summary;
        }
    }
}
