package org.emulsion.workflow.demo.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;

import com.google.gson.JsonObject;

/**
 * Makes the demo's material: two camera shots over a generated scene (sky, foliage, skin, fabric
 * and neutral tones, a moving object), the clean truth, a faded grainy 16-bit "scan" and a
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
        Random random = new Random(seed);
        var progress = org.eclipse.core.runtime.SubMonitor.convert(monitor, "Generating sample", frames);
        try (Mat canvas = scene(random)) {
            for (int f = 0; f < frames; f++) {
                String name = String.format(Locale.ROOT, "reel1_%06d", 86400 + f);
                Image truth = frame(canvas, f, random);
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

    /** A scene twice the frame's size: sky, textured foliage, and shapes in typical film colours. */
    private Mat scene(Random random) {
        int w = width * 2;
        int h = height * 2;
        Mat canvas = new Mat(h, w, opencv_core.CV_32FC3);
        Image sky = Image.blank(w, h, 3);
        for (int y = 0; y < h; y++) {
            double t = (double) y / h;
            for (int x = 0; x < w; x++) {
                boolean ground = t > 0.45 + 0.05 * Math.sin(x / 90.0);
                double[] c = ground ? new double[] {0.22, 0.45 + 0.1 * t, 0.16} : new double[] {0.40 + 0.5 * t, 0.58 + 0.35 * t, 0.88};
                for (int k = 0; k < 3; k++) {
                    sky.set(x, y, k, (float) c[k]);
                }
            }
        }
        OpenCv.toMat(sky).copyTo(canvas);
        double[][] palette = {
            {0.87, 0.66, 0.52}, {0.70, 0.48, 0.36}, {0.78, 0.14, 0.16}, {0.92, 0.80, 0.20}, {0.15, 0.26, 0.62},
            {0.50, 0.30, 0.62}, {0.95, 0.50, 0.12}, {0.50, 0.50, 0.50}, {0.85, 0.85, 0.82}, {0.12, 0.12, 0.14},
            {0.20, 0.55, 0.55}, {0.60, 0.75, 0.30}};
        for (int i = 0; i < 70; i++) {
            double[] c = palette[random.nextInt(palette.length)];
            Scalar colour = new Scalar(c[0], c[1], c[2], 0);
            Point centre = new Point(random.nextInt(w), random.nextInt(h));
            int a = 12 + random.nextInt(70);
            int b = 12 + random.nextInt(70);
            if (random.nextBoolean()) {
                opencv_imgproc.ellipse(canvas, centre, new Size(a, b), random.nextInt(180), 0, 360, colour, -1,
                        opencv_imgproc.LINE_AA, 0);
            } else {
                opencv_imgproc.rectangle(canvas, new Point(centre.x() - a, centre.y() - b), new Point(centre.x() + a, centre.y() + b),
                        colour, -1, opencv_imgproc.LINE_AA, 0);
            }
            if (random.nextInt(3) == 0) { // fabric stripes
                double[] s = palette[random.nextInt(palette.length)];
                for (int k = -a; k < a; k += 9) {
                    opencv_imgproc.line(canvas, new Point(centre.x() + k, centre.y() - b), new Point(centre.x() + k + 6, centre.y() + b),
                            new Scalar(s[0], s[1], s[2], 0), 2, opencv_imgproc.LINE_AA, 0);
                }
            }
        }
        // Fine texture (leaves, fabric weave, skin pores) so that grain and detail are tellable apart.
        try (Mat noise = new Mat(h, w, opencv_core.CV_32FC1); Mat texture = new Mat()) {
            opencv_core.randn(noise, new Mat(1, 1, opencv_core.CV_64F, new Scalar(0)), new Mat(1, 1, opencv_core.CV_64F, new Scalar(0.12)));
            opencv_imgproc.GaussianBlur(noise, noise, new Size(0, 0), 1.6);
            opencv_imgproc.cvtColor(noise, texture, opencv_imgproc.COLOR_GRAY2RGB);
            texture.convertTo(texture, -1, 1, 1); // 1 + noise
            opencv_core.multiply(canvas, texture, canvas);
        }
        return canvas;
    }

    /** Frame {@code f}: shot 1 pans right and zooms in slowly, shot 2 tilts down; a ball crosses both. */
    private Image frame(Mat canvas, int f, Random random) {
        int half = Math.max(1, frames / 2);
        boolean second = f >= half;
        double t = (double) (second ? f - half : f) / Math.max(1, half - 1);
        double scale = second ? 1.2 : 1.25 + 0.1 * t;
        double x0 = second ? width * 0.7 : width * (0.15 + 0.45 * t);
        double y0 = second ? height * (0.2 + 0.5 * t) : height * 0.35;
        try (Mat m = new Mat(2, 3, opencv_core.CV_64F); Mat out = new Mat()) {
            java.nio.DoubleBuffer b = m.createBuffer();
            b.put(new double[] {scale, 0, -x0 * scale, 0, scale, -y0 * scale});
            opencv_imgproc.warpAffine(canvas, out, m, new Size(width, height), opencv_imgproc.INTER_LINEAR,
                    opencv_core.BORDER_REFLECT, new Scalar());
            Point ball = new Point((int) (width * (0.1 + 0.8 * f / Math.max(1.0, frames - 1))),
                    (int) (height * (0.6 + 0.15 * Math.sin(f * 0.5))));
            opencv_imgproc.circle(out, ball, height / 12, new Scalar(0.85, 0.2, 0.1, 0), -1, opencv_imgproc.LINE_AA, 0);
            Image image = OpenCv.toImage(out);
            float[] d = image.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.min(1f, Math.max(0f, d[i]));
            }
            return image;
        }
    }

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
            opencv_core.randn(noise, new Mat(1, 1, opencv_core.CV_64F, new Scalar(0)), new Mat(1, 1, opencv_core.CV_64F, new Scalar(1)));
            opencv_core.setRNGSeed((int) (seed * 31 + f));
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
