package org.emulsion.simulator;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_photo;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;
import org.emulsion.simulator.internal.ReferenceImages;
import org.emulsion.simulator.internal.ReferenceSidecar;

/**
 * Renders artwork after a {@link Truth}: for every shot not excluded, stills of seeded frames,
 * each framed on the artist's canvas, stylised (painted, posterised or flattened into colour
 * regions) or photographed (a production still on another stock) and given the artist's palette
 * (hue shift, saturation, yellowed varnish), written as PNGs.
 */
public final class ArtworkRenderer {
    public static final String FOLDER_NAME = "artwork";
    public static final String SIDECAR_NAME = "artwork.json";

    private ArtworkRenderer() {
    }

    /** Writes {@code directory/artwork/artwork_000.png …} and {@code directory/artwork.json}. */
    public static ArtworkResult render(Truth truth, long seed, ArtworkParameters parameters, Path directory) throws IOException {
        Path folder = directory.resolve(FOLDER_NAME);
        Files.createDirectories(folder);
        Random random = new Random(seed * 104_729 + 11);
        int height = 2 * Math.max(8, (int) Math.round(truth.spec().height() * parameters.scale() / 2));
        int width = 2 * Math.max(8, (int) Math.round(height * parameters.pictureAspect() / 2));
        List<Integer> starts = truth.shotStarts();
        List<ArtworkResult.Still> stills = new ArrayList<>();
        for (int shot = 0; shot < starts.size(); shot++) {
            int first = starts.get(shot);
            int end = shot + 1 < starts.size() ? starts.get(shot + 1) : truth.frameCount();
            // draw every shot's choices, so excluding a shot does not change the others' stills
            for (int s = 0; s < parameters.stillsPerShot(); s++) {
                int frame = first + random.nextInt(end - first);
                ReferenceFraming framing = new ReferenceFraming(parameters.pictureAspect(),
                        1 + (parameters.maxZoom() - 1) * random.nextDouble(), 2 * random.nextDouble() - 1, 2 * random.nextDouble() - 1);
                if (parameters.excludedShots().contains(shot)) {
                    continue;
                }
                String style = parameters.styles().get(stills.size() % parameters.styles().size());
                ReferenceGeometry geometry = framing.geometry(truth.spec().width(), truth.spec().height(), width, height, 1.0);
                Image still = palette(stylise(geometry.fromTruth(truth.frame(frame)), style,
                        ReferenceImages.seed(seed, 6, stills.size())), parameters);
                Path file = folder.resolve(String.format(Locale.ROOT, "artwork_%03d.png", stills.size()));
                ImageFiles.write(file, still, 8);
                stills.add(new ArtworkResult.Still(file, frame, shot, style, geometry));
            }
        }
        if (stills.isEmpty()) {
            throw new IllegalArgumentException("every shot is excluded: no artwork to make");
        }
        ArtworkResult result = new ArtworkResult(folder, directory.resolve(SIDECAR_NAME), seed, parameters, stills,
                truth.parameters());
        ReferenceSidecar.write(result.sidecar(), result.toJson());
        return result;
    }

    private static Image stylise(Image image, String style, long seed) {
        if (style.equals("photograph")) {
            return photograph(image, seed);
        }
        try (Mat rgb = OpenCv.toMat(image); Mat bytes = new Mat(); Mat out = new Mat()) {
            rgb.convertTo(bytes, opencv_core.CV_8U, 255, 0);
            float brush = (float) Math.max(8, 0.08 * image.width());
            switch (style) {
                case "paint" -> opencv_photo.stylization(bytes, out, brush, 0.35f);
                case "meanshift" -> opencv_imgproc.pyrMeanShiftFiltering(bytes, out, Math.max(6, brush / 2), 28);
                case "posterise" -> {
                    try (Mat once = new Mat(); Mat smooth = new Mat()) {
                        opencv_imgproc.bilateralFilter(rgb, once, 9, 0.2, 8);
                        opencv_imgproc.bilateralFilter(once, smooth, 9, 0.2, 8);
                        Image s = OpenCv.toImage(smooth);
                        float[] d = s.data();
                        int levels = 6;
                        for (int i = 0; i < d.length; i++) {
                            d[i] = Math.round(Math.min(1f, Math.max(0f, d[i])) * (levels - 1)) / (float) (levels - 1);
                        }
                        return s;
                    }
                }
                default -> throw new IllegalArgumentException("unknown artwork style " + style);
            }
            return OpenCv.toImage(out);
        }
    }

    /**
     * A production still: the set photographed beside the camera on another stock, so sharp but
     * with its own exposure (brighter mid-tones), a lens that darkens the corners, and grain.
     */
    private static Image photograph(Image image, long seed) {
        Image soft = ReferenceImages.blur(image, 0.5);
        Image grain = ReferenceImages.noise(image.width(), image.height(), 3, 0.015, 0.6, true, seed);
        float[] d = soft.data();
        float[] g = grain.data();
        double cx = (image.width() - 1) / 2.0;
        double cy = (image.height() - 1) / 2.0;
        double corner = cx * cx + cy * cy;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                double vignette = 1 - 0.25 * ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / corner;
                for (int c = 0; c < 3; c++) {
                    int i = (y * image.width() + x) * 3 + c;
                    d[i] = (float) (Math.pow(Math.max(0, d[i]), 0.85) * vignette + g[i]);
                }
            }
        }
        return soft;
    }

    /**
     * The artist's palette applied to {@code image}: hue rotated, saturation scaled, then a yellowed
     * varnish; no stylisation, no framing. On a truth frame, the artwork's look of that frame: what a
     * method that learns the artwork's colour exactly would give (the benchmark's "artwork look").
     */
    public static Image palette(Image image, ArtworkParameters parameters) {
        try (Mat rgb = OpenCv.toMat(image); Mat hsv = new Mat(); Mat back = new Mat()) {
            opencv_imgproc.cvtColor(rgb, hsv, opencv_imgproc.COLOR_RGB2HSV);
            FloatBuffer b = hsv.createBuffer();
            for (int i = 0; i < b.limit(); i += 3) {
                float h = (float) ((b.get(i) + parameters.hueShift()) % 360 + 360) % 360;
                b.put(i, h);
                b.put(i + 1, (float) Math.min(1, b.get(i + 1) * parameters.saturation()));
            }
            opencv_imgproc.cvtColor(hsv, back, opencv_imgproc.COLOR_HSV2RGB);
            Image out = OpenCv.toImage(back);
            float[] d = out.data();
            double v = parameters.varnish();
            double[] tint = {1.0, 1 - 0.35 * v, 1 - v};
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) Math.min(1, Math.max(0, d[i] * tint[i % 3] + 0.04 * v));
            }
            return out;
        }
    }
}
