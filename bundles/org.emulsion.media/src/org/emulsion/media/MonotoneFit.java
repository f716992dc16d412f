package org.emulsion.media;

/**
 * Weighted isotonic regression by pool-adjacent-violators: the non-decreasing sequence closest to
 * the given values in weighted least squares. The one place the tone curves of alignment
 * ({@code org.emulsion.align}) and of the quality scores ({@code org.emulsion.quality}) make their
 * per-bin medians monotone.
 */
public final class MonotoneFit {
    private MonotoneFit() {
    }

    /** The non-decreasing sequence closest to {@code y[0..n)} with weights {@code w[0..n)}. */
    public static double[] poolAdjacentViolators(double[] y, double[] w, int n) {
        double[] value = new double[n];
        double[] weight = new double[n];
        int[] size = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            value[blocks] = y[i];
            weight[blocks] = w[i];
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double total = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / total;
                weight[blocks - 2] = total;
                size[blocks - 2] += size[blocks - 1];
                blocks--;
            }
        }
        double[] out = new double[n];
        for (int b = 0, i = 0; b < blocks; b++) {
            for (int k = 0; k < size[b]; k++) {
                out[i++] = value[b];
            }
        }
        return out;
    }
}
