package org.emulsion.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The clean colour truth of a simulated film: {@code shots} camera moves (pan and zoom, hard
 * cuts between them) over a generated {@link Scene} with a moving object in every shot, or over a
 * photograph, at 24 fps. Frames are rendered on demand and are the same for the same spec.
 */
public final class Truth implements AutoCloseable {
    public static final double FPS = 24.0;

    /**
     * What to film: frame size, length, number of shots, seed.
     *
     * @param motion how much of its move each shot makes, 0 (a locked-off camera, a still object) to 1 (the
     *               full pan, zoom and object travel): slow shots, whose neighbouring frames look alike
     */
    public record Spec(int width, int height, int frames, int shots, long seed, double motion) {
        public Spec {
            if (width < 64 || height < 64 || frames < 1 || shots < 1 || shots > frames || !(motion >= 0 && motion <= 1)) {
                throw new IllegalArgumentException("bad truth spec " + width + "x" + height + ", " + frames + " frames, " + shots
                        + " shots, motion " + motion);
            }
        }

        /** A spec with the full camera and object motion. */
        public Spec(int width, int height, int frames, int shots, long seed) {
            this(width, height, frames, shots, seed, 1);
        }

        /** This spec with another amount of motion. */
        public Spec withMotion(double amount) {
            return new Spec(width, height, frames, shots, seed, amount);
        }
    }

    /** The part of the scene a frame shows, in scene pixels: from (x, y), {@code width}×{@code height}. */
    public record Window(double x, double y, double width, double height) {
        /** Whether scene point (px, py) is inside. */
        public boolean contains(double px, double py) {
            return px >= x && py >= y && px < x + width && py < y + height;
        }
    }

    /** One camera move: scene position and scale at its first and last frame, and its moving object. */
    record Shot(int start, int length, double x0, double y0, double scale0, double x1, double y1, double scale1,
            double[] objectColour, double objectY) {
    }

    private final Spec spec;
    private final Scene scene;
    private final boolean objects;
    private final List<Shot> shots = new ArrayList<>();

    private Truth(Spec spec, Scene scene, boolean objects) {
        this.spec = spec;
        this.scene = scene;
        this.objects = objects;
        Random random = new Random(spec.seed() * 31 + 7);
        int start = 0;
        for (int s = 0; s < spec.shots(); s++) {
            int length = (spec.frames() - start) / (spec.shots() - s);
            double scale0 = 1.15 + 0.3 * random.nextDouble();
            double scale1 = scale0 * (0.92 + 0.16 * random.nextDouble());
            double spanX = scene.width() - spec.width() / Math.min(scale0, scale1);
            double spanY = scene.height() - spec.height() / Math.min(scale0, scale1);
            double[] colour = Scene.PALETTE[random.nextInt(Scene.PALETTE.length)];
            shots.add(new Shot(start, length, spanX * random.nextDouble(), spanY * random.nextDouble(), scale0,
                    spanX * random.nextDouble(), spanY * random.nextDouble(), scale1, colour, 0.3 + 0.5 * random.nextDouble()));
            start += length;
        }
    }

    /** A film of a generated set twice the frame size, with a moving object in every shot. */
    public static Truth create(Spec spec) {
        return new Truth(spec, Scene.generate(spec.width() * 2, spec.height() * 2, spec.seed()), true);
    }

    /**
     * A film of a photograph (RGB in [0, 1]): the camera pans and zooms over it, nothing is drawn
     * on it. The photograph is resampled to just cover the frame, so every camera position stays
     * inside the picture.
     */
    public static Truth filming(Spec spec, Image photograph) {
        return new Truth(spec, Scene.of(photograph, spec.width(), spec.height()), false);
    }

    public Spec spec() { return spec; }

    public int frameCount() { return spec.frames(); }

    /** First frame of each shot. */
    public List<Integer> shotStarts() { return shots.stream().map(Shot::start).toList(); }

    /** The shot that frame {@code index} belongs to. */
    public int shotOf(int index) {
        for (int s = shots.size() - 1; s >= 0; s--) {
            if (index >= shots.get(s).start()) {
                return s;
            }
        }
        throw new IndexOutOfBoundsException(index);
    }

    /** The part of the scene frame {@code index} shows (its camera window; the moving object aside). */
    public Window window(int index) {
        if (index < 0 || index >= spec.frames()) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + spec.frames());
        }
        double[] camera = camera(index);
        return new Window(camera[0], camera[1], spec.width() / camera[2], spec.height() / camera[2]);
    }

    /** Scene position (x, y) and scale of frame {@code index}'s camera. */
    private double[] camera(int index) {
        Shot shot = shots.get(shotOf(index));
        double t = shot.length() <= 1 ? 0 : spec.motion() * (index - shot.start()) / (shot.length() - 1);
        return new double[] {lerp(shot.x0(), shot.x1(), t), lerp(shot.y0(), shot.y1(), t), lerp(shot.scale0(), shot.scale1(), t)};
    }

    /** Frame {@code index}, RGB in [0, 1]. */
    public Image frame(int index) {
        if (index < 0 || index >= spec.frames()) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + spec.frames());
        }
        Shot shot = shots.get(shotOf(index));
        // the part of its move the shot has made by this frame (motion 1: all of it by the last frame)
        double t = shot.length() <= 1 ? 0 : spec.motion() * (index - shot.start()) / (shot.length() - 1);
        double[] camera = camera(index);
        Image image = scene.film(spec.width(), spec.height(), camera[0], camera[1], camera[2]);
        if (objects) {
            try (Mat m = OpenCv.toMat(image)) {
                double[] c = shot.objectColour();
                Point centre = new Point((int) (spec.width() * (0.1 + 0.8 * t)),
                        (int) (spec.height() * (shot.objectY() + 0.05 * spec.motion() * Math.sin(index * 0.5))));
                opencv_imgproc.circle(m, centre, spec.height() / 12, new Scalar(c[0], c[1], c[2], 0), -1, opencv_imgproc.LINE_AA, 0);
                image = OpenCv.toImage(m);
            }
        }
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.min(1f, Math.max(0f, d[i]));
        }
        return image;
    }

    /** The spec and every shot's camera move, for a case's metadata. */
    public JsonObject parameters() {
        JsonObject json = new JsonObject();
        json.addProperty("size", spec.width() + "x" + spec.height());
        json.addProperty("frames", spec.frames());
        json.addProperty("fps", FPS);
        json.addProperty("seed", spec.seed());
        if (spec.motion() != 1) {
            json.addProperty("motion", spec.motion());
        }
        json.addProperty("set", objects ? "generated shapes with a moving object" : "a photograph");
        JsonArray list = new JsonArray();
        for (Shot s : shots) {
            JsonObject o = new JsonObject();
            o.addProperty("firstFrame", s.start());
            o.addProperty("frames", s.length());
            o.addProperty("camera", String.format(Locale.ROOT, "(%.1f, %.1f) x%.3f -> (%.1f, %.1f) x%.3f",
                    s.x0(), s.y0(), s.scale0(), s.x1(), s.y1(), s.scale1()));
            list.add(o);
        }
        json.add("shots", list);
        return json;
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    @Override
    public void close() {
        scene.close();
    }
}
