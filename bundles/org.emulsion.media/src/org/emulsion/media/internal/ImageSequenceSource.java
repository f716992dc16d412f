package org.emulsion.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.ILog;
import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.media.FrameSequence;
import org.emulsion.media.ImageFiles;

/**
 * A folder of still frames (DPX, TIFF, PNG or OpenEXR) in frame-number order; gaps in the
 * numbering are logged as one warning and available from {@link Sequence#numbering()}. The first
 * frame fixes the geometry and bit depth; a later frame that differs is reported by name rather
 * than silently resized.
 */
public final class ImageSequenceSource implements ReferenceSource {

    /** Nominal rate of a film scan; image sequences carry no timing of their own. */
    public static final double FILM_FPS = 24.0;

    @Override
    public boolean canOpen(Path location) {
        if (!Files.isDirectory(location)) {
            return false;
        }
        try (var files = Files.list(location)) {
            return files.anyMatch(p -> !p.getFileName().toString().startsWith(".")
                    && FrameSequence.EXTENSIONS.contains(extension(p)));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Sequence open(Path location) throws IOException {
        if (!Files.isDirectory(location)) {
            throw new IOException(location + ": not a folder; give the folder that holds the frames");
        }
        FrameSequence numbering = FrameSequence.scan(location);
        List<Path> frames = numbering.files();
        if (frames.isEmpty()) {
            throw new IOException(location + ": holds no .dpx, .tif, .tiff, .png or .exr frames");
        }
        ImageFiles.Decoded first = ImageFiles.read(frames.get(0));
        Image image = first.image();
        if (image.channels() != 3) {
            throw new IOException(frames.get(0) + ": has " + image.channels() + " channel(s); colour frames need 3 (RGB)");
        }
        if (!numbering.gaps().isEmpty()) {
            ILog.of(ImageSequenceSource.class).warn(location + ": " + numbering.gapSummary());
        }
        SourceInfo info = new SourceInfo(image.width(), image.height(), frames.size(), FILM_FPS, 1.0,
                first.bitDepth(), first.floatingPoint() ? "RGB, as stored (floating point)" : "RGB, as stored");
        return new Sequence(numbering, info, first.floatingPoint());
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * An opened folder of frames.
     *
     * @param numbering the frames in number order and the numbers missing between them
     */
    public record Sequence(FrameSequence numbering, SourceInfo info, boolean floatingPoint) implements FrameSource {

        @Override
        public String frameName(int index) {
            return numbering.files().get(index).getFileName().toString();
        }

        @Override
        public Image read(int index) throws IOException {
            return read(index, Integer.MAX_VALUE);
        }

        @Override
        public Image read(int index, int width) throws IOException {
            Path file = numbering.files().get(index);
            ImageFiles.Decoded decoded = ImageFiles.read(file, width);
            Image image = decoded.image();
            if (decoded.storedWidth() != info.width() || decoded.storedHeight() != info.height() || image.channels() != 3) {
                throw new IOException(file + ": is " + decoded.storedWidth() + "x" + decoded.storedHeight() + "x" + image.channels()
                        + " but the sequence is " + info.width() + "x" + info.height()
                        + "x3 (from its first frame); re-export it at the sequence's size");
            }
            if (decoded.bitDepth() != info.bitDepth() || decoded.floatingPoint() != floatingPoint) {
                throw new IOException(file + ": is " + describe(decoded.bitDepth(), decoded.floatingPoint())
                        + " but the sequence is " + describe(info.bitDepth(), floatingPoint)
                        + " (from its first frame); re-export it at the sequence's bit depth");
            }
            return image;
        }

        private static String describe(int bits, boolean floating) {
            return bits + "-bit" + (floating ? " float" : "");
        }

        @Override
        public void close() {
            // nothing held open between reads
        }
    }
}
