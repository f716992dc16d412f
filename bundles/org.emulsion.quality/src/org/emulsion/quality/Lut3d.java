package org.emulsion.quality;

import java.util.List;
import java.util.stream.IntStream;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;

/**
 * A per-film 3D LUT ("match grade"): a {@code size}³ lattice over the scan's RGB cube, applied
 * with trilinear interpolation.
 * <p>
 * Fitting: a 2nd-order {@link PolynomialRegression} is fitted first and serves as the LUT's
 * prior. Each usable training pixel then splats its residual (reference minus prior at the scan
 * colour) onto the 8 lattice nodes around its scan colour with trilinear weights; a node's data
 * value is the weighted mean residual. Nodes are finally smoothed and filled by Gauss–Seidel
 * sweeps of
 * <pre>
 * R(c) = (conf(c) · mean(c) + μ Σ R(neighbours)) / (conf(c) + μ · #neighbours + ε (1 − conf(c)))
 * </pre>
 * with {@code conf = w / (w + κ)} for splat weight {@code w}: well-covered nodes keep their data,
 * empty nodes take the diffusion of their neighbours' residuals, fading back to the polynomial far
 * from any data. For applying, prior + residual is sampled on a lattice twice as fine
 * ({@code 2·size − 1} nodes per axis, {@value #REFINE}×): the trilinear residual is reproduced
 * exactly there, the quadratic prior to a quarter of its interpolation error at {@code size}, and a
 * colour is graded by trilinear interpolation alone, clamped to [0, 1], as a grading LUT is applied —
 * each pixel of an archive-size frame costs 8 lookups instead of a polynomial.
 */
public final class Lut3d implements ColourBaseline {
    /** Default lattice size (33 nodes per axis, the common grading LUT size). */
    public static final int DEFAULT_SIZE = 33;
    /** Degree of the polynomial prior. */
    public static final int PRIOR_DEGREE = 2;
    static final double KAPPA = 1.0;
    static final double MU = 0.05;
    static final double EPSILON = 0.02;
    static final int SWEEPS = 100;

    /** How much finer the applied lattice is than the fitted one. */
    static final int REFINE = 2;

    private final int size;
    /** Nodes per axis of the applied lattice. */
    private final int side;
    /** The graded colour at each node of the applied lattice (prior + residual), {@code ((b * side + g) * side + r) * 3 + channel}. */
    private float[] lattice;

    /** A LUT with {@code size} nodes per axis (2..129; 17 or 33 usual). */
    public Lut3d(int size) {
        if (size < 2 || size > 129) {
            throw new IllegalArgumentException("LUT size must be 2..129: " + size);
        }
        this.size = size;
        this.side = REFINE * (size - 1) + 1;
    }

    /** A 33³ LUT. */
    public Lut3d() {
        this(DEFAULT_SIZE);
    }

    @Override
    public String id() {
        return "lut" + size;
    }

    /** Nodes per axis. */
    public int size() {
        return size;
    }

    @Override
    public void fit(List<ColourPair> pairs) {
        PolynomialRegression p = new PolynomialRegression(PRIOR_DEGREE);
        p.fit(pairs);
        int nodes = size * size * size;
        double[] weight = new double[nodes];
        double[] sum = new double[nodes * 3];
        double[] phi = new double[p.terms()];
        double[] pred = new double[3];
        int[] corner = new int[8];
        double[] cw = new double[8];
        for (ColourPair pair : pairs) {
            float[] s = pair.scan().data();
            float[] r = pair.reference().data();
            pair.forEachUsable(k -> {
                double sr = Pixels.clamp01(s[k]);
                double sg = Pixels.clamp01(s[k + 1]);
                double sb = Pixels.clamp01(s[k + 2]);
                p.predict(sr, sg, sb, phi, pred);
                double e0 = r[k] - pred[0];
                double e1 = r[k + 1] - pred[1];
                double e2 = r[k + 2] - pred[2];
                corners(sr, sg, sb, size, corner, cw);
                for (int q = 0; q < 8; q++) {
                    int c = corner[q];
                    double w = cw[q];
                    weight[c] += w;
                    sum[3 * c] += w * e0;
                    sum[3 * c + 1] += w * e1;
                    sum[3 * c + 2] += w * e2;
                }
            });
        }
        lattice = withPrior(solve(weight, sum), p);
    }

    /** {@code prior} plus the trilinear interpolation of {@code residual} at each node of the applied lattice. */
    private float[] withPrior(float[] residual, PolynomialRegression prior) {
        float[] out = new float[side * side * side * 3];
        double[] phi = new double[prior.terms()];
        double[] pred = new double[3];
        int[] corner = new int[8];
        double[] cw = new double[8];
        int last = side - 1;
        for (int b = 0; b < side; b++) {
            for (int g = 0; g < side; g++) {
                for (int r = 0; r < side; r++) {
                    double cr = (double) r / last;
                    double cg = (double) g / last;
                    double cb = (double) b / last;
                    prior.predict(cr, cg, cb, phi, pred);
                    corners(cr, cg, cb, size, corner, cw);
                    int c = 3 * ((b * side + g) * side + r);
                    for (int ch = 0; ch < 3; ch++) {
                        double v = pred[ch];
                        for (int q = 0; q < 8; q++) {
                            v += cw[q] * residual[3 * corner[q] + ch];
                        }
                        out[c + ch] = (float) v;
                    }
                }
            }
        }
        return out;
    }

    /** Smooths and fills the residual lattice (see the class comment). */
    private float[] solve(double[] weight, double[] sum) {
        int nodes = weight.length;
        double[] conf = new double[nodes];
        double[] target = new double[nodes * 3];
        double[] r = new double[nodes * 3];
        for (int c = 0; c < nodes; c++) {
            if (weight[c] > 0) {
                conf[c] = weight[c] / (weight[c] + KAPPA);
                for (int ch = 0; ch < 3; ch++) {
                    target[3 * c + ch] = sum[3 * c + ch] / weight[c];
                    r[3 * c + ch] = target[3 * c + ch];
                }
            }
        }
        int n = size;
        int[] step = { 1, n, n * n };
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int b = 0; b < n; b++) {
                for (int g = 0; g < n; g++) {
                    for (int rr = 0; rr < n; rr++) {
                        int c = (b * n + g) * n + rr;
                        int[] coord = { rr, g, b };
                        double n0 = 0;
                        double n1 = 0;
                        double n2 = 0;
                        int neighbours = 0;
                        for (int axis = 0; axis < 3; axis++) {
                            if (coord[axis] > 0) {
                                int j = 3 * (c - step[axis]);
                                n0 += r[j];
                                n1 += r[j + 1];
                                n2 += r[j + 2];
                                neighbours++;
                            }
                            if (coord[axis] < n - 1) {
                                int j = 3 * (c + step[axis]);
                                n0 += r[j];
                                n1 += r[j + 1];
                                n2 += r[j + 2];
                                neighbours++;
                            }
                        }
                        double cf = conf[c];
                        double den = cf + MU * neighbours + EPSILON * (1 - cf);
                        r[3 * c] = (cf * target[3 * c] + MU * n0) / den;
                        r[3 * c + 1] = (cf * target[3 * c + 1] + MU * n1) / den;
                        r[3 * c + 2] = (cf * target[3 * c + 2] + MU * n2) / den;
                    }
                }
            }
        }
        float[] out = new float[r.length];
        for (int k = 0; k < r.length; k++) {
            out[k] = (float) r[k];
        }
        return out;
    }

    @Override
    public Image apply(Image scan) {
        return graded(scan, 3);
    }

    /** The grade's Cb and Cr in one pass: each pixel is graded and converted where it is, no graded copy of the frame. */
    @Override
    public Image chroma(Image scan) {
        return graded(scan, 2);
    }

    /**
     * Every pixel graded (interpolated in the lattice, clamped), written as RGB ({@code channels}
     * 3) or as its Cb, Cr ({@code channels} 2); rows are shared among the cores.
     */
    private Image graded(Image scan, int channels) {
        if (lattice == null) {
            throw new IllegalStateException(id() + " is not fitted");
        }
        Masks.checkChannels(scan, 3, "scan");
        float[] s = scan.data();
        int w = scan.width();
        float[] o = new float[w * scan.height() * channels];
        IntStream.range(0, scan.height()).parallel().forEach(y -> {
            double[] pred = new double[3];
            int[] corner = new int[8];
            double[] cw = new double[8];
            for (int p = y * w; p < (y + 1) * w; p++) {
                int k = 3 * p;
                int at = channels * p;
                if (!Pixels.finite(s, k)) {
                    for (int c = 0; c < channels; c++) {
                        o[at + c] = Float.NaN;
                    }
                    continue;
                }
                grade(s[k], s[k + 1], s[k + 2], pred, corner, cw);
                if (channels == 3) {
                    o[at] = (float) pred[0];
                    o[at + 1] = (float) pred[1];
                    o[at + 2] = (float) pred[2];
                } else {
                    Colour.cbcr((float) pred[0], (float) pred[1], (float) pred[2], o, at);
                }
            }
        });
        return new Image(w, scan.height(), channels, o);
    }

    /** One colour graded into {@code pred} (clamped to [0, 1]); the other arrays are scratch. */
    private void grade(float r, float g, float b, double[] pred, int[] corner, double[] cw) {
        corners(Pixels.clamp01(r), Pixels.clamp01(g), Pixels.clamp01(b), side, corner, cw);
        pred[0] = 0;
        pred[1] = 0;
        pred[2] = 0;
        for (int q = 0; q < 8; q++) {
            int c = 3 * corner[q];
            double wq = cw[q];
            pred[0] += wq * lattice[c];
            pred[1] += wq * lattice[c + 1];
            pred[2] += wq * lattice[c + 2];
        }
        pred[0] = Pixels.clamp01(pred[0]);
        pred[1] = Pixels.clamp01(pred[1]);
        pred[2] = Pixels.clamp01(pred[2]);
    }

    /** The 8 nodes of a lattice of {@code size} nodes per axis around an RGB colour in [0, 1]³, and their trilinear weights. */
    private static void corners(double r, double g, double b, int size, int[] corner, double[] w) {
        int last = size - 1;
        double fr = r * last;
        double fg = g * last;
        double fb = b * last;
        int ir = Math.min((int) fr, last - 1);
        int ig = Math.min((int) fg, last - 1);
        int ib = Math.min((int) fb, last - 1);
        double tr = fr - ir;
        double tg = fg - ig;
        double tb = fb - ib;
        int q = 0;
        for (int db = 0; db <= 1; db++) {
            double wb = db == 0 ? 1 - tb : tb;
            for (int dg = 0; dg <= 1; dg++) {
                double wg = dg == 0 ? 1 - tg : tg;
                for (int dr = 0; dr <= 1; dr++) {
                    double wr = dr == 0 ? 1 - tr : tr;
                    corner[q] = ((ib + db) * size + ig + dg) * size + ir + dr;
                    w[q] = wr * wg * wb;
                    q++;
                }
            }
        }
    }
}
