package org.emulsion.workflow.demo.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;
import org.emulsion.simulator.Truth;

import com.google.gson.JsonObject;

/**
 * Makes the demo's material: two camera shots from the film simulator's {@link Truth}, the clean truth, a faded grainy 16-bit "scan" and a
 * lower-resolution, reframed, 8-bit colour "reference". Every parameter is seeded and recorded.
 * <p>
 * Fading happens in density space with per-dye rates (cyan and yellow faster than magenta, as in
 * chromogenic stocks), uneven across the frame, plus base fog; grain is per layer and
 * density-dependent; flicker is a per-frame gain. (The full film simulator is a later step.)
 */
final class SampleGenerator {
    /** Remaining dye density per layer (R: cyan, G: magenta, B: yellow). */
    static final double[] DYE_KEPT = {0.50, 0.90, 0.62};
    static final double[] FOG = {0.02, 0.05, 0.03};
    static final double GRAIN = 0.018;
    static final double FLICKER = 0.025;
    /** Part of the scan's frame the reference shows, and its size relative to the scan. */
    static final double REFERENCE_CROP = 0.90;
    static final double REFERENCE_SCALE = 0.75;

    private final int width;
    private final int height;
    private final int frames;
    private final long seed;

    SampleGenerator(int width, int height, int frames, long seed) {
        this.width = width;
        this.height = height;
        this.frames = frames;
        this.seed = seed;
    }

    /** Paths of the generated element folders. */
    record Sample(Path scan, Path reference, Path truth, JsonObject parameters) {
    }

    Sample generate(Path dir, org.eclipse.core.runtime.IProgressMonitor monitor) throws IOException {
        Path scanDir = Files.createDirectories(dir.resolve("scan"));
        Path referenceDir = Files.createDirectories(dir.resolve("reference"));
        Path truthDir = Files.createDirectories(dir.resolve("truth"));
        var progress = org.eclipse.core.runtime.SubMonitor.convert(monitor, "Generating sample", frames);
        try (Truth film = Truth.create(new Truth.Spec(width, height, frames, Math.min(2, frames), seed))) {
            for (int f = 0; f < frames; f++) {
                String name = String.format(Locale.ROOT, "reel1_%06d", 86400 + f);
                Image truth = film.frame(f);
                ImageFiles.writeTiff16(truthDir.resolve(name + ".tif"), truth);
                ImageFiles.writeTiff16(scanDir.resolve(name + ".tif"), scan(truth, f));
                ImageFiles.write(referenceDir.resolve(name + ".png"), reference(truth, f), 8);
                progress.split(1).done();
            }
        }
        return new Sample(scanDir, referenceDir, truthDir, parameters());
    }

    private JsonObject parameters() {
        JsonObject p = new JsonObject();
        p.addProperty("seed", seed);
        p.addProperty("frames", frames);
        p.addProperty("scanSize", width + "x" + height);
        p.addProperty("dyeDensityKept", String.format(Locale.ROOT, "cyan %.2f, magenta %.2f, yellow %.2f", DYE_KEPT[0], DYE_KEPT[1], DYE_KEPT[2]));
        p.addProperty("fadeUnevenness", "±6 % across the frame");
        p.addProperty("baseFog", String.format(Locale.ROOT, "%.2f %.2f %.2f", FOG[0], FOG[1], FOG[2]));
        p.addProperty("grain", GRAIN);
        p.addProperty("flicker", FLICKER);
        p.addProperty("reference", String.format(Locale.ROOT, "%.0f %% of the frame, %dx%d, 8-bit PNG, soft, own grade",
                REFERENCE_CROP * 100, referenceWidth(), referenceHeight()));
        return p;
    }

    private int referenceWidth() { return (int) Math.round(width * REFERENCE_SCALE) / 2 * 2; }

    private int referenceHeight() { return (int) Math.round(height * REFERENCE_SCALE) / 2 * 2; }

    /** The faded, grainy, flickering print as scanned. */
    private Image scan(Image truth, int f) {
        Random random = new Random(seed * 7919 + f);
        double gain = 1 + FLICKER * Math.sin(f * 1.7 + seed);
        Image out = Image.blank(width, height, 3);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double uneven = 1 + 0.06 * ((double) x / width - 0.5) - 0.04 * ((double) y / height - 0.5);
                for (int k = 0; k < 3; k++) {
                    double density = -Math.log10(Math.max(truth.get(x, y, k), 1e-3));
                    double faded = density * Math.min(1, DYE_KEPT[k] * uneven) + FOG[k];
                    out.set(x, y, k, (float) (Math.pow(10, -faded) * gain));
                }
            }
        }
        try (Mat m = OpenCv.toMat(out); Mat noise = new Mat(height, width, opencv_core.CV_32FC3)) {
            opencv_core.setRNGSeed((int) (seed * 31 + f));
            opencv_core.randn(noise, new Mat(1, 1, opencv_core.CV_64F, new Scalar(0)), new Mat(1, 1, opencv_core.CV_64F, new Scalar(1)));
            opencv_imgproc.GaussianBlur(noise, noise, new Size(0, 0), 0.7);
            Image n = OpenCv.toImage(noise);
            float[] d = out.data();
            for (int i = 0; i < d.length; i++) {
                // Grain is strongest in the mid-tones of each layer.
                double v = d[i];
                d[i] = (float) Math.min(1, Math.max(0, v + GRAIN * 2.5 * Math.sqrt(Math.max(0, v * (1 - v))) * n.data()[i] * (0.8 + 0.4 * random.nextDouble())));
            }
        }
        return out;
    }

    /** A softer, smaller, reframed element with its own slight grade, as a video transfer would be. */
    private Image reference(Image truth, int f) {
        int cw = (int) Math.round(width * REFERENCE_CROP);
        int ch = (int) Math.round(height * REFERENCE_CROP);
        int cx = (width - cw) / 2 + (int) Math.round(width * 0.02);
        int cy = (height - ch) / 2 - (int) Math.round(height * 0.01);
        try (Mat full = OpenCv.toMat(truth); Mat crop = new Mat(full, new org.bytedeco.opencv.opencv_core.Rect(cx, cy, cw, ch));
                Mat small = new Mat()) {
            opencv_imgproc.resize(crop, small, new Size(referenceWidth(), referenceHeight()), 0, 0, opencv_imgproc.INTER_AREA);
            opencv_imgproc.GaussianBlur(small, small, new Size(0, 0), 0.8);
            Image ref = OpenCv.toImage(small);
            Random random = new Random(seed * 104729 + f);
            float[] d = ref.data();
            for (int i = 0; i < d.length; i++) {
                double graded = Math.pow(Math.max(0, d[i]), 0.96) * 1.01;
                d[i] = (float) Math.min(1, Math.max(0, graded + 0.006 * random.nextGaussian()));
            }
            return ref;
        }
    }
}
