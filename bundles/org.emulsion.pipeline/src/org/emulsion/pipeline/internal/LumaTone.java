package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.LumaMode;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.quality.Planes;
import org.emulsion.quality.ToneCurve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The picture whose luma a restore's frames and baseline keep ({@link LumaMode}): the scan itself,
 * or with {@code --luma tone} the scan with each shot's luma through levels ({@link ToneCurve.QuantileFit}
 * at {@link ToneCurve#BLACK_AND_WHITE}): mapped linearly so that the scan's black and white points
 * become the registered reference's, on the frames of the shot that have one (training pairs and
 * held-out frames; the whole film's when the shot has none). Each pixel's R, G and B move by the
 * same amount, so its Cb and Cr stay the scan's and what the model predicts is unchanged. One
 * slope, because a curve that follows the pictures' tones scales the grain differently from tone
 * to tone (a flat stretch would erase it); with one, grain, weave and flicker stay as they are,
 * scaled alike: what comes back are the lifted blacks and the lost contrast of a faded print. The curves are fitted once and kept in the
 * resume folder, so every render unit of a run applies the same ones.
 */
public final class LumaTone {
    /** Pixels of each frame a fit reads, the frame reduced to at most this many (a histogram needs no more). */
    private static final int FIT_PIXELS = 1 << 18;
    /** Gaussian σ (pixels of the reduced frames) both lumas are smoothed with before fitting. */
    private static final double SMOOTHING = 2.0;
    private static final LumaTone KEEP = new LumaTone(null, null, null);

    private final ShotList shots;
    /** Per shot, its curve; null for {@link LumaMode#KEEP}. */
    private final ToneCurve[] curves;
    /** Per shot, what its curve was fitted on. */
    private final String[] fittedOn;

    private LumaTone(ShotList shots, ToneCurve[] curves, String[] fittedOn) {
        this.shots = shots;
        this.curves = curves;
        this.fittedOn = fittedOn;
    }

    /** The job's luma: the scan's for {@link LumaMode#KEEP}; for {@link LumaMode#TONE} the curves kept in the resume folder, fitted first when missing. */
    public static LumaTone of(RestorationJob job, Registration registration) throws IOException {
        if (job.luma() == LumaMode.KEEP) {
            return KEEP;
        }
        ResumeFolder resume = new ResumeFolder(job.outputDirectory());
        JsonObject stored = resume.lumaTone();
        if (stored == null) {
            stored = fit(registration).toJson();
            resume.saveLumaTone(stored);
        }
        return fromJson(registration.shots(), stored);
    }

    private static LumaTone fit(Registration registration) {
        ShotList shots = registration.shots();
        int count = shots.shots().size();
        ToneCurve.QuantileFit film = new ToneCurve.QuantileFit(ToneCurve.BLACK_AND_WHITE);
        ToneCurve.QuantileFit[] perShot = new ToneCurve.QuantileFit[count];
        int[] frames = new int[count];
        List<Evidence> evidence = new ArrayList<>(registration.pairs());
        evidence.addAll(registration.heldOut());
        int filmFrames = 0;
        for (Evidence e : evidence) {
            if (e.reference() == null) {
                continue;
            }
            // reduced by area averaging and smoothed, both alike: grain left in the scan's luma would widen its
            // distribution and move its black and white points outwards
            double scale = Math.min(1, Math.sqrt((double) FIT_PIXELS / ((double) e.scan().width() * e.scan().height())));
            float[] scanY = smoothLuma(Evidence.scale(e.scan(), scale));
            float[] referenceY = smoothLuma(Evidence.scale(e.reference(), scale)); // NaN where it does not cover the scan: skipped
            float[] intact = e.damage() == null ? null : DamageMaps.intact(Evidence.scale(e.damage(), scale), scanY.length);
            int shot = shots.shotOf(e.frame());
            if (perShot[shot] == null) {
                perShot[shot] = new ToneCurve.QuantileFit(ToneCurve.BLACK_AND_WHITE);
            }
            perShot[shot].add(scanY, referenceY, intact);
            film.add(scanY, referenceY, intact);
            frames[shot]++;
            filmFrames++;
        }
        ToneCurve filmCurve = curve(film);
        ToneCurve[] curves = new ToneCurve[count];
        String[] fittedOn = new String[count];
        for (int s = 0; s < count; s++) {
            boolean own = frames[s] > 0;
            curves[s] = own ? curve(perShot[s]) : filmCurve;
            fittedOn[s] = own ? frames[s] + " frame(s) of the shot with a registered reference"
                    : filmFrames == 0 ? "none: no frame has a registered reference, so the luma is the scan's"
                            : "the film's " + filmFrames + " frame(s) with a registered reference (none in this shot)";
        }
        return new LumaTone(shots, curves, fittedOn);
    }

    /** A fitted curve as whole pictures are mapped through it: one straight line, beyond the black and white points too. */
    private static ToneCurve curve(ToneCurve.QuantileFit fit) {
        return fit.fit().continued();
    }

    private static float[] smoothLuma(Image rgb) {
        return Planes.gaussian(Planes.luma(rgb), 0, SMOOTHING).data();
    }

    /** Whether the luma is the scan's as captured. */
    public boolean keepsScanLuma() {
        return curves == null;
    }

    /** The picture whose luma the frame's result keeps: the scan, or the scan with its luma through its shot's curve. */
    public Image scan(Evidence frame) {
        if (curves == null) {
            return frame.scan();
        }
        return toned(frame.scan(), curves[shots.shotOf(frame.frame())]);
    }

    /** {@code scan} with each pixel's R, G and B moved by the change the curve makes to its Y (its Cb and Cr kept), within [0, 1]. */
    static Image toned(Image scan, ToneCurve curve) {
        float[] d = scan.data();
        float[] out = new float[d.length];
        int w = scan.width();
        IntStream.range(0, scan.height()).parallel().forEach(row -> { // archive-size frames: rows among the cores
            for (int i = 3 * row * w; i < 3 * (row + 1) * w; i += 3) {
                float y = Colour.y(d[i], d[i + 1], d[i + 2]);
                float shift = curve.apply(y) - y;
                for (int k = i; k < i + 3; k++) {
                    out[k] = Math.max(0f, Math.min(1f, d[k] + shift));
                }
            }
        });
        return new Image(w, scan.height(), 3, out);
    }

    /** What the report and the resume folder record: the mode and, when toned, each shot's curve and what it was fitted on. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("mode", curves == null ? LumaMode.KEEP.id() : LumaMode.TONE.id());
        if (curves == null) {
            json.addProperty("method", "the scan's luma, unchanged (every output pixel's 16-bit Y is the scan's)");
            return json;
        }
        json.addProperty("method", "per shot, levels: the scan's luma (BT.601 Y) mapped linearly so that its black and white"
                + " points (1st and 99th percentiles of the smoothed luma, where the reference covers the scan) become the registered"
                + " reference's; each pixel's R, G and B moved alike, so its chroma is the restore's and its grain, weave and flicker"
                + " the scan's, scaled by the one slope");
        JsonArray list = new JsonArray();
        for (int s = 0; s < curves.length; s++) {
            JsonObject o = curves[s].toJson();
            o.addProperty("shot", s);
            o.addProperty("firstFrame", shots.shots().get(s).first());
            o.addProperty("lastFrame", shots.shots().get(s).last());
            o.addProperty("fittedOn", fittedOn[s]);
            list.add(o);
        }
        json.add("shots", list);
        return json;
    }

    private static LumaTone fromJson(ShotList shots, JsonObject json) throws IOException {
        JsonArray list = json.getAsJsonArray("shots");
        if (list == null || list.size() != shots.shots().size()) {
            throw new IOException("the tone curves kept for --luma tone do not match the run's " + shots.shots().size()
                    + " shots; delete " + ResumeFolder.LUMA_TONE + " in the resume folder to fit them again");
        }
        ToneCurve[] curves = new ToneCurve[list.size()];
        String[] fittedOn = new String[list.size()];
        for (int s = 0; s < curves.length; s++) {
            JsonObject o = list.get(s).getAsJsonObject();
            curves[s] = ToneCurve.fromJson(o);
            fittedOn[s] = o.get("fittedOn").getAsString();
        }
        return new LumaTone(shots, curves, fittedOn);
    }
}
