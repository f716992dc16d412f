package org.emulsion.quality;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.Image;

/**
 * Polynomial colour regression: each output channel is a polynomial of total degree
 * {@code degree} in the scan's R, G, B (all monomials {@code r^i g^j b^k} with
 * {@code i + j + k <= degree}: 10 terms for degree 2, 20 for degree 3), fitted by least squares
 * on the usable pixels of the training pairs. The normal equations are accumulated in double
 * (inputs mapped to [−1, 1] for conditioning, with a tiny ridge term) and solved with OpenCV
 * ({@code solve}, {@code DECOMP_SVD}).
 */
public final class PolynomialRegression implements ColourBaseline {
    /** Relative ridge added to the diagonal of the normal equations. */
    static final double RIDGE = 1e-7;

    private final int degree;
    private final int[][] exponents;
    /** Coefficients, term-major: {@code coefficients[t * 3 + channel]}. */
    private double[] coefficients;

    /** A regression of total degree {@code degree} (1 = affine, 2 or 3 usual). */
    public PolynomialRegression(int degree) {
        if (degree < 1 || degree > 6) {
            throw new IllegalArgumentException("degree must be 1..6: " + degree);
        }
        this.degree = degree;
        List<int[]> terms = new ArrayList<>();
        for (int d = 0; d <= degree; d++) {
            for (int i = d; i >= 0; i--) {
                for (int j = d - i; j >= 0; j--) {
                    terms.add(new int[] { i, j, d - i - j });
                }
            }
        }
        this.exponents = terms.toArray(int[][]::new);
    }

    @Override
    public String id() {
        return "poly" + degree;
    }

    /** Total degree of the polynomial. */
    public int degree() {
        return degree;
    }

    /** Number of monomial terms per output channel. */
    public int terms() {
        return exponents.length;
    }

    @Override
    public void fit(List<ColourPair> pairs) {
        int n = exponents.length;
        double[] ata = new double[n * n];
        double[] aty = new double[n * 3];
        double[] phi = new double[n];
        long count = 0;
        for (ColourPair pair : pairs) {
            float[] s = pair.scan().data();
            float[] r = pair.reference().data();
            count += pair.forEachUsable(k -> {
                terms(s[k], s[k + 1], s[k + 2], phi);
                for (int a = 0; a < n; a++) {
                    double pa = phi[a];
                    int row = a * n;
                    for (int b = a; b < n; b++) {
                        ata[row + b] += pa * phi[b];
                    }
                    aty[a * 3] += pa * r[k];
                    aty[a * 3 + 1] += pa * r[k + 1];
                    aty[a * 3 + 2] += pa * r[k + 2];
                }
            });
        }
        ColourPair.requireUsable(count, pairs);
        double trace = 0;
        for (int a = 0; a < n; a++) {
            trace += ata[a * n + a];
            for (int b = 0; b < a; b++) {
                ata[a * n + b] = ata[b * n + a];
            }
        }
        for (int a = 0; a < n; a++) {
            ata[a * n + a] += RIDGE * trace / n;
        }
        try (Mat lhs = new Mat(n, n, opencv_core.CV_64FC1); Mat rhs = new Mat(n, 3, opencv_core.CV_64FC1);
                Mat x = new Mat()) {
            ((DoubleBuffer) lhs.createBuffer()).put(ata);
            ((DoubleBuffer) rhs.createBuffer()).put(aty);
            if (!opencv_core.solve(lhs, rhs, x, opencv_core.DECOMP_SVD)) {
                throw new IllegalStateException("polynomial regression is singular");
            }
            double[] c = new double[n * 3];
            Mat xc = x.isContinuous() ? x : x.clone();
            ((DoubleBuffer) xc.createBuffer()).get(c);
            coefficients = c;
        }
    }

    @Override
    public Image apply(Image scan) {
        requireFitted();
        Masks.checkChannels(scan, 3, "scan");
        float[] s = scan.data();
        float[] o = new float[s.length];
        double[] phi = new double[exponents.length];
        double[] rgb = new double[3];
        for (int k = 0; k < s.length; k += 3) {
            if (!Pixels.finite(s, k)) {
                o[k] = o[k + 1] = o[k + 2] = Float.NaN;
                continue;
            }
            predict(s[k], s[k + 1], s[k + 2], phi, rgb);
            o[k] = (float) Pixels.clamp01(rgb[0]);
            o[k + 1] = (float) Pixels.clamp01(rgb[1]);
            o[k + 2] = (float) Pixels.clamp01(rgb[2]);
        }
        return new Image(scan.width(), scan.height(), 3, o);
    }

    /** The unclamped prediction for one colour into {@code out}; {@code phi} is scratch of length {@link #terms()}. */
    void predict(double r, double g, double b, double[] phi, double[] out) {
        terms(r, g, b, phi);
        double o0 = 0;
        double o1 = 0;
        double o2 = 0;
        for (int t = 0; t < phi.length; t++) {
            o0 += phi[t] * coefficients[3 * t];
            o1 += phi[t] * coefficients[3 * t + 1];
            o2 += phi[t] * coefficients[3 * t + 2];
        }
        out[0] = o0;
        out[1] = o1;
        out[2] = o2;
    }

    void requireFitted() {
        if (coefficients == null) {
            throw new IllegalStateException(id() + " is not fitted");
        }
    }

    private void terms(double r, double g, double b, double[] phi) {
        double u = 2 * r - 1;
        double v = 2 * g - 1;
        double w = 2 * b - 1;
        // Powers 0..degree of each input (fixed length so that the JIT can keep them off the heap).
        double[] pu = new double[7];
        double[] pv = new double[7];
        double[] pw = new double[7];
        pu[0] = pv[0] = pw[0] = 1;
        for (int p = 1; p <= degree; p++) {
            pu[p] = pu[p - 1] * u;
            pv[p] = pv[p - 1] * v;
            pw[p] = pw[p - 1] * w;
        }
        for (int t = 0; t < exponents.length; t++) {
            int[] e = exponents[t];
            phi[t] = pu[e[0]] * pv[e[1]] * pw[e[2]];
        }
    }
}
