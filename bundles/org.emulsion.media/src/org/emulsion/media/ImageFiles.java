package org.emulsion.media;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.Image;

/**
 * Reads and writes still frames (TIFF, PNG, EXR via OpenCV). Reads keep the stored bit depth
 * (16-bit TIFF/PNG round-trip exactly); writes go to a temporary file that is renamed into place
 * only when complete, so an interrupted or failed write never leaves a frame that looks finished.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** A decoded frame and the bit depth it was stored with. */
    public record Decoded(Image image, int bitDepth) {
    }

    /**
     * Reads an RGB (or grey) frame.
     *
     * @throws IOException naming the file when it is missing, unreadable, truncated or not an image
     */
    public static Decoded read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file; check the path or restore the frame from its backup");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": not readable; check its permissions");
        }
        try (Mat raw = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_UNCHANGED)) {
            if (raw == null || raw.empty()) {
                throw new IOException(file + ": cannot be decoded (truncated, corrupt or not an image); "
                        + "re-export or replace this frame");
            }
            int bits = switch (raw.depth()) {
                case opencv_core.CV_8U -> 8;
                case opencv_core.CV_16U -> 16;
                case opencv_core.CV_32F -> 32;
                default -> throw new IOException(file + ": unsupported sample type (OpenCV depth " + raw.depth()
                        + "); export 8- or 16-bit integer or 32-bit float frames");
            };
            try (Mat rgb = toRgbOrder(raw)) {
                return new Decoded(OpenCv.toImage(rgb), bits);
            }
        }
    }

    private static Mat toRgbOrder(Mat raw) {
        Mat out = new Mat();
        switch (raw.channels()) {
            case 3 -> opencv_imgproc.cvtColor(raw, out, opencv_imgproc.COLOR_BGR2RGB);
            case 4 -> opencv_imgproc.cvtColor(raw, out, opencv_imgproc.COLOR_BGRA2RGB);
            default -> raw.copyTo(out);
        }
        return out;
    }

    /** Writes {@code image} (RGB or grey, [0, 1]) as a 16-bit TIFF; see {@link #write(Path, Image, int)}. */
    public static void writeTiff16(Path file, Image image) throws IOException {
        write(file, image, 16);
    }

    /**
     * Writes {@code image} with 8 or 16 bits per sample in the format the file name's extension
     * names (.tif, .png), rounding and clipping to the integer range. The file appears only once
     * it is complete.
     *
     * @throws IOException naming the file when it cannot be written (full disk, permissions)
     */
    public static void write(Path file, Image image, int bits) throws IOException {
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("8 or 16 bits, not " + bits);
        }
        try (Mat rgb = OpenCv.toMat(image); Mat ints = new Mat(); Mat bgr = new Mat()) {
            rgb.convertTo(ints, bits == 16 ? opencv_core.CV_16U : opencv_core.CV_8U, bits == 16 ? 65535.0 : 255.0, 0);
            if (image.channels() == 3) {
                opencv_imgproc.cvtColor(ints, bgr, opencv_imgproc.COLOR_RGB2BGR);
            } else {
                ints.copyTo(bgr);
            }
            write(file, bgr);
        }
    }

    /** Writes a Mat whose samples are already in file order (BGR) and depth. */
    static void write(Path file, Mat fileOrder) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path partial = file.resolveSibling("." + name.substring(0, Math.max(dot, 0)) + ".partial" + name.substring(Math.max(dot, 0)));
        boolean ok;
        try {
            ok = opencv_imgcodecs.imwrite(partial.toString(), fileOrder);
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok || !Files.isRegularFile(partial)) {
            Files.deleteIfExists(partial);
            throw new IOException(file + ": could not be written; check free disk space and write permission on "
                    + file.getParent());
        }
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
