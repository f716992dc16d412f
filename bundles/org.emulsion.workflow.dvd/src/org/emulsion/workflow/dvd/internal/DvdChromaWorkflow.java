package org.emulsion.workflow.dvd.internal;

import org.emulsion.pipeline.ReferenceGuidedChromaWorkflow;

/** {@code dvd-chroma}: the shared reference-guided chroma restore, with the recipe in this bundle's plugin.xml. */
public final class DvdChromaWorkflow extends ReferenceGuidedChromaWorkflow {

    @Override
    protected String referenceKinds() {
        return "a VIDEO_TS folder (or the folder holding one), a .vob file, a video file or a folder of frames";
    }
}
