package org.emulsion.core.image;

import java.io.IOException;

/**
 * An opened sequence of frames, read one at a time so that a feature film never has to fit in
 * memory. Frame names are the names the material had on disk (output frames mirror them).
 */
public interface FrameSource extends AutoCloseable {

    SourceInfo info();

    default int frameCount() { return info().frameCount(); }

    /** Name of frame {@code index} without directory, e.g. {@code reel1_000123.tif}. */
    String frameName(int index);

    /**
     * Reads frame {@code index}.
     *
     * @throws IOException with a message naming the file when it is missing, truncated or of
     *                     the wrong size or bit depth
     */
    Image read(int index) throws IOException;

    /**
     * Frame {@code index} for a use that needs about {@code width} pixels across (display,
     * registration on a smaller reference): sources that can decode a frame smaller (a folder of
     * stills) return it at most that wide, shrunk by area averaging before it becomes an
     * {@link Image}; others, and this default, return it whole for the caller to shrink. Checked
     * as {@link #read(int)} checks.
     */
    default Image read(int index, int width) throws IOException {
        return read(index);
    }

    @Override
    void close();
}
