package org.emulsion.core.extensions;

import org.emulsion.core.image.Image;

/**
 * Where a reference frame lies on a scan frame: a 3×3 homography (row-major) mapping reference
 * pixel coordinates to scan pixel coordinates, optionally refined by a dense residual flow in the
 * scan's grid (weave, lens and shrinkage differences a global model cannot follow), with the
 * aligner's confidence in it and, when it refused the frame, why.
 * <p>
 * With a flow, scan pixel {@code p} shows what the globally warped reference shows at
 * {@code p + flow(p)}, i.e. the reference point {@code H⁻¹(p + flow(p))}.
 *
 * @param homography  row-major 3×3 matrix, {@code [h00 h01 h02 h10 h11 h12 h20 h21 h22]}
 * @param flow        2-channel (dx, dy) image of the scan's size, or null for a purely global alignment
 * @param confidence  0 (no usable match) to 1 (exact), e.g. the final ECC correlation
 * @param method      what produced it, for the provenance record
 * @param rejection   null when the alignment is usable, else why the aligner refused it (heavy damage,
 *                    no match, implausible fit): later stages must not use a rejected alignment
 */
public record SpatialAlignment(double[] homography, Image flow, double confidence, String method, String rejection) {

    public SpatialAlignment {
        if (homography.length != 9) {
            throw new IllegalArgumentException("homography needs 9 values, got " + homography.length);
        }
        if (flow != null && flow.channels() != 2) {
            throw new IllegalArgumentException("flow needs 2 channels, got " + flow.channels());
        }
        homography = homography.clone();
    }

    /** A usable global alignment. */
    public SpatialAlignment(double[] homography, double confidence, String method) {
        this(homography, null, confidence, method, null);
    }

    /** A refused alignment: the transform is the aligner's best guess, kept for the report only. */
    public static SpatialAlignment rejected(double[] homography, double confidence, String method, String why) {
        return new SpatialAlignment(homography, null, confidence, method, why);
    }

    @Override
    public double[] homography() { return homography.clone(); }

    public boolean isRejected() { return rejection != null; }

    /** This alignment with a residual flow added by a local aligner. */
    public SpatialAlignment withFlow(Image residual, double newConfidence, String newMethod) {
        return new SpatialAlignment(homography, residual, newConfidence, newMethod, rejection);
    }

    /** This alignment refused for {@code why}. */
    public SpatialAlignment reject(String why) {
        return new SpatialAlignment(homography, flow, confidence, method, why);
    }

    /**
     * This global alignment as it maps into the scan resized by {@code kx}, {@code ky} (resized
     * pixel centres at {@code (scan + 0.5) · k − 0.5}, as a resize samples): warp a reference with
     * it straight into a reduced or enlarged copy of the scan's grid.
     *
     * @throws IllegalStateException when the alignment has a residual flow, which lives in the scan's own grid
     */
    public SpatialAlignment resized(double kx, double ky) {
        if (flow != null) {
            throw new IllegalStateException("an alignment with a residual flow is warped in the scan's own grid");
        }
        double[] k = {kx, 0, (kx - 1) / 2, 0, ky, (ky - 1) / 2, 0, 0, 1};
        double[] h = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int m = 0; m < 3; m++) {
                    h[3 * i + j] += k[3 * i + m] * homography[3 * m + j];
                }
            }
        }
        return new SpatialAlignment(h, null, confidence, method, rejection);
    }

    /** Inverse of a row-major 3×3 matrix: turns an alignment's reference→scan homography into scan→reference. */
    public static double[] invert(double[] m) {
        double a = m[4] * m[8] - m[5] * m[7];
        double b = m[5] * m[6] - m[3] * m[8];
        double c = m[3] * m[7] - m[4] * m[6];
        double det = m[0] * a + m[1] * b + m[2] * c;
        return new double[] {
            a / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            b / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            c / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det };
    }

    /** Maps a reference point to scan coordinates with the global transform. */
    public double[] apply(double x, double y) {
        double w = homography[6] * x + homography[7] * y + homography[8];
        return new double[] {
            (homography[0] * x + homography[1] * y + homography[2]) / w,
            (homography[3] * x + homography[4] * y + homography[5]) / w };
    }

    /**
     * Where scan pixel ({@code x}, {@code y}) lies on the reference's global warp, in scan
     * coordinates: {@code (x, y) + flow(x, y)} (the pixel itself without a flow).
     */
    public double[] flowed(int x, int y) {
        if (flow == null) {
            return new double[] {x, y};
        }
        return new double[] {x + flow.get(x, y, 0), y + flow.get(x, y, 1)};
    }
}
