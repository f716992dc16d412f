package org.emulsion.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.media.ImageFiles;

/**
 * A folder of still frames (TIFF or PNG), in name order. The first frame fixes the geometry and
 * bit depth; a later frame that differs is reported by name rather than silently resized.
 */
public final class ImageSequenceSource implements ReferenceSource {

    /** Nominal rate of a film scan; image sequences carry no timing of their own. */
    public static final double FILM_FPS = 24.0;

    @Override
    public boolean canOpen(Path location) {
        if (!Files.isDirectory(location)) {
            return false;
        }
        try {
            return !list(location).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public FrameSource open(Path location) throws IOException {
        if (!Files.isDirectory(location)) {
            throw new IOException(location + ": not a folder; give the folder that holds the frames");
        }
        List<Path> frames = list(location);
        if (frames.isEmpty()) {
            throw new IOException(location + ": holds no .tif, .tiff or .png frames");
        }
        ImageFiles.Decoded first = ImageFiles.read(frames.get(0));
        Image image = first.image();
        if (image.channels() != 3) {
            throw new IOException(frames.get(0) + ": has " + image.channels() + " channel(s); colour frames need 3 (RGB)");
        }
        SourceInfo info = new SourceInfo(image.width(), image.height(), frames.size(), FILM_FPS, 1.0,
                first.bitDepth(), "RGB, as stored");
        return new Sequence(frames, info);
    }

    static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(ImageSequenceSource::isFrame).sorted().toList();
        }
    }

    private static boolean isFrame(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".tif") || name.endsWith(".tiff") || name.endsWith(".png"))
                && Files.isRegularFile(p);
    }

    private record Sequence(List<Path> frames, SourceInfo info) implements FrameSource {

        @Override
        public String frameName(int index) {
            return frames.get(index).getFileName().toString();
        }

        @Override
        public Image read(int index) throws IOException {
            Path file = frames.get(index);
            ImageFiles.Decoded decoded = ImageFiles.read(file);
            Image image = decoded.image();
            if (image.width() != info.width() || image.height() != info.height() || image.channels() != 3) {
                throw new IOException(file + ": is " + image.width() + "x" + image.height() + "x" + image.channels()
                        + " but the sequence is " + info.width() + "x" + info.height()
                        + "x3 (from its first frame); re-export it at the sequence's size");
            }
            if (decoded.bitDepth() != info.bitDepth()) {
                throw new IOException(file + ": is " + decoded.bitDepth() + "-bit but the sequence is "
                        + info.bitDepth() + "-bit; re-export it at the sequence's bit depth");
            }
            return image;
        }

        @Override
        public void close() {
            // nothing held open between reads
        }
    }
}
