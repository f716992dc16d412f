package org.emulsion.align.tests;

import java.util.List;

import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;

/** Frames already in memory, for small synthetic sequences. */
record ListSource(List<Image> frames, double fps, double pixelAspect) implements FrameSource {

    @Override
    public SourceInfo info() {
        return new SourceInfo(frames.get(0).width(), frames.get(0).height(), frames.size(), fps, pixelAspect, 16, "BT.709 RGB");
    }

    @Override
    public String frameName(int index) {
        return String.format("frame_%04d.tif", index);
    }

    @Override
    public Image read(int index) {
        return frames.get(index);
    }

    @Override
    public void close() {
    }
}
