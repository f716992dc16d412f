package org.emulsion.workflow.telecine.internal;

import org.emulsion.pipeline.ReferenceGuidedChromaWorkflow;

/** {@code telecine-chroma}: the shared reference-guided chroma restore, with the recipe in this bundle's plugin.xml. */
public final class TelecineChromaWorkflow extends ReferenceGuidedChromaWorkflow {

    @Override
    protected String referenceKinds() {
        return "a telecine capture (a video file) or a folder of frames";
    }
}
