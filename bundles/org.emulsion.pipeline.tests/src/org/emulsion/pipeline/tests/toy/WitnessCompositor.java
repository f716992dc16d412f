package org.emulsion.pipeline.tests.toy;

import java.util.List;

import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.image.Image;

/**
 * The toy target's compositor: inside the mask the scan's Y becomes the prediction's, weighted by
 * the mask, by adding the same amount to R', G' and B' (which leaves Cb and Cr as they were);
 * where the mask is 0 the scan is returned untouched.
 */
public final class WitnessCompositor implements Compositor {
    @Override
    public Image compose(Image scan, Image prediction, List<Image> references, Image mask) {
        if (prediction.channels() != 1 || mask == null) {
            throw new IllegalArgumentException("the witness compositor takes a 1-channel Y prediction and a mask");
        }
        Image out = scan.copy();
        float[] o = out.data();
        float[] y = WitnessRestoration.luma(scan).data();
        float[] p = prediction.data();
        float[] m = mask.data();
        for (int i = 0; i < m.length; i++) {
            if (m[i] > 0) {
                float delta = m[i] * (p[i] - y[i]);
                for (int c = 0; c < 3; c++) {
                    o[3 * i + c] = Math.max(0f, Math.min(1f, o[3 * i + c] + delta));
                }
            }
        }
        return out;
    }
}
