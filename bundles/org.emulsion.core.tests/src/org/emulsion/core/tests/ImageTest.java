package org.emulsion.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emulsion.core.image.Image;
import org.junit.jupiter.api.Test;

class ImageTest {

    /** A sample of the lattice is the pixel itself, every channel, rows and columns from the first; an edge row or column that starts a step is kept. */
    @Test
    void sampledKeepsEveryStepthPixelAsItIs() {
        Image image = Image.blank(7, 5, 2);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                image.set(x, y, 0, 10 * y + x);
                image.set(x, y, 1, -(10 * y + x));
            }
        }
        Image sampled = image.sampled(3);
        assertEquals(3, sampled.width());
        assertEquals(2, sampled.height());
        assertEquals(2, sampled.channels());
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                assertEquals(30 * y + 3 * x, sampled.get(x, y, 0));
                assertEquals(-(30 * y + 3 * x), sampled.get(x, y, 1));
            }
        }
        assertSame(image, image.sampled(1));
        assertThrows(IllegalArgumentException.class, () -> image.sampled(0));
    }
}
