package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;

import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.Image;
import org.emulsion.pipeline.internal.targets.CameraMotions;
import org.emulsion.quality.Planes;
import org.junit.jupiter.api.Test;

/**
 * Two frames of a pan over a textured picture: the camera's motion between them is matched once,
 * from the earlier frame to the later, and the other direction is its inverse.
 */
class CameraMotionsTest {
    private static final int W = 320;
    private static final int H = 240;

    @Test
    void eachPairIsMatchedOnceAndTheOtherDirectionIsItsInverse() {
        Image world = texture(W + 40, H + 40, 5);
        Image first = crop(world, 20, 20);
        Image second = crop(world, 26, 23); // the camera moved 6 px right and 3 down: a point of the first is 6, 3 less in the second
        CameraMotions motions = new CameraMotions();
        double[] forward = motions.between(0, first, 1, second);
        assertNotNull(forward, "the two frames of the pan match");
        double[] moved = new SpatialAlignment(forward, 1, "camera").apply(100, 100);
        assertEquals(94, moved[0], 0.2, "x of the first frame's point in the second");
        assertEquals(97, moved[1], 0.2, "y");
        double[] backward = motions.between(1, second, 0, first);
        // exactly the inverse: the pair's own match, not a second one (which would differ in the last digits)
        assertArrayEquals(SpatialAlignment.invert(forward), backward, 0);
        double[] back = new SpatialAlignment(backward, 1, "camera").apply(94, 97);
        assertEquals(100, back[0], 0.2);
        assertEquals(100, back[1], 0.2);
        assertArrayEquals(forward, motions.between(0, first, 1, second), 0, "asked again, the same match");
        // whichever direction is asked first (a render unit may start at the later frame), the pair is matched one way
        assertArrayEquals(backward, new CameraMotions().between(1, second, 0, first), 0, "the later frame asked first");
    }

    /** Smoothed colour noise: corners and texture everywhere, as features need. */
    private static Image texture(int width, int height, long seed) {
        Random random = new Random(seed);
        Image noise = Image.blank(width, height, 3);
        float[] d = noise.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextFloat();
        }
        Image smooth = Planes.gaussian(noise, 0, 2.5);
        float[] s = smooth.data();
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.max(0, Math.min(1, 0.5f + 4 * (s[i] - 0.5f))); // the blur left little contrast
        }
        return smooth;
    }

    private static Image crop(Image image, int x0, int y0) {
        Image out = Image.blank(W, H, 3);
        for (int y = 0; y < H; y++) {
            System.arraycopy(image.data(), 3 * ((y + y0) * image.width() + x0), out.data(), 3 * y * W, 3 * W);
        }
        return out;
    }
}
