package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.core.image.Image;
import org.emulsion.engine.Djl;
import org.emulsion.engine.FramePipeline;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Reference-guided chroma recovery, the data flow every chroma workflow shares: register each
 * reference frame on its scan frame, build pairs (input: scan YCbCr; target: reference CbCr;
 * mask: where the reference covers the scan), train the architecture, infer every frame, merge
 * with the compositor, write 16-bit TIFFs named like the scan's frames, and a report.
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
    static final String DIGITAL_SOURCE_TYPE = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";

    private ChromaPipeline() {
    }

    /** What the aligner made of one scan frame; {@code alignment} is null when the frame has no reference. */
    public record Registered(int frame, int referenceFrame, SpatialAlignment alignment, boolean training) {
        public boolean hasReference() {
            return usable(alignment);
        }
    }

    /** A training frame: the scan and the reference registered onto it (NaN where it does not cover the scan). */
    public record AlignedPair(String name, Image scan, Image registeredReference) {
    }

    /**
     * The result of the registration stage, shared by the model and by baselines fitted on the same pairs.
     *
     * @param heldOut a few confidently aligned frames spread over the film that are not training pairs:
     *                the model is validated on them and shows them on its contact sheets
     */
    public record Registration(List<Registered> frames, List<AlignedPair> pairs, List<AlignedPair> heldOut) {
    }

    /** Registers, trains, restores and reports. */
    public static WorkflowResult run(ChromaJob job, IProgressMonitor monitor) throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        progress.setTaskName("Aligning reference to scan");
        Registration registration = register(job, progress.split(15));
        return restore(job, registration, progress.split(85));
    }

    /** Trains on the registration's pairs, restores every scan frame, writes the frames and the report. */
    public static WorkflowResult restore(ChromaJob job, Registration registration, IProgressMonitor monitor)
            throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, 85);
        Path out = job.outputDirectory();
        Path framesDir = out.resolve("frames");
        try {
            Files.createDirectories(framesDir);
        } catch (IOException e) {
            throw new EmulsionException(framesDir + " cannot be created (" + e.getMessage() + ")");
        }

        List<Registered> registered = registration.frames();
        List<TrainingPair> pairs = new ArrayList<>();
        double workScale = workScale(registration);
        List<AlignedPair> scaledPairs = scaled(registration.pairs(), workScale);
        ChromaInput grade = preGrade(scaledPairs, job.architecture().inputChannels());
        scaledPairs.forEach(p -> pairs.add(pair(p, grade)));
        List<TrainingPair> heldOut = scaled(registration.heldOut(), workScale).stream().map(p -> pair(p, grade)).toList();
        progress.setTaskName("Training " + job.architecture().id() + " on " + pairs.size() + " pairs (" + Djl.device() + ")");
        if (pairs.isEmpty()) {
            throw new EmulsionException("No reference frame could be aligned to the scan with confidence >= "
                    + MIN_CONFIDENCE + "; check that " + job.referenceLocation() + " shows the same shots as " + job.scanLocation());
        }
        try (TrainedModel model = ModelTrainer.builder(job.architecture().instance(), pairs, job.training())
                .runDirectory(out.resolve(TRAINING_DIR)).previews(heldOut)
                .validation(heldOut, VALIDATE_EVERY, 0) // keeps the best weights on frames it never trained on
                .train(progress.split(55))) {
            pairs.clear(); // free the training frames before inference
            progress.setTaskName("Restoring frames");
            Metrics metrics = new Metrics(job.truth() != null);
            inferAll(job, model, grade, workScale, registered, framesDir, metrics, progress.split(28));
            Path modelDir = out.resolve("model");
            Files.createDirectories(modelDir);
            model.save(modelDir, "chroma");
            progress.setTaskName("Writing report");
            JsonObject report = report(job, registered, model, metrics);
            report.getAsJsonObject("training").addProperty("workScale", workScale);
            report.getAsJsonObject("training").add("input", grade.toJson());
            Path reportFile = out.resolve("report.json");
            JsonFiles.write(reportFile, report);
            progress.split(2).done();
            return new WorkflowResult(out, reportFile, metrics.summary(model, framesDir));
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }

    /**
     * Aligns each scan frame's reference frame (per the job's temporal match: per shot, then refined
     * per frame), keeps every {@code trainEvery}-th confidently aligned frame as a training pair and
     * writes the alignment report a restorer checks ({@value #ALIGNMENT_DIR}/ in the output folder).
     */
    public static Registration register(ChromaJob job, IProgressMonitor monitor) throws EmulsionException {
        int frames = job.scan().frameCount();
        if (job.match().scanFrames() != frames) {
            throw new EmulsionException("the temporal match covers " + job.match().scanFrames() + " frames but the scan "
                    + job.scanLocation() + " has " + frames);
        }
        SubMonitor progress = SubMonitor.convert(monitor, 10);
        List<Registered> registered = new ArrayList<>();
        List<AlignedPair> pairs = new ArrayList<>();
        List<AlignedPair> heldOut = new ArrayList<>();
        Set<Integer> trainingFrames = new HashSet<>();
        int[] confident = {0};
        try {
            List<SequenceAligner.Frame> aligned = SequenceAligner.align(job.scan(), job.reference(), job.match(), job.aligner(),
                    (frame, scan, reference) -> {
                        if (!usable(frame.alignment())) {
                            return;
                        }
                        boolean training = confident[0]++ % job.trainEvery() == 0;
                        // held-out frames: the first usable ones past evenly spaced marks along the film
                        boolean held = !training && heldOut.size() < HELD_OUT
                                && frame.scanFrame() >= (heldOut.size() + 0.5) * frames / HELD_OUT;
                        if (training || held) {
                            Image warped = job.aligner().warp(reference, frame.alignment(), scan.width(), scan.height());
                            (training ? pairs : heldOut).add(new AlignedPair(job.scan().frameName(frame.scanFrame()), scan, warped));
                        }
                        if (training) {
                            trainingFrames.add(frame.scanFrame());
                        }
                    }, progress.split(9));
            for (SequenceAligner.Frame f : aligned) {
                registered.add(new Registered(f.scanFrame(), f.referenceFrame(), f.alignment(), trainingFrames.contains(f.scanFrame())));
            }
            progress.subTask("writing the alignment report");
            AlignmentReport.write(job.outputDirectory().resolve(ALIGNMENT_DIR), job.scan(), job.reference(), job.match(), aligned,
                    job.aligner(), DIFFERENCE_SAMPLES);
            progress.split(1);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
        return new Registration(registered, pairs, heldOut);
    }

    private static boolean usable(SpatialAlignment alignment) {
        return alignment != null && !alignment.isRejected() && alignment.confidence() >= MIN_CONFIDENCE;
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
     * Restores every scan frame through a {@link FramePipeline}: decoding and encoding overlap
     * inference. Each frame's slot keeps its decoded scan until the writer has scored it.
     */
    private static void inferAll(ChromaJob job, TrainedModel model, ChromaInput grade, double workScale, List<Registered> registered,
            Path framesDir, Metrics metrics, IProgressMonitor monitor) throws IOException {
        FramePipeline<FrameSlot> pipeline = new FramePipeline<>(slot -> slot.scan = job.scan().read(slot.frame.frame()),
                scan -> job.compositor().compose(scan, chroma(model, grade, scan, workScale), List.of(), null),
                (slot, result) -> {
                    ImageFiles.writeTiff16(framesDir.resolve(tiffName(job.scan().frameName(slot.frame.frame()))), result);
                    if (job.truth() != null) {
                        Image truth = job.truth().read(slot.frame.frame());
                        Image ceiling = job.compositor().compose(slot.scan, Colour.channels(Colour.ycbcr(truth), 1, 2), List.of(), null);
                        metrics.add(slot.frame.training(), slot.frame.hasReference(), slot.scan, result, truth, ceiling);
                    }
                    slot.scan = null;
                }, INFERENCE_QUEUE);
        pipeline.run(registered.stream().map(FrameSlot::new).toList(), monitor);
    }

    /** One frame on its way through the inference pipeline (handed between its threads by the pipeline's queues). */
    private static final class FrameSlot {
        final Registered frame;
        Image scan;

        FrameSlot(Registered frame) {
            this.frame = frame;
        }

        @Override
        public String toString() {
            return "scan frame " + frame.frame();
        }
    }

    /** Output frames keep the scan frame's name; only the extension becomes .tif. */
    static String tiffName(String scanName) {
        int dot = scanName.lastIndexOf('.');
        return (dot > 0 ? scanName.substring(0, dot) : scanName) + ".tif";
    }

    private static JsonObject report(ChromaJob job, List<Registered> registered, TrainedModel model, Metrics metrics) {
        JsonObject report = new JsonObject();
        report.addProperty("workflow", job.workflowId());
        report.addProperty("complete", true);
        report.addProperty("finished", Instant.now().toString());

        JsonObject provenance = new JsonObject();
        provenance.addProperty("digitalSourceType", DIGITAL_SOURCE_TYPE);
        provenance.addProperty("note", "Chroma (CbCr) inferred by a network trained on this film's reference; luma is the scan's, unchanged.");
        provenance.addProperty("sourceElement", job.scanLocation().toString());
        provenance.addProperty("reference", job.referenceLocation().toString());
        provenance.addProperty("checkpoint", "model/chroma-0000.params");
        report.add("provenance", provenance);

        JsonObject inputs = new JsonObject();
        inputs.addProperty("frames", job.scan().frameCount());
        inputs.addProperty("scanSize", job.scan().info().width() + "x" + job.scan().info().height());
        inputs.addProperty("scanBitDepth", job.scan().info().bitDepth());
        inputs.addProperty("referenceSize", job.reference().info().width() + "x" + job.reference().info().height());
        report.add("inputs", inputs);

        JsonArray alignment = new JsonArray();
        for (Registered r : registered) {
            JsonObject a = new JsonObject();
            a.addProperty("frame", job.scan().frameName(r.frame()));
            a.addProperty("referenceFrame", r.referenceFrame() == TemporalMatch.NONE ? null : job.reference().frameName(r.referenceFrame()));
            a.addProperty("usedForTraining", r.training());
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
        report.addProperty("temporalMethod", job.match().method());
        report.addProperty("alignmentMethod", registered.stream().filter(r -> r.alignment() != null).findFirst()
                .map(r -> r.alignment().method()).orElse(""));

        JsonObject training = new JsonObject();
        training.addProperty("architecture", job.architecture().id());
        training.addProperty("device", Djl.device().toString());
        training.addProperty("pairs", registered.stream().filter(Registered::training).count());
        training.addProperty("steps", model.steps());
        training.addProperty("seconds", model.trainingSeconds());
        training.addProperty("patchSize", job.training().patchSize());
        training.addProperty("batchSize", job.training().batchSize());
        training.addProperty("learningRate", job.training().learningRate());
        training.addProperty("preset", job.training().preset().name());
        training.addProperty("baseWidth", job.training().preset().baseWidth());
        training.addProperty("depth", job.training().preset().depth());
        training.addProperty("seed", job.training().seed());
        training.add("lossCurve", lossCurve(model.lossCurve(), 200));
        JsonArray validation = new JsonArray();
        model.validationCurve().forEach(v -> {
            JsonArray point = new JsonArray();
            point.add(v.step());
            point.add(v.loss());
            validation.add(point);
        });
        training.add("validationCurve", validation);
        training.addProperty("bestStep", model.bestStep());
        training.addProperty("runFolder", TRAINING_DIR + "/ (checkpoints, contact sheets: input | target | output)");
        report.add("training", training);
        if (metrics.known()) {
            report.add("metrics", metrics.toJson());
        }
        if (job.extraReport() != null) {
            job.extraReport().entrySet().forEach(e -> report.add(e.getKey(), e.getValue()));
        }
        return report;
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

        Map<String, String> summary(TrainedModel model, Path framesDir) {
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("frames", framesDir.toString());
            summary.put("training", String.format("%d steps in %.0f s, final loss %.4f", model.steps(), model.trainingSeconds(),
                    model.lossCurve().isEmpty() ? Double.NaN : model.lossCurve().get(model.lossCurve().size() - 1)));
            if (known) {
                summary.put("ΔE2000 scan as is", String.format("%.2f", mean(all, 2)));
                summary.put("ΔE2000 result", String.format("%.2f (held-out frames: %.2f)", mean(all, 0), mean(heldOut, 0)));
                summary.put("ΔE2000 best reachable keeping the scan's luma", String.format("%.2f", mean(all, 4)));
            }
            return summary;
        }
    }
}
