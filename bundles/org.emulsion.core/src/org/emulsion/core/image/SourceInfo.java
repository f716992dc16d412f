package org.emulsion.core.image;

/**
 * What a frame source tells about its material: timing, geometry and encoding.
 *
 * @param width         stored frame width in pixels
 * @param height        stored frame height in pixels
 * @param frameCount    number of frames
 * @param fps           nominal frame rate (24 for film, 25 for PAL, 30000/1001 for NTSC)
 * @param pixelAspect   width of a pixel relative to its height (1 for scans, 64/45 for 16:9 PAL DVD)
 * @param bitDepth      bits per sample of the stored frames (8, 10, 12, 16)
 * @param colourEncoding short description of the colour encoding, e.g. "BT.709 RGB"
 */
public record SourceInfo(int width, int height, int frameCount, double fps, double pixelAspect,
        int bitDepth, String colourEncoding) {
}
