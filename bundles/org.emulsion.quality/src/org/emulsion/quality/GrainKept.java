package org.emulsion.quality;

import org.emulsion.core.image.Image;

/**
 * How much of the scan's grain survives in a result: the Pearson correlation between the
 * high-frequency luma of the result and of the scan, where high frequency is the BT.601 luma
 * minus its Gaussian blur (σ = {@value #SIGMA}). 1 means the fine texture is kept exactly (up to
 * gain and offset), 0 that it is unrelated (e.g. grain smoothed away or replaced by new noise).
 * Compute it outside damage (dust and scratches in the scan are high frequency too but should
 * go).
 */
public final class GrainKept {
    /** Standard deviation of the Gaussian blur that separates grain from image content. */
    public static final double SIGMA = 2.0;

    private GrainKept() {
    }

    /** {@code image − Gaussian(image, σ)} of a 1-channel image. */
    public static Image highPass(Image image, double sigma) {
        Masks.checkChannels(image, 1, "high-pass input");
        float[] blur = Planes.gaussian(image, 0, sigma).data();
        float[] in = image.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] - blur[i];
        }
        return new Image(image.width(), image.height(), 1, out);
    }

    /**
     * Grain kept between an RGB result and its RGB scan over {@code mask} (may be null; pass
     * e.g. {@link Masks#invert} of a damage mask). NaN when fewer than 2 pixels or no variance.
     */
    public static double of(Image resultRgb, Image scanRgb, Image mask) {
        Masks.checkSameSize(resultRgb, scanRgb);
        return correlation(highPass(Planes.luma(resultRgb), SIGMA), highPass(Planes.luma(scanRgb), SIGMA), mask);
    }

    /** Pearson correlation of two 1-channel images over the selected pixels finite in both; NaN when undefined. */
    public static double correlation(Image a, Image b, Image mask) {
        Masks.checkSameSize(a, b);
        Masks.checkChannels(a, 1, "correlation input");
        Masks.check(mask, a);
        float[] x = a.data();
        float[] y = b.data();
        // Two passes (means, then centred moments) for accuracy on near-constant inputs.
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Masks.selected(mask, i) && Float.isFinite(x[i]) && Float.isFinite(y[i])) {
                sx += x[i];
                sy += y[i];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double ux = sx / n;
        double uy = sy / n;
        double cxx = 0;
        double cyy = 0;
        double cxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Masks.selected(mask, i) && Float.isFinite(x[i]) && Float.isFinite(y[i])) {
                double dx = x[i] - ux;
                double dy = y[i] - uy;
                cxx += dx * dx;
                cyy += dy * dy;
                cxy += dx * dy;
            }
        }
        if (cxx <= 0 || cyy <= 0) {
            return Double.NaN;
        }
        return cxy / Math.sqrt(cxx * cyy);
    }
}
