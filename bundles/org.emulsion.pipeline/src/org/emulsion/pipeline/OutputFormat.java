package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.Image;
import org.emulsion.media.FrameFormat;
import org.emulsion.media.ImageFiles;

/**
 * The delivery formats a restore offers ({@code --format tiff|dpx|exr}): which {@link FrameFormat}
 * each writes and how an output frame is named after its scan frame.
 */
public enum OutputFormat {
    /** 16-bit integer TIFF, provenance as XMP (the default: every grading and compositing tool reads it). */
    TIFF(FrameFormat.TIFF16),
    /** 10-bit DPX, the film-scan interchange format, provenance as XMP in the user-defined data. */
    DPX(FrameFormat.DPX10),
    /** Half-float OpenEXR, provenance as string attributes in the header. */
    EXR(FrameFormat.EXR_HALF);

    private final FrameFormat frameFormat;

    OutputFormat(FrameFormat frameFormat) {
        this.frameFormat = frameFormat;
    }

    public FrameFormat frameFormat() {
        return frameFormat;
    }

    /** The option value naming this format ({@code tiff}, {@code dpx}, {@code exr}). */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Bytes one RGB frame of {@code width} × {@code height} takes on disk, uncompressed (an upper bound for EXR). */
    public long frameBytes(int width, int height) {
        long pixels = (long) width * height;
        return switch (this) {
            case TIFF, EXR -> pixels * 6;
            case DPX -> pixels * 4; // three 10-bit samples packed in one 32-bit word
        };
    }

    /** The output file name of scan frame {@code scanName}: the same base name, this format's extension. */
    public String fileName(String scanName) {
        int dot = scanName.lastIndexOf('.');
        return frameFormat.fileName(dot > 0 ? scanName.substring(0, dot) : scanName);
    }

    /** Writes {@code image} as {@code dir/fileName(scanName)} with {@code metadata}; the file appears only when complete. */
    public Path write(Path dir, String scanName, Image image, Map<String, String> metadata) throws IOException {
        Path file = dir.resolve(fileName(scanName));
        ImageFiles.write(file, image, frameFormat, metadata);
        return file;
    }

    /**
     * The format an option value names.
     *
     * @throws EmulsionException listing the formats when {@code value} names none
     */
    public static OutputFormat parse(String value) throws EmulsionException {
        for (OutputFormat f : values()) {
            if (f.optionValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new EmulsionException("--format " + value + " is not offered; use one of "
                + Arrays.stream(values()).map(OutputFormat::optionValue).toList());
    }
}
