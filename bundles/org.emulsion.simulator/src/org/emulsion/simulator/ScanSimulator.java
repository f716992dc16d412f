package org.emulsion.simulator;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.simulator.ScanParameters.Degradation;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Renders a clean truth frame as the scan of a faded, damaged release print. Per frame, in the
 * order the damage happened: dye fading, fog and stain and grain (in density); vinegar syndrome,
 * nitrate decay, scratches, dust (on the film frame); flicker (exposure); gate weave (the frame's
 * position in the gate, so damage weaves with the picture). Pure function of (parameters, truth,
 * frame index, reel): frames can be rendered alone, in any order, on any thread.
 * <p>
 * {@code frameIndex} counts frames along the whole film (damage is keyed on it);
 * {@code reel} is the reel the frame sits on (fading drifts between reels).
 */
public final class ScanSimulator {
    /** Where the gate held a frame: the picture moved by (dx, dy) pixels and turned by {@code degrees} about the frame centre. */
    public record Offset(double dx, double dy, double degrees) {
    }

    private final ScanParameters parameters;

    public ScanSimulator(ScanParameters parameters) {
        this.parameters = parameters;
    }

    public ScanParameters parameters() {
        return parameters;
    }

    public ScanFrame render(Image truth, int frameIndex, int reel) {
        if (truth.channels() != 3) {
            throw new IllegalArgumentException("truth must be RGB, got " + truth);
        }
        if (frameIndex < 0) {
            throw new IndexOutOfBoundsException("frame " + frameIndex);
        }
        int w = truth.width();
        int h = truth.height();
        if (missing(frameIndex)) {
            float[] all = new float[w * h];
            Arrays.fill(all, 1f);
            return new ScanFrame(Image.blank(w, h, 3), new Image(w, h, 1, all), true);
        }
        ScanParameters p = parameters;
        float[] rgb = truth.data().clone();
        ScanDyes.apply(rgb, w, h, p, frameIndex, reel);
        ScanDamage.Canvas canvas = new ScanDamage.Canvas(rgb, w, h);
        if (p.on(Degradation.VINEGAR)) {
            ScanDamage.vinegar(canvas, p.vinegar(), p.seed(), frameIndex);
        }
        if (p.on(Degradation.NITRATE)) {
            ScanDamage.nitrate(canvas, p.nitrate(), p.seed(), frameIndex);
        }
        if (p.on(Degradation.SCRATCHES)) {
            ScanDamage.scratches(canvas, p.scratches(), p.seed(), frameIndex);
        }
        if (p.on(Degradation.DUST)) {
            ScanDamage.dust(canvas, p.dust(), p.seed(), frameIndex);
        }
        float[] mask = canvas.mask;
        flicker(rgb, flicker(frameIndex));
        Offset offset = weave(frameIndex);
        if (offset.dx() != 0 || offset.dy() != 0 || offset.degrees() != 0) {
            weave(rgb, mask, w, h, offset);
        }
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = Math.min(1f, Math.max(0f, rgb[i]));
        }
        return new ScanFrame(new Image(w, h, 3, rgb), new Image(w, h, 1, mask), false);
    }

    /**
     * Gate weave of a frame: a periodic part (the sprocket, here a 4-frame period) plus a random
     * part, per axis, scaled by the amplitude in pixels; and a tiny random rotation. Zero when off.
     */
    public Offset weave(int frameIndex) {
        if (!parameters.on(Degradation.WEAVE)) {
            return new Offset(0, 0, 0);
        }
        double a = parameters.weave().amplitude();
        SplittableRandom film = ScanRandom.random(parameters.seed(), ScanRandom.WEAVE);
        double phaseX = 2 * Math.PI * film.nextDouble();
        double phaseY = 2 * Math.PI * film.nextDouble();
        SplittableRandom r = ScanRandom.random(parameters.seed(), ScanRandom.WEAVE, frameIndex);
        double sprocket = 2 * Math.PI * frameIndex / 4;
        double dx = a * (0.6 * Math.sin(sprocket + phaseX) + 0.7 * clip(r.nextGaussian()));
        double dy = a * (0.4 * Math.sin(sprocket + phaseY) + 0.5 * clip(r.nextGaussian()));
        double degrees = parameters.weave().rotation() * (2 * r.nextDouble() - 1);
        return new Offset(dx, dy, degrees);
    }

    /** Exposure gain of a frame (printer light and development varying): 1 ± amplitude; 1 when off. */
    public double flicker(int frameIndex) {
        if (!parameters.on(Degradation.FLICKER)) {
            return 1;
        }
        double phase = 2 * Math.PI * ScanRandom.uniform(parameters.seed(), ScanRandom.FLICKER);
        double u = 2 * ScanRandom.uniform(parameters.seed(), ScanRandom.FLICKER, frameIndex) - 1;
        return 1 + parameters.flicker().amplitude() * (0.7 * u + 0.3 * Math.sin(2 * Math.PI * frameIndex / 9.7 + phase));
    }

    /** Whether the frame is lost from the print (torn out at a splice, unreadable). */
    public boolean missing(int frameIndex) {
        return parameters.on(Degradation.MISSING)
                && ScanRandom.uniform(parameters.seed(), ScanRandom.MISSING, frameIndex) < parameters.missing().rate();
    }

    /** The missing frames among the first {@code frameCount}. */
    public List<Integer> missingFrames(int frameCount) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < frameCount; i++) {
            if (missing(i)) {
                list.add(i);
            }
        }
        return list;
    }

    /** Nominal fraction of each dye's density kept on a reel (cyan, magenta, yellow), before the spatial unevenness; 1 when off. */
    public double[] kept(int reel) {
        return parameters.on(Degradation.FADE) ? ScanDyes.kept(parameters, reel) : new double[] {1, 1, 1};
    }

    /** What was done to one frame, for a case's per-frame metadata (benchmarks check alignment against it). */
    public JsonObject frameLog(int frameIndex, int reel) {
        JsonObject json = new JsonObject();
        json.addProperty("frame", frameIndex);
        json.addProperty("reel", reel);
        json.addProperty("missing", missing(frameIndex));
        Offset o = weave(frameIndex);
        JsonObject weave = new JsonObject();
        weave.addProperty("dx", o.dx());
        weave.addProperty("dy", o.dy());
        weave.addProperty("degrees", o.degrees());
        json.add("weave", weave);
        json.addProperty("gain", flicker(frameIndex));
        JsonArray kept = new JsonArray();
        for (double k : kept(reel)) {
            kept.add(k);
        }
        json.add("kept", kept);
        return json;
    }

    private static void flicker(float[] rgb, double gain) {
        if (gain != 1) {
            float g = (float) gain;
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] *= g;
            }
        }
    }

    /**
     * Moves picture and mask together (one 4-channel warp, so both see the same interpolation
     * weights): scan point = R(θ)(film point − centre) + centre + (dx, dy). A mask sample above 0
     * means some damaged film pixel contributed, so the warped mask is made 1 there.
     */
    private static void weave(float[] rgb, float[] mask, int w, int h, Offset o) {
        float[] rgba = new float[w * h * 4];
        for (int i = 0, n = w * h; i < n; i++) {
            rgba[4 * i] = rgb[3 * i];
            rgba[4 * i + 1] = rgb[3 * i + 1];
            rgba[4 * i + 2] = rgb[3 * i + 2];
            rgba[4 * i + 3] = mask[i];
        }
        double t = Math.toRadians(o.degrees());
        double cos = Math.cos(t);
        double sin = Math.sin(t);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        try (Mat src = ScanRandom.mat(rgba, w, h, 4); Mat dst = new Mat(); Mat m = new Mat(2, 3, opencv_core.CV_64F)) {
            ((DoubleBuffer) m.createBuffer()).put(new double[] {
                cos, -sin, cx + o.dx() - (cos * cx - sin * cy),
                sin, cos, cy + o.dy() - (sin * cx + cos * cy)});
            opencv_imgproc.warpAffine(src, dst, m, new Size(w, h), opencv_imgproc.INTER_LINEAR, opencv_core.BORDER_REFLECT, new Scalar());
            ScanRandom.read(dst, rgba);
        }
        for (int i = 0, n = w * h; i < n; i++) {
            rgb[3 * i] = rgba[4 * i];
            rgb[3 * i + 1] = rgba[4 * i + 1];
            rgb[3 * i + 2] = rgba[4 * i + 2];
            mask[i] = rgba[4 * i + 3] > 0 ? 1f : 0f;
        }
    }

    /** Keeps the random part of the weave within ±3σ: a gate holds the film, it cannot jump. */
    private static double clip(double g) {
        return Math.max(-3, Math.min(3, g));
    }
}
