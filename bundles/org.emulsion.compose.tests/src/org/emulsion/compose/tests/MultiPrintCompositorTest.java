package org.emulsion.compose.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.emulsion.compose.Luma;
import org.emulsion.compose.internal.MultiPrintCompositor;
import org.emulsion.core.extensions.CompositorRegistry;
import org.emulsion.core.image.Image;
import org.junit.jupiter.api.Test;

/**
 * The multi-print compositor on two grainy layers a little apart in tone and colour, one taken inside
 * a disc: away from the change of source every pixel is its layer's (the scan's bit for bit, the
 * other's Y to the 16-bit code RGB can hold, and its chroma), and
 * the blend takes the edge the hard paste leaves at the change down to the picture's own gradients.
 */
class MultiPrintCompositorTest {
    private static final int W = 160;
    private static final int H = 120;
    /** Beyond this distance from a change of source no pixel is blended (the compositor's band, with a pixel to spare). */
    private static final int AWAY = 5;

    @Test
    void isContributed() {
        assertInstanceOf(MultiPrintCompositor.class, CompositorRegistry.get().get("org.emulsion.compose.multiPrint").instance());
    }

    @Test
    void pixelsAwayFromAChangeOfSourceAreTheirLayersAndTheChangeShowsNoSeam() {
        Random random = new Random(7);
        int n = W * H;
        float[] rgb = new float[3 * n];
        float[] other = new float[n];
        int[] label = new int[n];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                float base = 0.3f + 0.4f * x / W;
                float grain = 0.02f * (float) random.nextGaussian();
                // a warm 16-bit colour scan
                rgb[3 * i] = Math.round(clamp(base + 0.04f + grain) * 65535) / 65535f;
                rgb[3 * i + 1] = Math.round(clamp(base + grain) * 65535) / 65535f;
                rgb[3 * i + 2] = Math.round(clamp(base - 0.05f + grain) * 65535) / 65535f;
                other[i] = clamp(base + 0.06f + 0.02f * (float) random.nextGaussian()); // another print: its own grain, a tone left over
                label[i] = Math.hypot(x - W / 2.0, y - H / 2.0) < 30 ? 1 : 0;
            }
        }
        Image scan = new Image(W, H, 3, rgb);
        int[] scanY = Luma.codes(scan);
        // the other print's colour: cooler than the scan's (Cb, Cr centred on 0.5)
        float otherCb = 0.5f + 0.03f;
        float otherCr = 0.5f - 0.02f;
        float[] prediction = new float[10 * n];
        for (int i = 0; i < n; i++) {
            prediction[10 * i] = label[i];
            float r = rgb[3 * i];
            float g = rgb[3 * i + 1];
            float b = rgb[3 * i + 2];
            float y = 0.299f * r + 0.587f * g + 0.114f * b;
            float[] layers = {scanY[i] / 65535f, 0.5f + 0.564f * (b - y), 0.5f + 0.713f * (r - y), other[i], otherCb, otherCr, other[i],
                    otherCb, otherCr};
            System.arraycopy(layers, 0, prediction, 10 * i + 1, layers.length);
        }
        Image result = new MultiPrintCompositor().compose(scan, new Image(W, H, 10, prediction), List.of(), null);
        int[] resultY = Luma.codes(result);
        float[] hardY = new float[n];
        int checkedScan = 0;
        int checkedOther = 0;
        for (int i = 0; i < n; i++) {
            hardY[i] = label[i] == 0 ? scanY[i] / 65535f : other[i];
            if (distance(label, i) <= AWAY) {
                continue;
            }
            if (label[i] == 0) {
                for (int c = 3 * i; c < 3 * i + 3; c++) {
                    assertEquals(rgb[c], result.data()[c], "pixel " + i + " taken from the scan is the scan's");
                }
                checkedScan++;
            } else {
                assertEquals(Math.round(other[i] * 65535), resultY[i], 1, "pixel " + i + " taken from the other print is its Y (to one 16-bit code)");
                float r = result.data()[3 * i];
                float g = result.data()[3 * i + 1];
                float b = result.data()[3 * i + 2];
                float y = 0.299f * r + 0.587f * g + 0.114f * b;
                assertEquals(otherCb, 0.5f + 0.564f * (b - y), 2e-3, "pixel " + i + " taken from the other print has its Cb");
                assertEquals(otherCr, 0.5f + 0.713f * (r - y), 2e-3, "pixel " + i + " taken from the other print has its Cr");
                checkedOther++;
            }
        }
        assertTrue(checkedScan > n / 2 && checkedOther > 1000, checkedScan + " / " + checkedOther);
        float[] blendedY = new float[n];
        for (int i = 0; i < n; i++) {
            blendedY[i] = resultY[i] / 65535f;
        }
        double hardSeam = edgeEnergy(hardY, label) / energy(hardY);
        double seam = edgeEnergy(blendedY, label) / energy(blendedY);
        assertTrue(hardSeam > 1.5, "the hard paste shows an edge: " + hardSeam);
        assertTrue(seam < 1.2, "gradient energy along the change of source against the frame's own: " + seam + " (hard paste " + hardSeam + ")");
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    /** Chebyshev distance to the nearest pixel of another label (capped). */
    private static int distance(int[] label, int i) {
        int x0 = i % W;
        int y0 = i / W;
        for (int r = 0; r <= AWAY; r++) {
            for (int y = Math.max(0, y0 - r); y <= Math.min(H - 1, y0 + r); y++) {
                for (int x = Math.max(0, x0 - r); x <= Math.min(W - 1, x0 + r); x++) {
                    if (label[y * W + x] != label[i]) {
                        return r;
                    }
                }
            }
        }
        return AWAY + 1;
    }

    private static double gradient(float[] y, int i) {
        int x = i % W;
        int r = i / W;
        if (x == 0 || r == 0) {
            return Double.NaN;
        }
        double gx = y[i] - y[i - 1];
        double gy = y[i] - y[i - W];
        return gx * gx + gy * gy;
    }

    /** Mean squared gradient where the label changes between a pixel and its left or upper neighbour. */
    private static double edgeEnergy(float[] y, int[] label) {
        double sum = 0;
        int n = 0;
        for (int i = W + 1; i < y.length; i++) {
            if (i % W != 0 && (label[i] != label[i - 1] || label[i] != label[i - W])) {
                sum += gradient(y, i);
                n++;
            }
        }
        return sum / n;
    }

    private static double energy(float[] y) {
        double sum = 0;
        int n = 0;
        for (int i = W + 1; i < y.length; i++) {
            if (i % W != 0) {
                sum += gradient(y, i);
                n++;
            }
        }
        return sum / n;
    }
}
