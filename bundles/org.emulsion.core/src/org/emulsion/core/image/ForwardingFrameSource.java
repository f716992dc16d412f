package org.emulsion.core.image;

import java.io.IOException;

/**
 * A view of another frame source that passes on what it does not change: a subclass overrides what
 * it adds (reading ahead, watching the frames go by, other information). Closing the view leaves
 * the source open unless a subclass owns it.
 */
public abstract class ForwardingFrameSource implements FrameSource {
    protected final FrameSource source;

    protected ForwardingFrameSource(FrameSource source) {
        this.source = source;
    }

    @Override
    public SourceInfo info() {
        return source.info();
    }

    @Override
    public String frameName(int index) {
        return source.frameName(index);
    }

    @Override
    public Image read(int index) throws IOException {
        return source.read(index);
    }

    @Override
    public Image read(int index, int width) throws IOException {
        return source.read(index, width);
    }

    @Override
    public void close() {
        // the source belongs to whoever opened it
    }
}
