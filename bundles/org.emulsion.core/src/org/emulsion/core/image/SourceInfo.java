package org.emulsion.core.image;

import java.util.Objects;

/**
 * What a frame source tells about its material: timing, geometry and encoding.
 * <p>
 * Frames delivered by a source are progressive unless {@link #fieldOrder()} says otherwise for a
 * source that passes interlaced material through unchanged; sources that deinterlace or inverse
 * telecine say so in {@link #colourEncoding()} and report the rate after that step in {@link #fps()}.
 *
 * @param width          stored frame width in pixels
 * @param height         stored frame height in pixels
 * @param frameCount     number of frames
 * @param fps            nominal frame rate (24 for film, 25 for PAL, 30000/1001 for NTSC)
 * @param pixelAspect    width of a pixel relative to its height (1 for scans, 64/45 for 16:9 PAL DVD)
 * @param bitDepth       bits per sample of the stored frames (8, 10, 12, 16)
 * @param colourEncoding short description of the colour encoding and field handling, e.g. "BT.709 RGB"
 * @param fieldOrder     how the stored material is scanned (read from the stream, not assumed)
 * @param matrix         the YCbCr matrix the stored material was encoded with (used to decode it to RGB)
 * @param activeArea     the part of the frame that holds picture (letterbox / pillarbox bars outside it)
 * @param subtitleBand   a band of burnt-in subtitles aligners should ignore, or {@link Rect#NONE}
 */
public record SourceInfo(int width, int height, int frameCount, double fps, double pixelAspect, int bitDepth,
        String colourEncoding, FieldOrder fieldOrder, Matrix matrix, Rect activeArea, Rect subtitleBand) {

    /** Scan structure of stored frames. */
    public enum FieldOrder {
        PROGRESSIVE, TOP_FIELD_FIRST, BOTTOM_FIELD_FIRST;

        public boolean interlaced() { return this != PROGRESSIVE; }
    }

    /** The colour matrix of stored YCbCr samples; {@link #RGB} when the material is stored as RGB. */
    public enum Matrix {
        RGB, REC601, REC709, REC2020
    }

    /** A rectangle in stored pixels; {@link #NONE} (empty) where there is none. */
    public record Rect(int x, int y, int width, int height) {
        public static final Rect NONE = new Rect(0, 0, 0, 0);

        public Rect {
            if (x < 0 || y < 0 || width < 0 || height < 0) {
                throw new IllegalArgumentException("bad rectangle " + x + "," + y + " " + width + "x" + height);
            }
        }

        public boolean isEmpty() { return width == 0 || height == 0; }

        public boolean contains(int px, int py) { return px >= x && py >= y && px < x + width && py < y + height; }
    }

    public SourceInfo {
        Objects.requireNonNull(fieldOrder, "fieldOrder");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(activeArea, "activeArea");
        Objects.requireNonNull(subtitleBand, "subtitleBand");
    }

    /** Progressive RGB material whose whole frame is picture (scans, stills). */
    public SourceInfo(int width, int height, int frameCount, double fps, double pixelAspect, int bitDepth, String colourEncoding) {
        this(width, height, frameCount, fps, pixelAspect, bitDepth, colourEncoding, FieldOrder.PROGRESSIVE, Matrix.RGB,
                new Rect(0, 0, width, height), Rect.NONE);
    }

    /** This information with another picture area and subtitle band. */
    public SourceInfo withAreas(Rect active, Rect subtitles) {
        return new SourceInfo(width, height, frameCount, fps, pixelAspect, bitDepth, colourEncoding, fieldOrder, matrix, active,
                subtitles);
    }
}
