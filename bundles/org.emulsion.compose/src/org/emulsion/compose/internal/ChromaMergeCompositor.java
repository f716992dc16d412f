package org.emulsion.compose.internal;

import java.util.List;

import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.image.Image;

/**
 * Chroma merge: the prediction's CbCr on the scan's Y ("Color" blend).
 * <p>
 * Restorers require the scan's luma (grain, weave, flicker, detail) to survive exactly, so this
 * compositor works on 16-bit code values ({@link CodeValueMerge}): every pixel keeps the scan's
 * 16-bit Y as {@link Luma} computes it and takes the predicted chroma, blended with the scan's by
 * the mask's weight; out-of-gamut colours are desaturated. Where the mask is 0 the scan is kept
 * as it is.
 */
public final class ChromaMergeCompositor implements Compositor {

    @Override
    public Image compose(Image scan, Image prediction, List<Image> references, Image mask) {
        if (scan.channels() != 3 || prediction.channels() != 2 || scan.width() != prediction.width()
                || scan.height() != prediction.height()) {
            throw new IllegalArgumentException("chroma merge needs an RGB scan and a CbCr prediction of the same size, got "
                    + scan + " and " + prediction);
        }
        float[] weights = CodeValueMerge.weights(mask, scan.width() * scan.height());
        float[] predicted = prediction.data();
        return CodeValueMerge.merge(scan, weights, (i, scanY, t) -> {
            CodeValueMerge.scanChroma(scan.data(), i, t);
            double w = CodeValueMerge.weight(weights, i);
            // predicted chroma is stored centred on 0.5
            t[0] = scanY;
            t[1] = w * (predicted[2 * i] - 0.5) + (1 - w) * t[1];
            t[2] = w * (predicted[2 * i + 1] - 0.5) + (1 - w) * t[2];
        });
    }
}
