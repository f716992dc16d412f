package org.emulsion.compose.internal;

import java.util.List;

import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.image.Image;

/**
 * Damage-masked luminosity blend: inside the damage map the prediction's Y replaces the scan's
 * (weighted by the map, whose soft edges feather the repair), the scan's chroma is kept, and every
 * pixel where the map is 0 is the scan's bit for bit — its grain, weave and flicker untouched.
 * Works on 16-bit code values ({@link CodeValueMerge}) so the written frame's Y is exactly the
 * blend's. Without a mask there is no damage to repair and the scan comes back as it is.
 */
public final class LumaDamageCompositor implements Compositor {

    @Override
    public Image compose(Image scan, Image prediction, List<Image> references, Image mask) {
        if (scan.channels() != 3 || prediction.channels() != 1 || scan.width() != prediction.width()
                || scan.height() != prediction.height()) {
            throw new IllegalArgumentException("the luma damage composite needs an RGB scan and a Y prediction of the same size, got "
                    + scan + " and " + prediction);
        }
        int n = scan.width() * scan.height();
        if (mask == null) {
            return CodeValueMerge.merge(scan, new float[n], (i, scanY, t) -> { });
        }
        float[] weights = CodeValueMerge.weights(mask, n);
        float[] predicted = prediction.data();
        return CodeValueMerge.merge(scan, weights, (i, scanY, t) -> {
            double w = weights[i];
            double y = Math.min(1, Math.max(0, predicted[i]));
            t[0] = CodeValueMerge.clamp(Math.round(w * y * CodeValueMerge.MAX + (1 - w) * scanY));
            CodeValueMerge.scanChroma(scan.data(), i, t);
        });
    }
}
