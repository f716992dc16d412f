package org.emulsion.media;

import java.util.Locale;

/**
 * The file formats Emulsion writes restored frames in, each carrying metadata key/values (see
 * {@link ImageFiles#write(java.nio.file.Path, org.emulsion.core.image.Image, FrameFormat, java.util.Map)}).
 */
public enum FrameFormat {
    /**
     * 16-bit integer RGB TIFF (OpenCV), uncompressed; metadata as XMP in tag 700. The default.
     * Uncompressed because film scans are grain, which LZW cannot shrink (it grew a 4400×3300 scan
     * frame from 87 to 105 MB) while it made writing 6× and reading 2× slower.
     */
    TIFF16("tif", 16, false),
    /** 10-bit RGB DPX, big-endian, packed in 32-bit words (FFmpeg); metadata in the user-defined data. */
    DPX10("dpx", 10, false),
    /** 12-bit RGB DPX (FFmpeg). */
    DPX12("dpx", 12, false),
    /** 16-bit RGB DPX (FFmpeg). */
    DPX16("dpx", 16, false),
    /** Half-float RGB OpenEXR, ZIP compressed (FFmpeg); metadata as string attributes. */
    EXR_HALF("exr", 16, true),
    /**
     * 32-bit float RGB OpenEXR, uncompressed (FFmpeg): the working format (registered references a
     * re-run reuses), where NaN marks pixels without a sample. ZIP saved only 30 % on such frames
     * and took 30× as long (26 s against 0.8 s for a 4400×3300 frame).
     */
    EXR_FLOAT("exr", 32, true);

    private final String extension;
    private final int bitDepth;
    private final boolean floatingPoint;

    FrameFormat(String extension, int bitDepth, boolean floatingPoint) {
        this.extension = extension;
        this.bitDepth = bitDepth;
        this.floatingPoint = floatingPoint;
    }

    /** The file name extension, without the dot, e.g. {@code tif}. */
    public String extension() {
        return extension;
    }

    /** Bits per stored sample (16 for half floats). */
    public int bitDepth() {
        return bitDepth;
    }

    /** Whether samples are stored as floating point (values outside [0, 1] survive). */
    public boolean floatingPoint() {
        return floatingPoint;
    }

    /** {@code baseName} with this format's extension, e.g. {@code reel1_000123.dpx}. */
    public String fileName(String baseName) {
        return baseName + "." + extension;
    }

    /** Whether {@code fileName} has this format's extension ({@code .tiff} counts as {@code .tif}). */
    public boolean matches(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith("." + extension) || (this == TIFF16 && name.endsWith(".tiff"));
    }
}
