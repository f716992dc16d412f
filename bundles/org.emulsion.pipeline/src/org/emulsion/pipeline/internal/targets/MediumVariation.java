package org.emulsion.pipeline.internal.targets;

import java.util.Random;

import org.emulsion.core.image.Image;
import org.emulsion.quality.GrainKept;
import org.emulsion.quality.Planes;

/**
 * The artwork's medium varied where the network reads it, so that it learns colour from what the
 * artwork shows rather than from how it was made: a painting's brush strokes and a photograph's
 * paper are fine texture that a film frame of the same subject does not have. Its fine texture (the
 * luma above {@link GrainKept#SIGMA}'s blur: strokes, the painter's detail) is scaled by a random
 * factor from none to half again as much, and a paper texture (fibres: seeded noise a pixel or two
 * across) is added, as strong as up to the picture's own fine texture. Only the luma changes (the
 * same amount is added to R, G and B): the colour the network is to learn stays the artwork's. Both
 * strengths are relative to the picture itself.
 */
public final class MediumVariation {
    /** The fine texture is scaled by a factor drawn from 0 to this. */
    private static final double MOST_TEXTURE = 1.5;
    /** Paper fibres are a Gaussian-blurred noise of σ drawn from this range (pixels). */
    private static final double FIBRE_MIN = 0.7;
    private static final double FIBRE_MAX = 2.0;

    private MediumVariation() {
    }

    /** {@code rgb} (finite) with its fine texture rescaled and a paper texture added, as {@code random} draws them. */
    public static Image vary(Image rgb, Random random) {
        int n = rgb.width() * rgb.height();
        float[] fine = GrainKept.highPass(Planes.luma(rgb), GrainKept.SIGMA).data();
        double own = deviation(fine);
        double texture = MOST_TEXTURE * random.nextDouble() - 1; // the change: −1 removes the texture
        float[] noise = new float[n];
        for (int p = 0; p < n; p++) {
            noise[p] = (float) random.nextGaussian();
        }
        float[] fibres = Planes.gaussian(new Image(rgb.width(), rgb.height(), 1, noise), 0,
                FIBRE_MIN + (FIBRE_MAX - FIBRE_MIN) * random.nextDouble()).data();
        double paper = own * random.nextDouble() / Math.max(1e-9, deviation(fibres));
        Image out = rgb.copy();
        float[] d = out.data();
        for (int p = 0; p < n; p++) {
            float delta = (float) (texture * fine[p] + paper * fibres[p]);
            for (int c = 0; c < 3; c++) {
                d[3 * p + c] = Math.max(0, Math.min(1, d[3 * p + c] + delta));
            }
        }
        return out;
    }

    private static double deviation(float[] v) {
        double sum = 0;
        double square = 0;
        for (float x : v) {
            sum += x;
            square += x * x;
        }
        double mean = sum / v.length;
        return Math.sqrt(Math.max(0, square / v.length - mean * mean));
    }
}
