package org.emulsion.simulator.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/** Measurements the simulated case tests share. */
final class CaseImages {
    private CaseImages() {
    }

    /** The files of a folder, sorted by name. */
    static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    /** Rec. 709 luma of an RGB frame. */
    static float[] luma(Image im) {
        float[] d = im.data();
        float[] y = new float[im.width() * im.height()];
        for (int p = 0; p < y.length; p++) {
            y[p] = 0.2126f * d[3 * p] + 0.7152f * d[3 * p + 1] + 0.0722f * d[3 * p + 2];
        }
        return y;
    }

    static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** The 90th percentile of the luma gradient magnitude: the strength of the picture's edges (grain stays below it). */
    static double edges(Image im) {
        float[] y = luma(im);
        int w = im.width();
        int h = im.height();
        float[] g = new float[(w - 2) * (h - 2)];
        int n = 0;
        for (int r = 1; r < h - 1; r++) {
            for (int c = 1; c < w - 1; c++) {
                float gx = y[r * w + c + 1] - y[r * w + c - 1];
                float gy = y[(r + 1) * w + c] - y[(r - 1) * w + c];
                g[n++] = (float) Math.hypot(gx, gy);
            }
        }
        Arrays.sort(g);
        return g[(int) (0.9 * n)];
    }

    /** Pearson correlation of two frames' luma. */
    static double correlation(Image a, Image b) {
        float[] x = luma(a);
        float[] y = luma(b);
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static Image resize(Image im, int w, int h) {
        return OpenCv.resize(im, w, h);
    }

    /** Share of a mask's pixels whose whole (2r+1)² neighbourhood is masked: near 1 for patches, low for lines. */
    static double solid(Image mask, int r) {
        int w = mask.width();
        int h = mask.height();
        int masked = 0;
        int inner = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (mask.data()[y * w + x] <= 0) {
                    continue;
                }
                masked++;
                boolean all = true;
                for (int dy = -r; dy <= r && all; dy++) {
                    for (int dx = -r; dx <= r && all; dx++) {
                        int yy = Math.min(h - 1, Math.max(0, y + dy));
                        int xx = Math.min(w - 1, Math.max(0, x + dx));
                        all = mask.data()[yy * w + xx] > 0;
                    }
                }
                inner += all ? 1 : 0;
            }
        }
        return masked == 0 ? 0 : (double) inner / masked;
    }

    /** Share of a mask's pixels above 0. */
    static double fraction(Image mask) {
        int n = 0;
        for (float v : mask.data()) {
            n += v > 0 ? 1 : 0;
        }
        return (double) n / mask.data().length;
    }
}
