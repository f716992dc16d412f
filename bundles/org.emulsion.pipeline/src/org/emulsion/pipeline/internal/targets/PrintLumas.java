package org.emulsion.pipeline.internal.targets;

import org.emulsion.pipeline.Evidence;

/**
 * A frame's Y planes, each converted once for the tone fits and the composite: the master's, and
 * every reference's on the master's grid (null for a reference without a counterpart of the frame).
 */
record PrintLumas(float[] master, float[][] references) {
    static PrintLumas of(Evidence frame) {
        float[][] references = new float[frame.references().size()][];
        for (int k = 0; k < references.length; k++) {
            references[k] = frame.reference(k) == null ? null : LumaInput.luma(frame.reference(k));
        }
        return new PrintLumas(LumaInput.luma(frame.scan()), references);
    }
}
