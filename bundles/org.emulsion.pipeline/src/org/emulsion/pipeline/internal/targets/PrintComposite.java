package org.emulsion.pipeline.internal.targets;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_photo;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.RobustSpread;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.Evidence;

/**
 * One master frame and every other print registered and tone-matched on it: the elements' Y
 * ("layers": 0 the master, k reference k), where each is intact, the best intact witness of every
 * pixel ({@link SourceRule}: the master where it is intact, then the references from the most
 * faithful; a pixel no layer shows intact is a hole for the model to fill) and the hard composite
 * they make. Its labels change only by {@link #rechecked}, which makes a new one: a frame's
 * composite is also its neighbours', made once ({@link MultiPrintInput#composite}).
 */
final class PrintComposite {
    /** Elements agree within this many standard deviations of their noise (grain, registration). */
    static final double AGREE = 2.5;
    /** Share of a hole's pixels an element must be vouched for on to be taken for the whole hole. */
    private static final double VOUCHED = 0.8;
    /** Pixels around a hole the inpainting looks at. */
    private static final int INPAINT_RADIUS = 3;

    final int width;
    final int height;
    /** Each element's Y on the master's grid, tone-matched to the master; NaN where it shows nothing. */
    final float[][] layers;
    /** Per element, whether each pixel is intact and covered. */
    final boolean[][] intact;
    /** The references from the most faithful witness of the master ({@link SourceRule#byFidelity}). */
    final int[] order;
    /** Per pixel, the chosen layer, or -1 where none is intact (a hole). */
    final int[] label;
    /** Per reference, its difference from the master where both are intact ({@link SourceRule#differences}). */
    private final float[][] differences;
    /** {@link #inpainted}, once made. */
    private float[] inpainted;
    /** {@link #chroma}, once made (shared with the composites {@link #rechecked} makes of this one). */
    private PrintChroma chroma;

    private PrintComposite(int width, int height, float[][] layers, boolean[][] intact, float[][] differences, int[] order,
            int[] label) {
        this.width = width;
        this.height = height;
        this.layers = layers;
        this.intact = intact;
        this.differences = differences;
        this.order = order;
        this.label = label;
    }

    /** {@code frame}'s composite with the references brought to the master's tone by {@code tones}, made once for it and its neighbours. */
    static PrintComposite of(Evidence frame, MultiPrintInput tones) {
        return tones.composite(frame);
    }

    /** Makes {@code frame}'s composite with the references brought to the master's tone by {@code tones}, labelled by {@link SourceRule}. */
    static PrintComposite build(Evidence frame, MultiPrintInput tones) {
        int w = frame.scan().width();
        int h = frame.scan().height();
        PrintLumas y = PrintLumas.of(frame);
        float[][] layers = SourceRule.layers(y, k -> tones.matched(frame, k, y));
        boolean[][] intact = SourceRule.intact(frame, layers);
        float[][] differences = SourceRule.differences(layers, intact);
        int[] order = SourceRule.byFidelity(differences);
        return new PrintComposite(w, h, layers, intact, differences, order, SourceRule.choose(intact, order, w, h));
    }

    /**
     * This composite with its holes looked at again once a fill is known. A damage map errs on the
     * safe side, and with few prints a disagreement is often marked in all of them. Each hole (a
     * connected region) is judged as a whole: an element vouches for a pixel where it agrees within
     * its noise with another element or with {@code fill}; the element vouched for on most of the
     * hole's pixels (at least {@value #VOUCHED} of them) is taken for all of it, the master, then the
     * more faithful on a tie; otherwise the hole stays. Noise: the robust spread of each element's difference from the master
     * over the pixels both show intact (the master's own: the most faithful other element's).
     */
    PrintComposite rechecked(float[] fill) {
        int elements = layers.length;
        double[] noise = new double[elements];
        for (int k = 1; k < elements; k++) {
            noise[k] = spread(k);
        }
        noise[0] = elements > 1 ? noise[order[0]] : 0;
        int[] tried = IntStream.concat(IntStream.of(0), Arrays.stream(order)).toArray();
        int[] region = regions();
        int regions = Arrays.stream(region).max().orElse(0) + 1;
        int[][] votes = new int[regions][elements];
        int[] size = new int[regions];
        for (int i = 0; i < label.length; i++) {
            if (region[i] <= 0) {
                continue;
            }
            size[region[i]]++;
            for (int k = 0; k < elements; k++) {
                if (vouches(k, i, fill, noise)) {
                    votes[region[i]][k]++;
                }
            }
        }
        int[] chosen = new int[regions];
        for (int r = 1; r < regions; r++) {
            chosen[r] = -1;
            for (int k : tried) {
                if (votes[r][k] >= VOUCHED * size[r] && (chosen[r] < 0 || votes[r][k] > votes[r][chosen[r]])) {
                    chosen[r] = k;
                }
            }
        }
        int[] newLabel = label.clone();
        boolean[][] newIntact = new boolean[elements][];
        for (int k = 0; k < elements; k++) {
            newIntact[k] = intact[k].clone();
        }
        for (int i = 0; i < label.length; i++) {
            if (region[i] > 0 && chosen[region[i]] >= 0 && Float.isFinite(layers[chosen[region[i]]][i])) {
                newLabel[i] = chosen[region[i]];
                newIntact[newLabel[i]][i] = true;
            }
        }
        PrintComposite out = new PrintComposite(width, height, layers, newIntact, differences, order, newLabel);
        synchronized (this) {
            out.chroma = chroma; // colour maps fitted on the overlap before, which the holes hardly change
        }
        return out;
    }

    /** Whether element {@code k} agrees at pixel {@code i} with another element or with the fill, within their noise. */
    private boolean vouches(int k, int i, float[] fill, double[] noise) {
        float v = layers[k][i];
        if (!Float.isFinite(v)) {
            return false;
        }
        if (Math.abs(v - fill[i]) <= AGREE * noise[k]) {
            return true;
        }
        for (int j = 0; j < layers.length; j++) {
            if (j != k && Float.isFinite(layers[j][i])
                    && Math.abs(v - layers[j][i]) <= AGREE * Math.hypot(noise[k], noise[j])) {
                return true;
            }
        }
        return false;
    }

    /** The holes' connected regions (8-connected), numbered from 1; 0 outside the holes. */
    private int[] regions() {
        return regions(holes());
    }

    /** The connected regions (8-connected) of {@code holes} (&gt; 0), numbered from 1; 0 outside them. */
    static int[] regions(Image holes) {
        try (Mat m = OpenCv.toMat(holes); Mat m8 = new Mat(); Mat labels = new Mat()) {
            m.convertTo(m8, opencv_core.CV_8U, 255, 0);
            opencv_imgproc.connectedComponents(m8, labels, 8, opencv_core.CV_32S);
            int[] out = new int[holes.width() * holes.height()];
            ((java.nio.IntBuffer) labels.createBuffer()).get(out);
            return out;
        }
    }

    /** 1 where {@code y} is not finite: a composite's holes. */
    static Image holes(float[] y, int width, int height) {
        float[] holes = new float[y.length];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = Float.isFinite(y[i]) ? 0f : 1f;
        }
        return new Image(width, height, 1, holes);
    }

    /** Robust standard deviation of element {@code k}'s Y from the master's where both are intact, per element. */
    private double spread(int k) {
        float[] d = differences[k];
        return d.length < SourceRule.MIN_SHARED ? 0 : RobustSpread.of(d.clone(), d.length)[1] / Math.sqrt(2); // the difference holds the noise of both
    }

    /** 1 where no element is intact. */
    Image holes() {
        float[] holes = new float[label.length];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = label[i] < 0 ? 1f : 0f;
        }
        return new Image(width, height, 1, holes);
    }

    /** The chosen layer's Y per pixel, NaN in the holes. */
    float[] hard() {
        return chosen(layers);
    }

    /** Each pixel's value in the plane of its chosen layer ({@code planes[k]}: layer k's), NaN in the holes. */
    float[] chosen(float[][] planes) {
        float[] v = new float[label.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = label[i] < 0 ? Float.NaN : planes[label[i]][i];
        }
        return v;
    }

    /** {@link #hard} with its holes inpainted ({@link #inpaint}), made once: read it, never write it. */
    synchronized float[] inpainted() {
        if (inpainted == null) {
            inpainted = inpaint(hard(), holes(), width, height);
        }
        return inpainted;
    }

    /** The elements' colour on the master's grid ({@link PrintChroma#of}; {@code frame} is this composite's), made once: read it, never write it. */
    synchronized PrintChroma chroma(Evidence frame) {
        if (chroma == null) {
            chroma = PrintChroma.of(frame, this);
        }
        return chroma;
    }

    /** The per-pixel median of every element's value in {@code planes} (Y: {@link #layers}) that shows the pixel, damaged or not (the baseline). */
    static float[] median(float[][] planes) {
        float[] out = new float[planes[0].length];
        float[] values = new float[planes.length];
        for (int i = 0; i < out.length; i++) {
            int m = 0;
            for (float[] plane : planes) {
                if (Float.isFinite(plane[i])) {
                    values[m++] = plane[i];
                }
            }
            Arrays.sort(values, 0, m);
            out[i] = m == 0 ? planes[0][i] : (m % 2 == 1 ? values[m / 2] : 0.5f * (values[m / 2 - 1] + values[m / 2]));
        }
        return out;
    }

    /**
     * The layers the compositor blends, each usable everywhere: an element's own value in
     * {@code planes} (Y: {@link #layers}; or a chroma plane) where it is intact, else the
     * composite's ({@code filled}: the hard composite with its holes filled), so that the blend
     * never mixes damage in. The fill is one more layer; {@code filled} must be finite.
     */
    float[][] blendLayers(float[][] planes, float[] filled) {
        float[][] out = new float[planes.length + 1][];
        for (int k = 0; k < planes.length; k++) {
            out[k] = new float[filled.length];
            for (int i = 0; i < filled.length; i++) {
                out[k][i] = intact[k][i] ? planes[k][i] : filled[i];
            }
        }
        out[planes.length] = filled;
        return out;
    }

    /**
     * {@code y}'s {@code holes} (their soft edges too, and non-finite pixels) filled from their
     * surroundings by OpenCV's inpainting (Telea's fast marching, on 16-bit values): each pixel from
     * the known pixels nearest it, so a fill inside an object keeps to the object's tone. Known
     * pixels keep their value exactly. What the network refines, and its guide there.
     */
    static float[] inpaint(float[] y, Image holes, int width, int height) {
        float[] h = holes.data();
        float[] clean = new float[y.length];
        float[] mask = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            boolean unknown = h[i] > 0 || !Float.isFinite(y[i]);
            mask[i] = unknown ? 1f : 0f;
            clean[i] = unknown ? 0f : Math.min(1f, Math.max(0f, y[i]));
        }
        try (Mat src = OpenCv.toMat(new Image(width, height, 1, clean)); Mat src16 = new Mat();
                Mat m = OpenCv.toMat(new Image(width, height, 1, mask)); Mat m8 = new Mat(); Mat dst = new Mat(); Mat dstF = new Mat()) {
            src.convertTo(src16, opencv_core.CV_16U, 65535, 0);
            m.convertTo(m8, opencv_core.CV_8U, 255, 0);
            opencv_photo.inpaint(src16, m8, dst, INPAINT_RADIUS, opencv_photo.INPAINT_TELEA);
            dst.convertTo(dstF, opencv_core.CV_32F, 1 / 65535.0, 0);
            float[] out = OpenCv.toImage(dstF).data();
            for (int i = 0; i < out.length; i++) {
                if (mask[i] == 0) {
                    out[i] = y[i];
                }
            }
            return out;
        }
    }
}
