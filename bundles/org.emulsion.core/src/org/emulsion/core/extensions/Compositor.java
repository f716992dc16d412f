package org.emulsion.core.extensions;

import java.util.List;

import org.emulsion.core.image.Image;

/**
 * Builds the final frame from the scan, the model's prediction and (optionally) aligned
 * references and masks.
 * <p>
 * Contributed through the {@code org.emulsion.core.compositors} extension point. Compositors are
 * where "recover, never invent" is enforced: they decide which parts of the scan survive
 * untouched (e.g. its luma in chroma mode).
 */
public interface Compositor {

    /**
     * @param scan        the scan frame, RGB
     * @param prediction  the model output in the architecture's channel contract
     * @param references  registered reference frames (may be empty)
     * @param mask        per-pixel weight in [0, 1] of where the prediction may be used, or null for everywhere
     * @return the composite, RGB, same size as {@code scan}
     */
    Image compose(Image scan, Image prediction, List<Image> references, Image mask);
}
