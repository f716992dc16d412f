package org.emulsion.pipeline.internal.targets;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationTarget;

/**
 * The {@code chroma} target: the model learns the reference's colour (Cb, Cr) from the scan's
 * Y'CbCr after a match grade ({@link ChromaInput}); the compositor keeps the scan's luma exactly.
 * Models work at the reference's own resolution on the scan (a DVD or a 16 mm print holds less
 * detail than the scan): training there pairs equally sharp images, so the network learns colour
 * rather than the reference's blur; the correction it predicts is enlarged and added to the scan's
 * full-resolution chroma, whose detail the reference never had. A network that sees the reference
 * has its result fitted to the reference's colour where the reference shows the frame
 * ({@link ReferenceFit}), pooled with the nearest frames of its shot that a reference shows, moved
 * onto it by the camera's motion, where they show the same picture (a frame no reference shows, in a
 * cut, is fitted on those alone there, and keeps the network's colour elsewhere); a
 * reference whose source declares that its colour drifts has each frame's own cast taken out first
 * ({@link TransferDrift}). The baseline is the match grade.
 */
public final class ChromaRestoration implements RestorationTarget {
    private static final double SMALLEST_WORK_SCALE = 0.25;

    @Override
    public double workScale(List<SpatialAlignment> training) {
        return referenceScale(training);
    }

    /** The reference's resolution on the scan (median over the training frames), between {@value #SMALLEST_WORK_SCALE} and 1. */
    static double referenceScale(List<SpatialAlignment> training) {
        double[] scales = training.stream().mapToDouble(a -> {
            double[] h = a.homography();
            return 1 / Math.sqrt(Math.abs(h[0] * h[4] - h[1] * h[3]));
        }).sorted().toArray();
        double median = scales.length == 0 ? 1 : scales[scales.length / 2];
        return Math.max(SMALLEST_WORK_SCALE, Math.min(1, median));
    }

    @Override
    public ModelInput fit(List<Evidence> pairs, int inputChannels) {
        return ChromaInput.fit(pairs, inputChannels, false);
    }

    /** {@link ChromaInput#fit}, steadying the reference's frames when its source declares that their colour drifts. */
    @Override
    public ModelInput fit(RestorationJob job, List<Evidence> pairs, int inputChannels) {
        return ChromaInput.fit(pairs, inputChannels, colourDrifts(job));
    }

    /** Whether the job's primary reference is declared by its source to drift in colour from frame to frame. */
    static boolean colourDrifts(RestorationJob job) {
        return job.reference() != null && job.reference().colourDrifts();
    }

    @Override
    public List<TrainingPair> pairs(Evidence frame, ModelInput input, long seed) {
        return ((ChromaInput) input).pairs(frame, seed);
    }

    /**
     * A network that sees the reference is validated on its held-out frames' scan-alone pairs: where
     * the reference shows a frame the result is fitted to the reference ({@link ReferenceFit}), so the
     * weights kept are those that colour best what no reference shows.
     */
    @Override
    public List<TrainingPair> validationPairs(Evidence frame, ModelInput input, long seed) {
        ChromaInput chroma = (ChromaInput) input;
        return chroma.usesReference() ? List.of(chroma.scanAlone(frame)) : chroma.pairs(frame, seed);
    }

    /** A network that sees the reference ({@link ChromaInput#WITH_REFERENCE}) reads each frame's registered reference. */
    @Override
    public boolean needsReferencesToRender(RestorationJob job) {
        return job.architecture().inputChannels() == ChromaInput.WITH_REFERENCE;
    }

    /** Only the model and the fit to the reference's colour read the references, both at the work scale. */
    @Override
    public double referenceScaleToRender(double workScale) {
        return workScale;
    }

    /**
     * Predicted at the work scale from the pre-graded scan (and the registered reference, for a
     * network that sees it), taken as a correction of the scan's own chroma, enlarged, and added
     * to the scan's full-resolution chroma. Where the network sees a reference, the result is then
     * fitted to the reference's colour window by window ({@link ReferenceFit}), at the work scale
     * (the reference's resolution on the scan).
     */
    @Override
    public Image predict(TrainedModel model, ModelInput input, Evidence frame, double workScale) {
        ChromaInput chroma = (ChromaInput) input;
        Image small = Evidence.scale(frame.scan(), workScale);
        Image reference = chroma.usesReference() ? frame.reference() : null;
        if (reference != null) { // handed at the work scale, or at the scan's size (a training pair, a probe)
            reference = atGrid(reference, small, workScale);
        }
        Image graded = chroma.grade().apply(small);
        if (reference != null) {
            reference = chroma.steadied(reference, graded);
        }
        Image predicted = model.predict(chroma.ofGraded(graded, reference));
        Image smallYcbcr = Colour.ycbcr(small);
        float[] correction = predicted.data();
        float[] own = Colour.channels(smallYcbcr, 1, 2).data();
        for (int i = 0; i < correction.length; i++) {
            correction[i] -= own[i];
        }
        List<ReferenceFit.Sample> neighbours = new ArrayList<>();
        if (chroma.usesReference()) {
            for (Evidence n : new Evidence[] {frame.previous(), frame.next()}) {
                ReferenceFit.Sample sample = n == null || n.reference() == null ? null : sample(chroma, n, frame.frame(), small, workScale);
                if (sample != null) {
                    neighbours.add(sample);
                }
            }
        }
        if (reference == null && neighbours.isEmpty()) {
            return ChromaCorrection.added(frame.scan(), predicted);
        }
        Image scan = Colour.ycbcr(frame.scan());
        Image evidence = reference != null ? ChromaCorrection.chroma(reference) : unknown(small);
        return ReferenceFit.fittedOverTime(scan, ChromaCorrection.addedTo(scan, predicted), new ReferenceFit.Sample(smallYcbcr, evidence, null),
                neighbours);
    }

    /** Cb, Cr on {@code small}'s grid known nowhere: the reference of a frame no reference shows. */
    private static Image unknown(Image small) {
        Image none = Image.blank(small.width(), small.height(), 2);
        Arrays.fill(none.data(), Float.NaN);
        return none;
    }

    /**
     * A neighbouring frame's evidence for the fit of frame {@code restored}, on that frame's work-scale grid
     * {@code small}: its scan and its steadied reference, moved onto the frame by the camera's motion between
     * the two scans (a homography from features, each pair matched once, {@link CameraMotions}; shots pan and zoom, and the nearest frame
     * a reference shows may be several frames away), so that {@link Stillness} leaves out only what moved
     * against the camera; null when the two scans do not match.
     */
    private static ReferenceFit.Sample sample(ChromaInput chroma, Evidence frame, int restored, Image small, double workScale) {
        Image scan = atGrid(frame.scan(), small, workScale);
        double[] camera = chroma.cameraMotions().between(frame.frame(), scan, restored, small);
        if (camera == null) {
            return null;
        }
        Image reference = chroma.steadiedOnScan(atGrid(frame.reference(), small, workScale), scan);
        return new ReferenceFit.Sample(Colour.ycbcr(onto(scan, camera)), ChromaCorrection.chroma(onto(reference, camera)), null);
    }

    /** {@code image} moved by homography {@code h} (its pixels to the frame's, the same size): bilinear, NaN where nothing lands. */
    private static Image onto(Image image, double[] h) {
        try (Mat src = OpenCv.toMat(image); Mat out = new Mat(); Mat m = new Mat(3, 3, opencv_core.CV_64F)) {
            ((DoubleBuffer) m.createBuffer()).put(h);
            opencv_imgproc.warpPerspective(src, out, m, src.size(), opencv_imgproc.INTER_LINEAR, opencv_core.BORDER_CONSTANT,
                    Scalar.all(Float.NaN));
            return OpenCv.toImage(out);
        }
    }

    /** {@code image} on the work-scale grid {@code small}: as it is when it was handed at that scale, else shrunk to it. */
    private static Image atGrid(Image image, Image small, double workScale) {
        return image.width() == small.width() && image.height() == small.height() ? image : Evidence.scale(image, workScale);
    }

    /** The shot's neighbouring frames pool their references with the frame's where they show its picture ({@link ReferenceFit#fittedOverTime}). */
    @Override
    public boolean needsNeighbours() {
        return true;
    }

    /** A frame in a cut is coloured from the nearest frames of its shot that the reference shows, where they show its picture. */
    @Override
    public boolean neighboursShownByReference() {
        return true;
    }

    /** The match grade's chroma, as a colourist merges a grade (Colour blend). */
    @Override
    public Image baseline(ModelInput input, Evidence frame, double workScale) {
        return ((ChromaInput) input).grade().chroma(frame.scan()); // in one pass over the frame
    }

    /**
     * CIEDE2000 of the result, the baseline and the scan as it is against the registered reference
     * over the area it covers; "chroma" compares with the reference's colour on the result's luma
     * (the scan's, bit for bit, unless the restorer asked for {@code --luma tone}), so it scores the
     * colour alone; {@code coveredFraction} says how much of the frame that is.
     */
    @Override
    public Map<String, Double> scoreHeldOut(Evidence frame, Image result, Image baseline, Compositor compositor) {
        int step = ScoreLattice.step(result);
        Image scan = frame.scan().sampled(step);
        Image reference = frame.reference().sampled(step);
        Image covered = coverage(reference);
        Image resultSample = result.sampled(step);
        Image chromaTarget = compositor.compose(resultSample, ChromaCorrection.chroma(reference), List.of(), null);
        // each frame converted to L*a*b* once (archive-size frames): three compared with two
        Colour.LabFrame look = Colour.labFrame(reference);
        Colour.LabFrame chroma = Colour.labFrame(chromaTarget);
        Map<String, Image> compared = new LinkedHashMap<>();
        compared.put("Result", resultSample);
        compared.put("Baseline", baseline.sampled(step));
        compared.put("Scan", scan);
        Map<String, Double> scores = new LinkedHashMap<>();
        compared.forEach((name, image) -> {
            Colour.LabFrame lab = Colour.labFrame(image);
            scores.put("deltaE2000" + name, Colour.deltaE2000(lab, look, covered).mean());
            scores.put("deltaE2000Chroma" + name, Colour.deltaE2000(lab, chroma, covered).mean());
        });
        double sum = 0;
        for (float v : covered.data()) {
            sum += v;
        }
        scores.put("coveredFraction", sum / covered.data().length);
        return scores;
    }

    /** CIEDE2000 of the result and of the scan against the truth, and of the ceiling: the truth's colour on the scan's luma. */
    @Override
    public Map<String, Double> scoreTruth(Evidence frame, Image result, Image truth, Compositor compositor) {
        int step = ScoreLattice.step(result);
        Image scan = frame.scan().sampled(step);
        Image truthSample = truth.sampled(step);
        Colour.LabFrame truthLab = Colour.labFrame(truthSample);
        Colour.Stats r = Colour.deltaE2000(Colour.labFrame(result.sampled(step)), truthLab, null);
        Colour.Stats s = Colour.deltaE2000(Colour.labFrame(scan), truthLab, null);
        Image ceiling = compositor.compose(scan, ChromaCorrection.chroma(truthSample), List.of(), null);
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("deltaE2000Result", r.mean());
        scores.put("deltaE2000ResultP95", r.p95());
        scores.put("deltaE2000Scan", s.mean());
        scores.put("deltaE2000ScanP95", s.p95());
        scores.put("deltaE2000ChromaModeCeiling", Colour.deltaE2000(Colour.labFrame(ceiling), truthLab, null).mean());
        return scores;
    }

    @Override
    public Map<String, String> summary(Map<String, Double> allFrames, Map<String, Double> heldOut) {
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("ΔE2000 scan as is", String.format(Locale.ROOT, "%.2f", allFrames.get("deltaE2000Scan")));
        summary.put("ΔE2000 result", String.format(Locale.ROOT, "%.2f (held-out frames: %.2f)", allFrames.get("deltaE2000Result"),
                heldOut.getOrDefault("deltaE2000Result", Double.NaN)));
        summary.put("ΔE2000 best reachable keeping the scan's luma",
                String.format(Locale.ROOT, "%.2f", allFrames.get("deltaE2000ChromaModeCeiling")));
        return summary;
    }

    /** 1 where the registered reference covers the scan (its samples are finite), else 0. */
    static Image coverage(Image reference) {
        Image mask = Image.blank(reference.width(), reference.height(), 1);
        float[] ref = reference.data();
        float[] m = mask.data();
        for (int i = 0; i < m.length; i++) {
            m[i] = Float.isNaN(ref[reference.channels() * i]) ? 0f : 1f;
        }
        return mask;
    }
}
