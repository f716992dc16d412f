package org.emulsion.ui.internal.viewer;

import org.emulsion.pipeline.RunFolder;
import org.emulsion.ui.internal.Labels;

/** What the viewer can put on side A or B: a layer of the current frame, or a tile of the chosen contact sheet row. */
public enum Source {
    SCAN(RunFolder.Layer.SCAN), ALIGNED_REFERENCE(RunFolder.Layer.ALIGNED_REFERENCE), BASELINE(RunFolder.Layer.BASELINE),
    RESULT(RunFolder.Layer.RESULT), TILE_INPUT(null), TILE_TARGET(null), TILE_OUTPUT(null);

    private final RunFolder.Layer layer;

    Source(RunFolder.Layer layer) {
        this.layer = layer;
    }

    /** The frame layer, or null for a contact sheet tile. */
    RunFolder.Layer layer() {
        return layer;
    }

    public String label() {
        return Labels.get("viewer.source." + name());
    }
}
