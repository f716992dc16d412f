package org.emulsion.simulator;

import java.util.Random;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * A set for the camera to film: either generated (sky, textured foliage, and shapes in the colours
 * film restorers check — skin, foliage, sky, saturated fabrics, neutrals —, with fine texture so
 * that detail can be told from grain; deterministic for a seed) or a photograph. Display-referred
 * RGB in [0, 1].
 */
public final class Scene implements AutoCloseable {
    static final double[][] PALETTE = {
        {0.87, 0.66, 0.52}, {0.70, 0.48, 0.36}, {0.78, 0.14, 0.16}, {0.92, 0.80, 0.20}, {0.15, 0.26, 0.62},
        {0.50, 0.30, 0.62}, {0.95, 0.50, 0.12}, {0.50, 0.50, 0.50}, {0.85, 0.85, 0.82}, {0.12, 0.12, 0.14},
        {0.20, 0.55, 0.55}, {0.60, 0.75, 0.30}};

    private final Mat canvas;

    private Scene(Mat canvas) {
        this.canvas = canvas;
    }

    /** A scene of {@code width}×{@code height} pixels. */
    public static Scene generate(int width, int height, long seed) {
        Random random = new Random(seed);
        Mat canvas = new Mat(height, width, opencv_core.CV_32FC3);
        Image base = Image.blank(width, height, 3);
        double horizon = 0.40 + 0.1 * random.nextDouble();
        for (int y = 0; y < height; y++) {
            double t = (double) y / height;
            for (int x = 0; x < width; x++) {
                boolean ground = t > horizon + 0.05 * Math.sin(x / (0.07 * width));
                double[] c = ground ? new double[] {0.22, 0.45 + 0.1 * t, 0.16} : new double[] {0.40 + 0.5 * t, 0.58 + 0.35 * t, 0.88};
                for (int k = 0; k < 3; k++) {
                    base.set(x, y, k, (float) c[k]);
                }
            }
        }
        try (Mat m = OpenCv.toMat(base)) {
            m.copyTo(canvas);
        }
        int shapes = Math.max(20, width * height / 20000);
        int size = Math.max(12, Math.min(width, height) / 12);
        for (int i = 0; i < shapes; i++) {
            double[] c = PALETTE[random.nextInt(PALETTE.length)];
            Scalar colour = new Scalar(c[0], c[1], c[2], 0);
            Point centre = new Point(random.nextInt(width), random.nextInt(height));
            int a = size / 3 + random.nextInt(size);
            int b = size / 3 + random.nextInt(size);
            if (random.nextBoolean()) {
                opencv_imgproc.ellipse(canvas, centre, new Size(a, b), random.nextInt(180), 0, 360, colour, -1,
                        opencv_imgproc.LINE_AA, 0);
            } else {
                opencv_imgproc.rectangle(canvas, new Point(centre.x() - a, centre.y() - b),
                        new Point(centre.x() + a, centre.y() + b), colour, -1, opencv_imgproc.LINE_AA, 0);
            }
            if (random.nextInt(3) == 0) { // fabric stripes
                double[] s = PALETTE[random.nextInt(PALETTE.length)];
                for (int k = -a; k < a; k += 9) {
                    opencv_imgproc.line(canvas, new Point(centre.x() + k, centre.y() - b), new Point(centre.x() + k + 6, centre.y() + b),
                            new Scalar(s[0], s[1], s[2], 0), 2, opencv_imgproc.LINE_AA, 0);
                }
            }
        }
        // Fine texture (leaves, weave, skin pores): multiplicative, seeded through OpenCV's RNG.
        try (Mat noise = new Mat(height, width, opencv_core.CV_32FC1); Mat texture = new Mat()) {
            opencv_core.theRNG().state(seed * 6364136223846793005L + 1442695040888963407L);
            opencv_core.randn(noise, new Mat(1, 1, opencv_core.CV_64F, new Scalar(0)), new Mat(1, 1, opencv_core.CV_64F, new Scalar(0.12)));
            opencv_imgproc.GaussianBlur(noise, noise, new Size(0, 0), 1.6);
            opencv_imgproc.cvtColor(noise, texture, opencv_imgproc.COLOR_GRAY2RGB);
            texture.convertTo(texture, -1, 1, 1);
            opencv_core.multiply(canvas, texture, canvas);
        }
        return new Scene(canvas);
    }

    /**
     * A photograph (RGB in [0, 1]) resampled, its aspect kept, to the smallest size that covers
     * {@code width}×{@code height}.
     */
    public static Scene of(Image photograph, int width, int height) {
        if (photograph.channels() != 3) {
            throw new IllegalArgumentException("a scene needs an RGB photograph: " + photograph);
        }
        double factor = Math.max((double) width / photograph.width(), (double) height / photograph.height());
        int w = Math.max(width, (int) Math.ceil(photograph.width() * factor));
        int h = Math.max(height, (int) Math.ceil(photograph.height() * factor));
        try (Mat m = OpenCv.toMat(photograph)) {
            Mat canvas = new Mat();
            opencv_imgproc.resize(m, canvas, new Size(w, h), 0, 0, factor < 1 ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_CUBIC);
            return new Scene(canvas);
        }
    }

    public int width() { return canvas.cols(); }

    public int height() { return canvas.rows(); }

    /**
     * Films the scene: the frame's pixel (x, y) shows scene point (x0 + x / scale, y0 + y / scale).
     * Samples outside the scene are mirrored.
     */
    public Image film(int frameWidth, int frameHeight, double x0, double y0, double scale) {
        try (Mat m = new Mat(2, 3, opencv_core.CV_64F); Mat out = new Mat()) {
            java.nio.DoubleBuffer b = m.createBuffer();
            b.put(new double[] {scale, 0, -x0 * scale, 0, scale, -y0 * scale});
            opencv_imgproc.warpAffine(canvas, out, m, new Size(frameWidth, frameHeight), opencv_imgproc.INTER_LINEAR,
                    opencv_core.BORDER_REFLECT, new Scalar());
            return OpenCv.toImage(out);
        }
    }

    @Override
    public void close() {
        canvas.close();
    }
}
