package org.emulsion.workflow.artwork.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The palette the network learns from: the main colours of the artwork in use, by k-means
 * (OpenCV) in CIE L*a*b*, each with its share of the sampled pixels, largest first. Written as the
 * report's {@code palette} block ({@code colours[]}: {@code rgb}, {@code name}, {@code share}).
 */
final class ArtworkPalette {
    private static final int COLOURS = 8;
    private static final int SAMPLES = 30_000;

    private ArtworkPalette() {
    }

    /** The palette of {@code artworks} (RGB), for the report. */
    static JsonObject of(List<Image> artworks) {
        long total = artworks.stream().mapToLong(a -> (long) a.width() * a.height()).sum();
        int stride = (int) Math.max(1, total / SAMPLES);
        List<float[]> samples = new ArrayList<>();
        for (Image a : artworks) {
            float[] lab = Colour.lab(a).data();
            for (int p = 0; p < lab.length / 3; p += stride) {
                if (Float.isFinite(lab[3 * p]) && Float.isFinite(lab[3 * p + 1]) && Float.isFinite(lab[3 * p + 2])) {
                    samples.add(new float[] {lab[3 * p], lab[3 * p + 1], lab[3 * p + 2]});
                }
            }
        }
        int k = Math.min(COLOURS, samples.size());
        float[] data = new float[3 * samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i), 0, data, 3 * i, 3);
        }
        JsonObject palette = new JsonObject();
        JsonArray colours = new JsonArray();
        if (k > 0) {
            try (Mat points = OpenCv.toMat(new Image(3, samples.size(), 1, data)); Mat labels = new Mat(); Mat centres = new Mat();
                    TermCriteria criteria = new TermCriteria(TermCriteria.EPS + TermCriteria.COUNT, 50, 0.1)) {
                opencv_core.setRNGSeed(1);
                opencv_core.kmeans(points, k, labels, criteria, 3, opencv_core.KMEANS_PP_CENTERS, centres);
                float[] lab = OpenCv.toImage(centres).data();
                float[] rgb = OpenCv.convert(new Image(k, 1, 3, lab.clone()), opencv_imgproc.COLOR_Lab2RGB).data();
                int[] counts = new int[k];
                try (IntIndexer index = labels.createIndexer()) {
                    for (int i = 0; i < samples.size(); i++) {
                        counts[index.get(i)]++;
                    }
                }
                Integer[] order = new Integer[k];
                for (int i = 0; i < k; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> counts[b] - counts[a]);
                for (int c : order) {
                    JsonObject colour = new JsonObject();
                    colour.addProperty("rgb", String.format(Locale.ROOT, "#%02x%02x%02x", byteOf(rgb[3 * c]), byteOf(rgb[3 * c + 1]),
                            byteOf(rgb[3 * c + 2])));
                    colour.addProperty("name", String.format(Locale.ROOT, "L* %.0f a* %.0f b* %.0f", lab[3 * c], lab[3 * c + 1],
                            lab[3 * c + 2]));
                    colour.addProperty("share", counts[c] / (double) samples.size());
                    colours.add(colour);
                }
            }
        }
        palette.add("colours", colours);
        palette.addProperty("method", "k-means in CIE L*a*b* of the artwork in use (" + samples.size() + " sampled pixels)");
        return palette;
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
