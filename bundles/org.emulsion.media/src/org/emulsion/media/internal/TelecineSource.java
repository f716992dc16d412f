package org.emulsion.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.image.FrameSource;

/**
 * A telecine capture (a video file) as progressive film frames: 3:2 pulldown is removed (inverse
 * telecine to 24000/1001 fps, each film frame exactly once, in field order), interlaced material
 * without pulldown is deinterlaced, progressive material is read as is; which applies is decided
 * by {@link FieldAnalysis} on the first pictures. The picture area and subtitle band are detected
 * on sampled frames.
 */
public final class TelecineSource implements ReferenceSource {

    @Override
    public boolean canOpen(Path location) {
        return VideoFileSource.isVideoFile(location);
    }

    @Override
    public FrameSource open(Path location) throws IOException {
        if (!Files.isRegularFile(location)) {
            throw new IOException(location + ": no such video file; a telecine capture is one video file");
        }
        return VideoFrames.progressive(VideoInput.file(location));
    }
}
