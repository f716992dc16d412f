package org.emulsion.simulator;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.simulator.ScanParameters.Dust;
import org.emulsion.simulator.ScanParameters.Nitrate;
import org.emulsion.simulator.ScanParameters.Scratches;
import org.emulsion.simulator.ScanParameters.Vinegar;
import org.emulsion.simulator.ScanRandom.Event;
import org.emulsion.simulator.ScanRandom.Noise;

/**
 * Physical damage on the print, drawn in film-frame coordinates (it weaves with the frame) and
 * recorded in the damage mask. A pixel is only written where its coverage is above zero, so
 * outside the mask the frame is exactly what it was.
 */
final class ScanDamage {
    private static final float[] DIRT = {0.04f, 0.035f, 0.03f};         // opaque dirt on the positive
    private static final float[] SPECK = {0.97f, 0.97f, 0.95f};          // dirt on the negative prints clear
    private static final float[] BASE_SCRATCH = {0.92f, 0.93f, 0.88f};   // all dye layers scraped off
    private static final float[] GREEN_SCRATCH = {0.40f, 0.85f, 0.75f};  // only the top (yellow+magenta) layers gone
    private static final float[] DARK_SCRATCH = {0.08f, 0.07f, 0.06f};   // scratch on the negative
    private static final float[] NITRATE_BROWN = {0.55f, 0.36f, 0.16f};
    private static final float[] BASE = {0.06f, 0.05f, 0.04f};         // bare base where the emulsion let go, inverted
    /** Key part of a vinegar blotch's form, apart from the draws of its shape. */
    private static final long FORM = -1;

    /** One frame being damaged: its samples, its mask, and blurred copies (loss of detail) made on demand. */
    static final class Canvas {
        final float[] rgb;
        final float[] mask;
        final int width;
        final int height;
        private final Map<Double, float[]> blurred = new HashMap<>();

        Canvas(float[] rgb, int width, int height) {
            this.rgb = rgb;
            this.mask = new float[width * height];
            this.width = width;
            this.height = height;
        }

        /** Moves pixel i towards (r, g, b) by coverage a and marks it damaged; a ≤ 0 leaves it alone. */
        void blend(int i, double a, double r, double g, double b) {
            if (a <= 0) {
                return;
            }
            int k = 3 * i;
            rgb[k] += (float) ((r - rgb[k]) * a);
            rgb[k + 1] += (float) ((g - rgb[k + 1]) * a);
            rgb[k + 2] += (float) ((b - rgb[k + 2]) * a);
            mask[i] = 1;
        }

        /** The frame as it is now, Gaussian-blurred by {@code sigma} pixels. */
        float[] blurred(double sigma) {
            return blurred.computeIfAbsent(sigma, s -> {
                float[] out = new float[rgb.length];
                try (Mat m = ScanRandom.mat(rgb, width, height, 3)) {
                    opencv_imgproc.GaussianBlur(m, m, new Size(0, 0), s);
                    ScanRandom.read(m, out);
                }
                return out;
            });
        }
    }

    private ScanDamage() {
    }

    /**
     * Dust and dirt: a Poisson number of small specks and the odd hair, different every frame;
     * dark where dirt sits on the positive, bright where it sat on the negative. Drawn antialiased
     * (8-bit coverage, OpenCV only antialiases 8-bit images).
     */
    static void dust(Canvas c, Dust p, long seed, int frame) {
        SplittableRandom r = ScanRandom.random(seed, ScanRandom.DUST, frame);
        int n = ScanRandom.poisson(r, p.perFrame());
        if (n == 0) {
            return;
        }
        try (Mat dark = new Mat(c.height, c.width, opencv_core.CV_8UC1, new Scalar(0));
                Mat bright = new Mat(c.height, c.width, opencv_core.CV_8UC1, new Scalar(0))) {
            for (int s = 0; s < n; s++) {
                Mat target = r.nextDouble() < p.brightFraction() ? bright : dark;
                double x = r.nextDouble() * c.width;
                double y = r.nextDouble() * c.height;
                double radius = Math.max(0.6, p.maxSize() * c.height * (0.2 + 0.8 * Math.pow(r.nextDouble(), 2)));
                Scalar opacity = new Scalar(255 * (0.75 + 0.25 * r.nextDouble()));
                if (r.nextDouble() < 0.12) { // a hair: a short random walk, 1 px thick
                    double angle = r.nextDouble() * 2 * Math.PI;
                    for (int k = 0; k < 4; k++) {
                        angle += 0.8 * (r.nextDouble() - 0.5);
                        double nx = x + 2.5 * radius * Math.cos(angle);
                        double ny = y + 2.5 * radius * Math.sin(angle);
                        opencv_imgproc.line(target, fixed(x, y), fixed(nx, ny), opacity, 1, opencv_imgproc.LINE_AA, 4);
                        x = nx;
                        y = ny;
                    }
                } else {
                    Size axes = new Size((int) (16 * radius * (0.5 + 0.5 * r.nextDouble())), (int) (16 * radius * (0.4 + 0.6 * r.nextDouble())));
                    opencv_imgproc.ellipse(target, fixed(x, y), axes, 180 * r.nextDouble(), 0, 360, opacity, -1, opencv_imgproc.LINE_AA, 4);
                }
            }
            byte[] a = bytes(dark);
            byte[] b = bytes(bright);
            for (int i = 0; i < a.length; i++) {
                if (a[i] != 0) {
                    c.blend(i, (a[i] & 0xff) / 255.0, DIRT[0], DIRT[1], DIRT[2]);
                }
                if (b[i] != 0) {
                    c.blend(i, (b[i] & 0xff) / 255.0, SPECK[0], SPECK[1], SPECK[2]);
                }
            }
        }
    }

    /**
     * Scratches: thin vertical lines (film runs vertically past whatever scratched it) that persist
     * over their lifetime, drift and jitter sideways a little from frame to frame, and bend gently
     * along the frame. Bright (base), green (top layers) or dark (from the negative).
     */
    static void scratches(Canvas c, Scratches p, long seed, int frame) {
        for (Event e : ScanRandom.events(seed, ScanRandom.SCRATCH, p.rate(), p.minFrames(), p.maxFrames(), frame)) {
            SplittableRandom r = new SplittableRandom(e.key());
            double x0 = c.width * (0.05 + 0.9 * r.nextDouble());
            double drift = (2 * r.nextDouble() - 1) * p.wander() * c.height;
            double half = Math.max(0.35, p.width() * c.height * (0.5 + r.nextDouble()) / 2);
            double opacity = 0.45 + 0.45 * r.nextDouble();
            double kind = r.nextDouble();
            float[] colour = kind < 0.55 ? BASE_SCRATCH : kind < 0.75 ? GREEN_SCRATCH : DARK_SCRATCH;
            boolean full = r.nextDouble() < 0.7;
            double top = full ? 0 : r.nextDouble() * 0.5 * c.height;
            double bottom = full ? c.height : top + (0.3 + 0.5 * r.nextDouble()) * c.height;
            double bend = 0.003 * c.height * r.nextDouble();
            double cycles = 0.5 + 1.5 * r.nextDouble();
            double phase = 2 * Math.PI * r.nextDouble();
            double jitter = (2 * ScanRandom.uniform(e.key(), frame) - 1) * 0.5 * p.wander() * c.height;
            double x = x0 + drift * (frame - e.start()) + jitter;
            for (int y = (int) top; y < Math.min(c.height, (int) bottom); y++) {
                double xc = x + bend * Math.sin(2 * Math.PI * cycles * y / c.height + phase);
                double a = opacity * (0.8 + 0.2 * Math.sin(y * 0.11 + phase));
                for (int col = (int) Math.floor(xc - half - 1); col <= (int) Math.ceil(xc + half + 1); col++) {
                    if (col >= 0 && col < c.width) {
                        double cover = Math.min(1, Math.max(0, half + 0.5 - Math.abs(col + 0.5 - xc))); // 1-px antialiased edge
                        c.blend(y * c.width + col, a * cover, colour[0], colour[1], colour[2]);
                    }
                }
            }
        }
    }

    /**
     * Vinegar syndrome: acetate base breaking down makes the emulsion lift, channel and let go.
     * Each blotch lives on a stretch of film, so it has the same shape on every frame it lives,
     * changing slowly. Its form is drawn from its own key (so that blotches of the lifted form look
     * the same whatever the shares of the others): flaking, channeling, or lifted.
     */
    static void vinegar(Canvas c, Vinegar p, long seed, int frame) {
        for (Event e : ScanRandom.events(seed, ScanRandom.VINEGAR, p.rate(), p.minFrames(), p.maxFrames(), frame)) {
            double form = p.flaking() + p.channeling() > 0 ? ScanRandom.uniform(e.key(), FORM) : 1;
            if (form < p.flaking()) {
                flakes(c, p, e, frame);
            } else if (form < p.flaking() + p.channeling()) {
                channels(c, p, e, frame);
            } else {
                lifted(c, p, e, frame);
            }
        }
    }

    /**
     * A lifted patch: an irregular blotch, elongated along a random direction with channel lines
     * inside, where detail is lost (blurred), contrast drops (milky haze) and colour shifts pink.
     */
    private static void lifted(Canvas c, Vinegar p, Event e, int frame) {
        SplittableRandom r = new SplittableRandom(e.key());
        double cx = c.width * (0.1 + 0.8 * r.nextDouble());
        double cy = c.height * (0.1 + 0.8 * r.nextDouble());
        double radius = p.size() * c.height * (0.6 + 0.8 * r.nextDouble());
        double aspect = 0.45 + 0.45 * r.nextDouble();
        double angle = Math.PI * r.nextDouble();
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        Noise shape = new Noise(r.nextLong(), 5);
        Noise wobble = new Noise(r.nextLong(), 9);
        double s = p.colourShift();
        double[] tint = {1 + 0.05 * s, 1 - 0.25 * s, 1 - 0.08 * s};
        double morph = 0.2 * e.progress(frame); // the next stretch of film is damaged a little differently
        float[] soft = c.blurred(Math.max(0.8, 0.004 * c.height));
        Box box = Box.around(c, cx, cy, radius * 1.4);
        for (int y = box.y0; y < box.y1; y++) {
            for (int x = box.x0; x < box.x1; x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double a = (dx * cos + dy * sin) / radius;
                double b = (-dx * sin + dy * cos) / (radius * aspect);
                double u = 0.5 + a / 2.8;
                double v = 0.5 + b * aspect / 2.8;
                double field = Math.hypot(a, b) + 0.35 * shape.at(0.8 * u + morph, v);
                double cover = 1 - ScanRandom.smoothstep(0.7, 0.95, field);
                if (cover <= 0) {
                    continue;
                }
                double ridge = 0.5 + 0.5 * Math.sin(b * 22 + 3 * wobble.at(u, v));
                double channel = 1 - 0.35 * ScanRandom.smoothstep(0.8, 0.97, ridge);
                int i = y * c.width + x;
                double haze = 0.08 * s;
                c.blend(i, cover, (soft[3 * i] * tint[0] + haze) * channel, (soft[3 * i + 1] * tint[1] + haze) * channel,
                        (soft[3 * i + 2] * tint[2] + haze) * channel);
            }
        }
    }

    /**
     * Flaking: a cluster of patches where the emulsion let go and the bare base shows (dark once
     * the element is printed or inverted), with ragged, crazed edges and islands of emulsion
     * still holding; the patches widen as the stretch of film goes on.
     */
    private static void flakes(Canvas c, Vinegar p, Event e, int frame) {
        SplittableRandom r = new SplittableRandom(e.key());
        double cx = c.width * (0.1 + 0.8 * r.nextDouble());
        double cy = c.height * (0.1 + 0.8 * r.nextDouble());
        int count = 1 + r.nextInt(4);
        double grown = 0.75 + 0.2 * e.progress(frame);
        for (int k = 0; k < count; k++) {
            double radius = p.size() * c.height * (0.25 + 0.45 * r.nextDouble());
            double px = cx + (k == 0 ? 0 : (2 * r.nextDouble() - 1) * 2 * radius);
            double py = cy + (k == 0 ? 0 : (2 * r.nextDouble() - 1) * 2 * radius);
            Noise shape = new Noise(r.nextLong(), 5);
            Noise crazing = new Noise(r.nextLong(), 28);
            Noise islands = new Noise(r.nextLong(), 12);
            Box box = Box.around(c, px, py, radius * 1.5);
            for (int y = box.y0; y < box.y1; y++) {
                for (int x = box.x0; x < box.x1; x++) {
                    double dx = (x + 0.5 - px) / radius;
                    double dy = (y + 0.5 - py) / radius;
                    double u = 0.5 + dx / 3;
                    double v = 0.5 + dy / 3;
                    double field = Math.hypot(dx, dy) + 0.4 * shape.at(u, v) + 0.12 * crazing.at(u, v);
                    double cover = 1 - ScanRandom.smoothstep(grown - 0.04, grown, field);
                    if (cover <= 0) {
                        continue;
                    }
                    double holding = ScanRandom.smoothstep(0.35, 0.55, islands.at(u, v)); // emulsion still there
                    double mottle = 0.8 + 0.4 * (0.5 + 0.5 * crazing.at(v, u));
                    c.blend(y * c.width + x, cover * (1 - 0.6 * holding), BASE[0] * mottle, BASE[1] * mottle, BASE[2] * mottle);
                }
            }
        }
    }

    /**
     * Channeling: the emulsion buckles as the base shrinks beneath it, raising a network of narrow
     * channels over an area of the frame; along a channel the picture darkens and mists, between
     * them it is intact (and not masked).
     */
    private static void channels(Canvas c, Vinegar p, Event e, int frame) {
        SplittableRandom r = new SplittableRandom(e.key());
        double cx = c.width * (0.1 + 0.8 * r.nextDouble());
        double cy = c.height * (0.1 + 0.8 * r.nextDouble());
        double radius = p.size() * c.height * (0.8 + 0.8 * r.nextDouble());
        Noise shape = new Noise(r.nextLong(), 5);
        Noise first = new Noise(r.nextLong(), 4);
        Noise second = new Noise(r.nextLong(), 4);
        double lines = 3 + 3 * r.nextDouble(); // channels across one noise unit
        double halfWidth = Math.max(0.5, 0.002 * c.height);
        double morph = 0.15 * e.progress(frame);
        double step = 1.0 / (3 * radius); // one pixel in noise units
        Box box = Box.around(c, cx, cy, radius * 1.4);
        for (int y = box.y0; y < box.y1; y++) {
            for (int x = box.x0; x < box.x1; x++) {
                double dx = (x + 0.5 - cx) / radius;
                double dy = (y + 0.5 - cy) / radius;
                double u = 0.5 + dx / 3;
                double v = 0.5 + dy / 3;
                double cover = 1 - ScanRandom.smoothstep(0.75, 1.0, Math.hypot(dx, dy) + 0.35 * shape.at(u, v));
                if (cover <= 0) {
                    continue;
                }
                double ridge = Math.max(ridge(first, u + morph, v, lines, step, halfWidth),
                        ridge(second, v, u - morph, lines * 0.7, step, halfWidth));
                if (ridge <= 0) {
                    continue;
                }
                int i = y * c.width + x;
                double haze = 0.05;
                c.blend(i, cover * ridge, 0.45 * c.rgb[3 * i] + haze, 0.45 * c.rgb[3 * i + 1] + haze, 0.45 * c.rgb[3 * i + 2] + haze);
            }
        }
    }

    /**
     * How much a pixel at (u, v) lies on a contour line of {@code field} (every 1/density of its
     * value): 1 on the line, falling to 0 at {@code halfWidth} pixels from it (the distance is the
     * value difference over the field's gradient, {@code step} being one pixel in (u, v) units).
     */
    private static double ridge(Noise field, double u, double v, double density, double step, double halfWidth) {
        double f = density * field.at(u, v);
        double gu = density * (field.at(u + step, v) - field.at(u - step, v)) / 2;
        double gv = density * (field.at(u, v + step) - field.at(u, v - step)) / 2;
        double distance = Math.abs(f - Math.rint(f)) / Math.max(1e-6, Math.hypot(gu, gv));
        return 1 - ScanRandom.smoothstep(halfWidth, halfWidth + 1, distance);
    }

    /**
     * Nitrate decay: brown, bubbling areas where the image is gone, often starting at an edge, that
     * grow over the frames they live (the coverage threshold rises with the event's progress, so
     * every frame's area contains the previous frame's).
     */
    static void nitrate(Canvas c, Nitrate p, long seed, int frame) {
        for (Event e : ScanRandom.events(seed, ScanRandom.NITRATE, p.rate(), p.minFrames(), p.maxFrames(), frame)) {
            SplittableRandom r = new SplittableRandom(e.key());
            double cx = c.width * r.nextDouble();
            double cy = c.height * r.nextDouble();
            if (r.nextDouble() < 0.6) { // decay usually starts where air reaches the film: at an edge
                if (r.nextBoolean()) {
                    cx = r.nextBoolean() ? 0 : c.width;
                } else {
                    cy = r.nextBoolean() ? 0 : c.height;
                }
            }
            double radius = p.size() * c.height * (0.7 + 0.6 * r.nextDouble());
            Noise shape = new Noise(r.nextLong(), 6);
            Noise bubbles = new Noise(r.nextLong(), 24);
            double grown = 0.25 + 0.75 * e.progress(frame);
            float[] soft = c.blurred(Math.max(1.5, 0.01 * c.height));
            Box box = Box.around(c, cx, cy, radius * 1.4);
            for (int y = box.y0; y < box.y1; y++) {
                for (int x = box.x0; x < box.x1; x++) {
                    double dx = (x + 0.5 - cx) / radius;
                    double dy = (y + 0.5 - cy) / radius;
                    double u = 0.5 + dx / 2.8;
                    double v = 0.5 + dy / 2.8;
                    double field = Math.hypot(dx, dy) + 0.3 * shape.at(u, v);
                    double cover = 1 - ScanRandom.smoothstep(grown - 0.08, grown, field);
                    if (cover <= 0) {
                        continue;
                    }
                    int i = y * c.width + x;
                    double luma = 0.2126 * soft[3 * i] + 0.7152 * soft[3 * i + 1] + 0.0722 * soft[3 * i + 2];
                    double core = 1 - 0.5 * ScanRandom.smoothstep(grown - 0.25, grown - 0.6, field); // darkest where oldest
                    double tone = (0.3 + 0.45 * luma) * (0.75 + 0.25 * bubbles.at(u, v)) * core;
                    c.blend(i, cover, NITRATE_BROWN[0] * tone * 1.6, NITRATE_BROWN[1] * tone * 1.6, NITRATE_BROWN[2] * tone * 1.6);
                }
            }
        }
    }

    /** The part of the frame within {@code reach} of (cx, cy). */
    private record Box(int x0, int y0, int x1, int y1) {
        static Box around(Canvas c, double cx, double cy, double reach) {
            return new Box(Math.max(0, (int) (cx - reach)), Math.max(0, (int) (cy - reach)),
                    Math.min(c.width, (int) Math.ceil(cx + reach)), Math.min(c.height, (int) Math.ceil(cy + reach)));
        }
    }

    /** A point in OpenCV's 4-bit fixed point (shift 4), for sub-pixel drawing. */
    private static Point fixed(double x, double y) {
        return new Point((int) Math.round(16 * x), (int) Math.round(16 * y));
    }

    private static byte[] bytes(Mat m) {
        byte[] out = new byte[m.rows() * m.cols()];
        ((ByteBuffer) m.createBuffer()).get(out);
        return out;
    }
}
