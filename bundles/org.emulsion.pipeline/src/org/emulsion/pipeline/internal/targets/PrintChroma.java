package org.emulsion.pipeline.internal.targets;

import java.util.Arrays;
import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.core.image.RobustSpread;
import org.emulsion.media.Colour;
import org.emulsion.pipeline.Evidence;
import org.emulsion.quality.ColourPair;
import org.emulsion.quality.PolynomialRegression;

/**
 * The colour of a frame's prints, for the composite of colour prints: each element's Cb and Cr on
 * the master's grid (BT.601 as {@link Colour#ycbcr}, centred on 0.5; NaN where the element shows
 * nothing), every other print brought to the master's colour first by an affine map of its R, G, B
 * ({@link PolynomialRegression} of degree 1) fitted on the pixels both show intact: prints of other
 * stocks and generations differ in colour balance and saturation, which such a map follows. A print
 * with too little intact overlap in the frame ({@link MultiPrintInput#MIN_OVERLAP}) keeps its own
 * colour. Where another print's colour agrees with the master's within their noise it is the
 * master's ({@link #keepMasterWhereAlike}). Black-and-white prints have Cb = Cr = 0.5 everywhere, and so has their composite.
 *
 * @param cb per element (0 the master, k reference k), its Cb (NaN everywhere for a reference without the frame)
 * @param cr the same for Cr
 */
record PrintChroma(float[][] cb, float[][] cr) {
    private static final int SAMPLE_STEP = 4;

    /** The chroma of {@code frame}'s elements, matched to the master where {@code composite} shows them intact. */
    static PrintChroma of(Evidence frame, PrintComposite composite) {
        int elements = composite.layers.length;
        float[][] cb = new float[elements][];
        float[][] cr = new float[elements][];
        int n = composite.label.length;
        for (int k = 0; k < elements; k++) {
            Image print = k == 0 ? frame.scan() : frame.reference(k - 1);
            cb[k] = new float[n];
            cr[k] = new float[n];
            if (print == null) {
                Arrays.fill(cb[k], Float.NaN);
                Arrays.fill(cr[k], Float.NaN);
                continue;
            }
            Image ycbcr = Colour.ycbcr(k == 0 ? print : matched(frame.scan(), print, composite, k));
            float[] d = ycbcr.data();
            float[] rgb = print.data();
            for (int i = 0; i < n; i++) {
                boolean shown = Float.isFinite(rgb[3 * i]) && Float.isFinite(rgb[3 * i + 1]) && Float.isFinite(rgb[3 * i + 2]);
                cb[k][i] = shown ? d[3 * i + 1] : Float.NaN;
                cr[k][i] = shown ? d[3 * i + 2] : Float.NaN;
            }
        }
        for (int k = 1; k < elements; k++) {
            keepMasterWhereAlike(cb, cr, composite, k);
        }
        return new PrintChroma(cb, cr);
    }

    /**
     * Element {@code k}'s colour, where it agrees with the master's within their noise, replaced by
     * the master's own: much of the master's damage (dust, a scratch, a blotch that only darkens)
     * leaves its colour, which is then the master's exactly, not another print's with that print's
     * grain. Noise: the robust spread of their difference where both are intact, per channel.
     */
    private static void keepMasterWhereAlike(float[][] cb, float[][] cr, PrintComposite composite, int k) {
        double cbNoise = spread(cb, composite, k);
        double crNoise = spread(cr, composite, k);
        if (!(cbNoise > 0 && crNoise > 0)) {
            return;
        }
        for (int i = 0; i < cb[k].length; i++) {
            if (Math.abs(cb[k][i] - cb[0][i]) <= PrintComposite.AGREE * cbNoise
                    && Math.abs(cr[k][i] - cr[0][i]) <= PrintComposite.AGREE * crNoise) { // false where k shows nothing (NaN)
                cb[k][i] = cb[0][i];
                cr[k][i] = cr[0][i];
            }
        }
    }

    /**
     * Robust standard deviation of element {@code k}'s plane from the master's where both are
     * intact, on every {@value #SAMPLE_STEP}th pixel (plenty for a spread; sorting them all is not
     * free per frame); 0 with too few such pixels.
     */
    private static double spread(float[][] planes, PrintComposite composite, int k) {
        float[] d = new float[planes[0].length / SAMPLE_STEP + 1];
        int m = 0;
        for (int i = 0; i < planes[0].length; i += SAMPLE_STEP) {
            if (composite.intact[0][i] && composite.intact[k][i] && Float.isFinite(planes[k][i])) {
                d[m++] = planes[k][i] - planes[0][i];
            }
        }
        return m < SourceRule.MIN_SHARED ? 0 : RobustSpread.of(d, m)[1];
    }

    /** {@code print} brought to {@code master}'s colour where the frame shows enough of both intact; else as it is. */
    private static Image matched(Image master, Image print, PrintComposite composite, int k) {
        int n = composite.label.length;
        float[] both = new float[n];
        int shared = 0;
        for (int i = 0; i < n; i++) {
            if (composite.intact[0][i] && composite.intact[k][i]) {
                both[i] = 1;
                shared++;
            }
        }
        if (shared < MultiPrintInput.MIN_OVERLAP * n) {
            return print;
        }
        PolynomialRegression affine = new PolynomialRegression(1);
        affine.fit(List.of(new ColourPair(print, master, new Image(composite.width, composite.height, 1, both))));
        return affine.apply(print);
    }

    /** The composite's chroma, {Cb, Cr}: each pixel its chosen element's, NaN in the holes. */
    float[][] hard(PrintComposite composite) {
        return new float[][] {composite.chosen(cb), composite.chosen(cr)};
    }

    /**
     * {@link #hard} with the holes filled: where {@code known} (Cb, Cr of the holes' fill, NaN where
     * none; may be null) has them from that, else from around them (OpenCV's inpainting, as
     * {@link PrintComposite#inpaint}): colour is smooth where luma has detail; what no print shows is
     * inferred either way.
     */
    float[][] filled(PrintComposite composite, float[][] known) {
        float[][] hard = hard(composite);
        for (int j = 0; known != null && j < hard.length; j++) {
            for (int i = 0; i < hard[j].length; i++) {
                if (composite.label[i] < 0 && Float.isFinite(known[j][i])) {
                    hard[j][i] = known[j][i];
                }
            }
        }
        Image holes = PrintComposite.holes(hard[0], composite.width, composite.height);
        return new float[][] {PrintComposite.inpaint(hard[0], holes, composite.width, composite.height),
                PrintComposite.inpaint(hard[1], holes, composite.width, composite.height)};
    }
}
