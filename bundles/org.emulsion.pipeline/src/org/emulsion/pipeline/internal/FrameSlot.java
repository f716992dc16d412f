package org.emulsion.pipeline.internal;

import java.nio.file.Path;

import org.emulsion.core.image.Image;
import org.emulsion.pipeline.Evidence;

/** One scan frame on its way through a {@link org.emulsion.engine.FramePipeline}, handed between its threads by the pipeline's queues. */
final class FrameSlot {
    final Registered frame;
    final Path file;
    /** Whether an earlier run already wrote it. */
    boolean done;
    Evidence evidence;
    Image result;
    /** Which element each pixel of the result came from (a compositing target), else null. */
    int[] sources;

    FrameSlot(Registered frame, Path file) {
        this.frame = frame;
        this.file = file;
    }

    /** What progress and errors call it. */
    @Override
    public String toString() {
        return "scan frame " + frame.frame();
    }
}
