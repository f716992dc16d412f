package org.emulsion.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.image.FrameSource;
import org.emulsion.media.internal.FilteredVideo.Fields;

/**
 * A video file decoded by FFmpeg, frames as stored (interlaced material is passed through; the
 * telecine and DVD sources make it progressive). Frames are decoded to 16-bit RGB with the
 * stream's own colour matrix and range, so 10-bit sources keep their precision.
 */
public final class VideoFileSource implements ReferenceSource {

    static final Set<String> EXTENSIONS = Set.of("mkv", "mov", "mp4", "m4v", "avi", "mpg", "mpeg", "m2v", "vob", "ts", "mxf",
            "nut");

    @Override
    public boolean canOpen(Path location) {
        return isVideoFile(location);
    }

    /** A regular file with a video file name extension (no decoding). */
    static boolean isVideoFile(Path location) {
        return Files.isRegularFile(location) && EXTENSIONS.contains(extension(location));
    }

    static String extension(Path location) {
        String name = location.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1) : "";
    }

    @Override
    public FrameSource open(Path location) throws IOException {
        if (!Files.isRegularFile(location)) {
            throw new IOException(location + ": no such video file");
        }
        VideoInput input = VideoInput.file(location);
        return VideoFrames.open(input, input.probe(), Fields.AS_STORED, false);
    }
}
