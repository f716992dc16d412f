package org.emulsion.quality.tests;

import java.util.Random;

import org.emulsion.core.image.Image;

/** Synthetic images for the quality tests. */
final class TestImages {
    private TestImages() {
    }

    interface PixelPredicate {
        boolean test(int x, int y);
    }

    static Image constant(int w, int h, float... value) {
        int c = value.length;
        float[] d = new float[w * h * c];
        for (int i = 0; i < w * h; i++) {
            System.arraycopy(value, 0, d, i * c, c);
        }
        return new Image(w, h, c, d);
    }

    static Image mask(int w, int h, PixelPredicate selected) {
        Image m = Image.blank(w, h, 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                m.set(x, y, 0, selected.test(x, y) ? 1f : 0f);
            }
        }
        return m;
    }

    /** Uniform random samples in [0, 1). */
    static Image random(int w, int h, int channels, long seed) {
        Random random = new Random(seed);
        float[] d = new float[w * h * channels];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextFloat();
        }
        return new Image(w, h, channels, d);
    }

    /** Gaussian noise of standard deviation {@code sigma}. */
    static float[] noise(int n, double sigma, long seed) {
        Random random = new Random(seed);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (random.nextGaussian() * sigma);
        }
        return d;
    }

    /** {@code image} with {@code delta} added to every sample. */
    static Image plus(Image image, float delta) {
        Image out = image.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            d[i] += delta;
        }
        return out;
    }
}
