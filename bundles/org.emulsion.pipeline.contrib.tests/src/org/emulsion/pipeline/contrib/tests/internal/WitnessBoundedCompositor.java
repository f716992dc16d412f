package org.emulsion.pipeline.contrib.tests.internal;

import java.util.List;

import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.image.Image;

/**
 * The predicted Y inside the mask, held between the two witnesses' Y where both cover the pixel
 * (the repair may not leave what the evidence says), blended by the mask's weight. Shifting R, G
 * and B alike changes Y by the same amount and leaves Cb and Cr as they are; where the mask is 0
 * the scan's pixel is copied as it is.
 */
public final class WitnessBoundedCompositor implements Compositor {

    @Override
    public Image compose(Image scan, Image prediction, List<Image> references, Image mask) {
        if (prediction.channels() != 1 || prediction.width() != scan.width() || prediction.height() != scan.height()) {
            throw new IllegalArgumentException("the witness compositor takes a 1-channel Y of the scan's size, not "
                    + prediction.width() + "x" + prediction.height() + "x" + prediction.channels());
        }
        float[] s = scan.data();
        float[] out = s.clone();
        if (mask == null) {
            return new Image(scan.width(), scan.height(), 3, out);
        }
        float[] scanY = WitnessLumaRestoration.y(scan);
        float[] a = references.size() > 0 ? WitnessLumaRestoration.y(references.get(0)) : null;
        float[] b = references.size() > 1 ? WitnessLumaRestoration.y(references.get(1)) : null;
        for (int i = 0; i < scanY.length; i++) {
            float m = mask.data()[i];
            float y = prediction.data()[i];
            if (m <= 0 || !Float.isFinite(y)) {
                continue;
            }
            if (a != null && b != null && Float.isFinite(a[i]) && Float.isFinite(b[i])) {
                y = Math.clamp(y, Math.min(a[i], b[i]), Math.max(a[i], b[i]));
            }
            float shift = Math.min(m, 1f) * (y - scanY[i]);
            for (int k = 3 * i; k < 3 * i + 3; k++) {
                out[k] = Math.clamp(s[k] + shift, 0f, 1f);
            }
        }
        return new Image(scan.width(), scan.height(), 3, out);
    }
}
