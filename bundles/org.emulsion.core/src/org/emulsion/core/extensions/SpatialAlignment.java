package org.emulsion.core.extensions;

/**
 * Where a reference frame lies on a scan frame: a 3×3 homography (row-major) mapping reference
 * pixel coordinates to scan pixel coordinates, with the aligner's confidence in it.
 *
 * @param homography  row-major 3×3 matrix, {@code [h00 h01 h02 h10 h11 h12 h20 h21 h22]}
 * @param confidence  0 (no usable match) to 1 (exact), e.g. the final ECC correlation
 * @param method      what produced it, for the provenance record
 */
public record SpatialAlignment(double[] homography, double confidence, String method) {

    public SpatialAlignment {
        if (homography.length != 9) {
            throw new IllegalArgumentException("homography needs 9 values, got " + homography.length);
        }
        homography = homography.clone();
    }

    @Override
    public double[] homography() { return homography.clone(); }

    /** Maps a reference point to scan coordinates. */
    public double[] apply(double x, double y) {
        double w = homography[6] * x + homography[7] * y + homography[8];
        return new double[] {
            (homography[0] * x + homography[1] * y + homography[2]) / w,
            (homography[3] * x + homography[4] * y + homography[5]) / w };
    }
}
