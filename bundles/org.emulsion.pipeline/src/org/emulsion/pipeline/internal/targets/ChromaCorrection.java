package org.emulsion.pipeline.internal.targets;

import java.util.stream.IntStream;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;

/**
 * How the chroma targets ({@code chroma}, {@code artwork}) apply what they predict at the work
 * scale: as a correction of the scan's own chroma, enlarged and added to the scan's
 * full-resolution chroma, so the scan keeps its own fine chroma detail.
 */
final class ChromaCorrection {
    private ChromaCorrection() {
    }

    /** Cb and Cr of an RGB image. */
    static Image chroma(Image rgb) {
        return Colour.channels(Colour.ycbcr(rgb), 1, 2);
    }

    /** {@code scan}'s full-resolution chroma with {@code correction} (Cb, Cr at any scale) enlarged and added. */
    static Image added(Image scan, Image correction) {
        return addedTo(Colour.ycbcr(scan), correction);
    }

    /** The Cb, Cr of a full-resolution Y'CbCr frame with {@code correction} (Cb, Cr at any scale) enlarged and added. */
    static Image addedTo(Image ycbcr, Image correction) {
        Image full = Colour.channels(ycbcr, 1, 2);
        float[] enlarged = OpenCv.resize(correction, ycbcr.width(), ycbcr.height()).data();
        float[] out = full.data();
        int rowLength = 2 * ycbcr.width();
        IntStream.range(0, ycbcr.height()).parallel().forEach(row -> {
            for (int i = row * rowLength; i < (row + 1) * rowLength; i++) {
                out[i] += enlarged[i];
            }
        });
        return full;
    }
}
