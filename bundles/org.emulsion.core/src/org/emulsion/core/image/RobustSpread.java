package org.emulsion.core.image;

import java.util.Arrays;

/**
 * The centre and spread of samples that hold a minority of outliers (damage, moving objects, a
 * flow's errors): the median, and the median absolute deviation from it scaled by 1.4826, which
 * is the standard deviation for normally distributed samples (grain) whatever the outliers.
 */
public final class RobustSpread {
    /** MAD × this is the standard deviation of a normal distribution. */
    public static final double NORMAL = 1.4826;

    private RobustSpread() {
    }

    /**
     * {median, robust standard deviation} of the first {@code count} of {@code samples} (which
     * are reordered).
     */
    public static double[] of(float[] samples, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("no samples");
        }
        Arrays.sort(samples, 0, count);
        float median = samples[count / 2];
        for (int i = 0; i < count; i++) {
            samples[i] = Math.abs(samples[i] - median);
        }
        Arrays.sort(samples, 0, count);
        return new double[] { median, NORMAL * samples[count / 2] };
    }
}
