package org.emulsion.pipeline.internal.targets;

import java.nio.DoubleBuffer;
import java.util.List;
import java.util.Random;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainingPair;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.quality.ColourBaseline;
import org.emulsion.quality.ColourPair;
import org.emulsion.quality.Lut3d;

import com.google.gson.JsonObject;

/**
 * What the chroma network sees of a frame: the scan after a global match grade (a 33³ LUT
 * fitted on the training pairs) as Y'CbCr and, for architectures whose contract asks for
 * {@value #WITH_POSITION} input channels, two guide channels holding the pixel's place in the
 * frame (x and y as fractions of the frame's width and height); for those asking for
 * {@value #WITH_REFERENCE}, the registered reference's own chroma where it shows the frame.
 * <p>
 * The grade does what a global grade can; the network learns the rest. Much of the rest is
 * tied to the place on the film, not to the picture: prints fade unevenly (edges, air and
 * humidity in the can) and stains stay where they are, frame after frame. A convolutional
 * network only sees a small neighbourhood and cannot know where it is; the position channels
 * tell it. They are clamped to the area the reference covered in training, so where the
 * reference had no evidence (letterbox bars, cropped edges) the network applies the nearest
 * covered place's correction rather than extrapolating one.
 * <p>
 * With the reference ({@value #WITH_REFERENCE} channels: Y, Cb, Cr, the pre-graded scan's Cb, Cr,
 * coverage), the Cb, Cr the network corrects are the registered reference's wherever it covers
 * the frame and the pre-graded scan's elsewhere, so an untrained network pastes the reference's
 * colour; it learns to refine that colour on the scan's luma (training pairs show it the
 * reference softened and shifted by a pixel or so, as a disc's 4:2:0 chroma and the
 * registration leave it, to be brought back to the reference itself) and, on the same frames
 * with the reference left out, to infer the colour from the scan alone, which it does where no
 * reference frame exists (cuts, cropped edges).
 * <p>
 * When the reference's source declares that its colour drifts (an analogue transfer), every
 * reference frame is first {@linkplain #steadied steadied} on the grade: its own cast, which the
 * transfer's drift and flicker give it, is divided out, so what is taught and fitted is the film's
 * colour, not the transfer's moment.
 */
public final class ChromaInput implements ModelInput {
    /** Input channels without position: Y, Cb, Cr. */
    public static final int COLOUR = 3;
    /** Input channels with position: Y, Cb, Cr, x, y. */
    public static final int WITH_POSITION = 5;
    /** Input channels with the registered reference: Y, Cb, Cr (the reference's where it covers), the pre-graded scan's Cb, Cr, coverage. */
    public static final int WITH_REFERENCE = 6;
    /** Largest Gaussian σ and shift (pixels at the working scale) a training pair's reference is softened and moved by. */
    private static final double MAX_SOFTENING = 1.5;
    private static final double MAX_SHIFT = 1.0;

    private final ColourBaseline grade;
    private final Coverage covered;
    private final int channels;
    private final boolean steadies;
    /** The camera's motion between the frames restored with this input, for their neighbours' evidence (not fitted: a memo). */
    private final CameraMotions cameraMotions = new CameraMotions();

    /**
     * The part of the frame the reference covered in training, in fractions of the frame's
     * width and height (pixel centres), which is where positions are known.
     */
    public record Coverage(double left, double top, double right, double bottom) {
        /** The whole frame. */
        static final Coverage FULL = new Coverage(0, 0, 1, 1);

        JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("left", left);
            json.addProperty("top", top);
            json.addProperty("right", right);
            json.addProperty("bottom", bottom);
            return json;
        }

        Coverage union(Coverage o) {
            return new Coverage(Math.min(left, o.left), Math.min(top, o.top), Math.max(right, o.right), Math.max(bottom, o.bottom));
        }
    }

    private ChromaInput(ColourBaseline grade, Coverage covered, int channels, boolean steadies) {
        this.grade = grade;
        this.covered = covered;
        this.channels = channels;
        this.steadies = steadies;
    }

    /**
     * Fits the grade on {@code pairs} and takes the covered area from the reference's extent on them.
     *
     * @param channels the architecture's input channels: {@value #COLOUR}, {@value #WITH_POSITION} or {@value #WITH_REFERENCE}
     * @param steadies whether the reference's colour drifts from frame to frame, so that each frame's own cast is taken
     *                 out ({@link #steadied})
     */
    public static ChromaInput fit(List<Evidence> pairs, int channels, boolean steadies) {
        if (channels != COLOUR && channels != WITH_POSITION && channels != WITH_REFERENCE) {
            throw new IllegalArgumentException("a chroma network takes " + COLOUR + ", " + WITH_POSITION + " or " + WITH_REFERENCE
                    + " input channels, not " + channels);
        }
        ColourBaseline lut = new Lut3d();
        lut.fit(pairs.stream().map(p -> ColourPair.of(p.scan(), p.reference())).toList());
        Coverage covered = null;
        for (Evidence p : pairs) {
            Coverage c = coverage(p.reference());
            if (c != null) {
                covered = covered == null ? c : covered.union(c);
            }
        }
        return new ChromaInput(lut, covered == null ? Coverage.FULL : covered, channels, steadies);
    }

    /** The bounding box of the pixels a registered reference covers (not NaN), or null when it covers none. */
    private static Coverage coverage(Image reference) {
        int w = reference.width();
        int h = reference.height();
        float[] d = reference.data();
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!Float.isNaN(d[3 * (y * w + x)])) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new Coverage((x0 + 0.5) / w, (y0 + 0.5) / h, (x1 + 0.5) / w, (y1 + 0.5) / h);
    }

    /** The match grade the network starts from (a 33³ LUT fitted on the pairs). */
    public ColourBaseline grade() {
        return grade;
    }

    /** The area positions are clamped to. */
    public Coverage covered() {
        return covered;
    }

    /** Whether the network sees the registered reference ({@value #WITH_REFERENCE} channels). */
    public boolean usesReference() {
        return channels == WITH_REFERENCE;
    }

    /** The network input for a scan frame (RGB, at the size the network works at), without a reference. */
    public Image of(Image scan) {
        return of(scan, null);
    }

    /**
     * The network input for a scan frame and the reference registered on it (RGB at the same size, NaN
     * where it does not cover the frame; null when no reference shows the frame). Only a network of
     * {@value #WITH_REFERENCE} channels reads the reference.
     */
    public Image of(Image scan, Image reference) {
        return ofGraded(grade.apply(scan), reference);
    }

    /** {@link #of} a scan frame already through {@link #grade} (RGB). */
    public Image ofGraded(Image gradedScan, Image reference) {
        return assembled(Colour.ycbcr(gradedScan), reference);
    }

    /** {@link #of} from the pre-graded scan's Y'CbCr ({@code ycbcr}, kept as it is for {@value #COLOUR} channels). */
    private Image assembled(Image ycbcr, Image reference) {
        if (channels == COLOUR) {
            return ycbcr;
        }
        int w = ycbcr.width();
        int h = ycbcr.height();
        float[] src = ycbcr.data();
        if (channels == WITH_REFERENCE) {
            float[] ref = reference == null ? null : Colour.ycbcr(reference).data();
            float[] out = new float[w * h * WITH_REFERENCE];
            for (int i = 0, n = w * h; i < n; i++) {
                boolean covered = ref != null && Float.isFinite(ref[3 * i + 1]) && Float.isFinite(ref[3 * i + 2]);
                int o = WITH_REFERENCE * i;
                out[o] = src[3 * i];
                out[o + 1] = covered ? ref[3 * i + 1] : src[3 * i + 1];
                out[o + 2] = covered ? ref[3 * i + 2] : src[3 * i + 2];
                out[o + 3] = src[3 * i + 1];
                out[o + 4] = src[3 * i + 2];
                out[o + 5] = covered ? 1f : 0f;
            }
            return new Image(w, h, WITH_REFERENCE, out);
        }
        float[] x = axis(w, covered.left(), covered.right());
        float[] y = axis(h, covered.top(), covered.bottom());
        float[] out = new float[w * h * WITH_POSITION];
        for (int i = 0, n = w * h; i < n; i++) {
            System.arraycopy(src, 3 * i, out, WITH_POSITION * i, 3);
            out[WITH_POSITION * i + 3] = x[i % w];
            out[WITH_POSITION * i + 4] = y[i / w];
        }
        return new Image(w, h, WITH_POSITION, out);
    }

    /** Pixel centres along one axis as fractions of its length, clamped to [lo, hi]. */
    private static float[] axis(int length, double lo, double hi) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) Math.min(hi, Math.max(lo, (i + 0.5) / length));
        }
        return v;
    }

    /**
     * Input: {@link #of} the scan. Target: the registered reference's CbCr. Mask: where the
     * reference covers the scan (resampling spreads its NaN border, so mixed pixels drop out too).
     * A network that sees the reference gets two pairs of the frame: one with the reference
     * softened by up to {@value #MAX_SOFTENING} px and shifted by up to {@value #MAX_SHIFT} px
     * (seeded by {@code seed}), one without it.
     */
    public List<TrainingPair> pairs(Evidence aligned, long seed) {
        Image gradedRgb = grade.apply(aligned.scan()); // the frame graded once for the pairs and the steadying
        Image reference = steadied(aligned.reference(), gradedRgb);
        Taught taught = taught(reference);
        Image graded = Colour.ycbcr(gradedRgb);
        if (!usesReference()) {
            return List.of(new TrainingPair(aligned.name(), assembled(graded, null), taught.target(), taught.mask()));
        }
        Random random = new Random(seed);
        Image moved = softenedAndShifted(reference, MAX_SOFTENING * random.nextDouble(), MAX_SHIFT * (2 * random.nextDouble() - 1),
                MAX_SHIFT * (2 * random.nextDouble() - 1));
        return List.of(new TrainingPair(aligned.name() + " (reference)", assembled(graded, moved), taught.target(), taught.mask()),
                scanAlone(aligned.name(), graded, taught));
    }

    /** The pair of {@link #pairs} with the reference left out: what the network colours where no reference shows the frame. */
    public TrainingPair scanAlone(Evidence aligned) {
        Image gradedRgb = grade.apply(aligned.scan());
        return scanAlone(aligned.name(), Colour.ycbcr(gradedRgb), taught(steadied(aligned.reference(), gradedRgb)));
    }

    /**
     * {@code reference} registered on a scan frame with that frame's own cast taken out
     * ({@link TransferDrift}), measured against {@code gradedScan} (the frame after {@link #grade}, at
     * the same size), when this input steadies the reference; else {@code reference} itself.
     */
    public Image steadied(Image reference, Image gradedScan) {
        return steadies ? TransferDrift.steadied(reference, gradedScan) : reference;
    }

    /** {@link #steadied} against {@code scan} (RGB, not yet graded), which is graded only when this input steadies the reference. */
    public Image steadiedOnScan(Image reference, Image scan) {
        return steadies ? steadied(reference, grade.apply(scan)) : reference;
    }

    /** The camera's motion between frames restored with this input, each pair matched once. */
    CameraMotions cameraMotions() {
        return cameraMotions;
    }

    private TrainingPair scanAlone(String name, Image graded, Taught taught) {
        return new TrainingPair(name + " (scan alone)", assembled(graded, null), taught.target(), taught.mask());
    }

    /** A pair's target (the registered reference's Cb, Cr, 0 where it does not cover) and mask (1 where it does). */
    private record Taught(Image target, Image mask) {
    }

    private static Taught taught(Image reference) {
        Image mask = Image.blank(reference.width(), reference.height(), 1);
        Image known = reference.copy();
        float[] k = known.data();
        for (int i = 0; i < mask.data().length; i++) {
            mask.data()[i] = Float.isNaN(k[3 * i]) ? 0f : 1f;
        }
        for (int i = 0; i < k.length; i++) {
            if (Float.isNaN(k[i])) {
                k[i] = 0;
            }
        }
        return new Taught(Colour.channels(Colour.ycbcr(known), 1, 2), mask);
    }

    /** {@code reference} blurred by a Gaussian of {@code sigma} px and moved by ({@code dx}, {@code dy}) px; NaN where nothing lands. */
    private static Image softenedAndShifted(Image reference, double sigma, double dx, double dy) {
        try (Mat src = OpenCv.toMat(reference); Mat soft = new Mat(); Mat moved = new Mat();
                Mat shift = new Mat(2, 3, opencv_core.CV_64F)) {
            if (sigma > 0.1) {
                opencv_imgproc.GaussianBlur(src, soft, new Size(0, 0), sigma, sigma, opencv_core.BORDER_REPLICATE, 0);
            } else {
                src.copyTo(soft);
            }
            ((DoubleBuffer) shift.createBuffer()).put(new double[] {1, 0, dx, 0, 1, dy});
            opencv_imgproc.warpAffine(soft, moved, shift, soft.size(), opencv_imgproc.INTER_LINEAR, opencv_core.BORDER_CONSTANT,
                    Scalar.all(Float.NaN));
            return OpenCv.toImage(moved);
        }
    }

    @Override
    public String baselineLabel() {
        return "match grade";
    }

    @Override
    public String baselineMethod() {
        return grade.id() + " match grade fitted on the training pairs (its chroma on the scan's luma)";
    }

    /** What a report records of the input: the grade and the covered area positions are clamped to. */
    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("preGrade", grade.id() + " fitted on the training pairs; the network learns the rest");
        if (channels == COLOUR) {
            json.addProperty("channels", "Y, Cb, Cr of the pre-graded scan");
        } else if (channels == WITH_REFERENCE) {
            json.addProperty("channels", "Y of the pre-graded scan; Cb, Cr of the registered reference where it covers the frame, of"
                    + " the pre-graded scan elsewhere; Cb, Cr of the pre-graded scan; coverage (trained with the reference softened and"
                    + " shifted, and left out)");
            json.addProperty("whereTheReferenceShows", "the registered reference's colour fitted on the scan's detail, window by window"
                    + " (a local linear fit on the scan's Y', Cb, Cr at the reference's resolution, applied to the full-resolution scan;"
                    + " windows of " + ReferenceFit.RADIUS
                    + " reference pixels either side; the nearest frames of the shot the reference shows, moved onto the frame by the camera's"
                    + " motion, pooled where they show the same picture), so the reference"
                    + " decides the colour and the scan the detail; in a frame no reference shows (a cut), the same fit on the nearest"
                    + " frames of its shot that one shows, where they show its picture; the network's colour elsewhere");
            json.addProperty("referenceDrift", steadies
                    ? "the reference's source declares that its colour drifts: each reference frame's own cast (one gain per channel"
                            + " against the match-graded scan, its lightness left alone) is divided out before it is fitted or taught;"
                            + " the match grade, fitted on many frames, is the film's steady colour"
                    : "none: the reference's frames are taken as their source gives them (it declares no colour drift)");
        } else {
            json.addProperty("channels", "Y, Cb, Cr of the pre-graded scan; x, y as fractions of the frame, clamped to the covered area");
            json.add("coveredArea", covered.toJson());
        }
        return json;
    }
}
