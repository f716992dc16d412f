package org.emulsion.quality;

import org.emulsion.core.image.Image;

/**
 * Peak signal-to-noise ratio for samples with data range 1.0: {@code PSNR = 10 log10(1 / MSE)}
 * dB, infinite for identical images.
 */
public final class Psnr {
    private Psnr() {
    }

    /**
     * Mean squared error over the selected pixels (all channels) whose samples are finite in both
     * images, and the number of such pixels. {@code mse} is NaN when no pixel counts.
     */
    public record Error(double mse, int pixels) {
        /** The PSNR of this error in dB (infinite when {@code mse} is 0, NaN when no pixels). */
        public double psnr() {
            return fromMse(mse);
        }
    }

    /** PSNR in dB of a mean squared error on data range 1.0: infinite for 0, NaN for NaN. */
    public static double fromMse(double mse) {
        if (Double.isNaN(mse)) {
            return Double.NaN;
        }
        return mse <= 0 ? Double.POSITIVE_INFINITY : -10 * Math.log10(mse);
    }

    /** Squared error between {@code a} and {@code b} (same size, any channel count) over {@code mask} (may be null). */
    public static Error error(Image a, Image b, Image mask) {
        Masks.checkSameSize(a, b);
        Masks.check(mask, a);
        float[] x = a.data();
        float[] y = b.data();
        int c = a.channels();
        int n = a.width() * a.height();
        double sum = 0;
        int pixels = 0;
        for (int i = 0; i < n; i++) {
            if (!Masks.selected(mask, i)) {
                continue;
            }
            double s = 0;
            boolean finite = true;
            for (int k = i * c; k < i * c + c; k++) {
                double d = (double) x[k] - y[k];
                finite &= Double.isFinite(d);
                s += d * d;
            }
            if (finite) {
                sum += s;
                pixels++;
            }
        }
        return new Error(pixels == 0 ? Double.NaN : sum / ((double) pixels * c), pixels);
    }

    /** PSNR in dB between {@code a} and {@code b} over {@code mask} (may be null). */
    public static double of(Image a, Image b, Image mask) {
        return error(a, b, mask).psnr();
    }

    /** PSNR in dB of the BT.601 luma of two RGB images over {@code mask} (may be null). */
    public static double luma(Image rgbA, Image rgbB, Image mask) {
        return of(Planes.luma(rgbA), Planes.luma(rgbB), mask);
    }
}
