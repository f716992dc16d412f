package org.emulsion.workflow.artwork.internal;

import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * {@code org.emulsion.workflow.artwork.placement}: places an artwork on a scan frame, scaled
 * (keeping its aspect) to cover the frame and centred. Artwork shows other moments and framings,
 * so there is nothing to register; the placement only gives the pairs the scan's size and the
 * artwork's resolution on it (the models' work scale). Its confidence is 1: a placement cannot fail.
 */
public final class ArtworkPlacement implements Aligner {
    static final String METHOD = "artwork placed to cover the frame (not registered: it shows other moments)";

    @Override
    public SpatialAlignment align(Image reference, Image scan) {
        double s = Math.max(scan.width() / (double) reference.width(), scan.height() / (double) reference.height());
        double dx = (scan.width() - s * reference.width()) / 2;
        double dy = (scan.height() - s * reference.height()) / 2;
        return new SpatialAlignment(new double[] {s, 0, dx, 0, s, dy, 0, 0, 1}, 1, METHOD);
    }

    /** The artwork scaled and cropped by the placement; pixels it does not reach (rounding at the edges) are NaN. */
    @Override
    public Image warp(Image reference, SpatialAlignment alignment, int width, int height) {
        double[] h = alignment.homography();
        int w = Math.max(1, (int) Math.round(h[0] * reference.width()));
        int hh = Math.max(1, (int) Math.round(h[4] * reference.height()));
        Image scaled = OpenCv.resize(reference, w, hh);
        int x0 = (int) Math.round(-h[2]);
        int y0 = (int) Math.round(-h[5]);
        int c = reference.channels();
        float[] out = new float[width * height * c];
        float[] src = scaled.data();
        for (int y = 0; y < height; y++) {
            int sy = y + y0;
            for (int x = 0; x < width; x++) {
                int sx = x + x0;
                boolean inside = sx >= 0 && sy >= 0 && sx < w && sy < hh;
                for (int k = 0; k < c; k++) {
                    out[(y * width + x) * c + k] = inside ? src[(sy * w + sx) * c + k] : Float.NaN;
                }
            }
        }
        return new Image(width, height, c, out);
    }
}
