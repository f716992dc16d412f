package org.emulsion.pipeline.internal.targets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.emulsion.core.image.Image;
import org.emulsion.pipeline.internal.DamageMaps;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.quality.ToneCurve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * What a multi-print model knows of its frames: each print's tone curve onto the master's, and the
 * fill network's input ({@link LumaInput#assemble}: the composite's Y, Cb and Cr with its holes
 * inpainted (OpenCV, Telea), the inpainted Y as guide, the holes). Prints of different generations
 * differ in density and contrast, and each flickers on its own, so every frame's curve is fitted
 * on that frame's own intact overlap (pixels both the print and the master show intact); a frame
 * with too little overlap uses the curve fitted over the model's frames (its sequence, scene or
 * shot).
 */
final class MultiPrintInput implements ModelInput {
    /** A frame's own curve (and colour map, {@link PrintChroma}) needs this share of the frame intact in both elements. */
    static final double MIN_OVERLAP = 0.05;
    private final List<ToneCurve> tones;
    /** Composites kept: a frame rendered, its two neighbours, and the frames rendered beside it on other threads. */
    private static final int KEPT = 6;
    /**
     * The last frames' composites, by their scan image's identity (not its pixels: a frame's scan is
     * one object while its evidence is in memory): a frame rendered with its neighbours is also each
     * neighbour's neighbour, so each is made once. Bounded: the training frames, whose evidence stays
     * in memory, must not keep theirs.
     */
    private final Map<Scan, PrintComposite> composites = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Scan, PrintComposite> eldest) {
            return size() > KEPT;
        }
    };

    /** A scan image as a key by identity. */
    private record Scan(Image image) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Scan other && other.image == image;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(image);
        }
    }

    private MultiPrintInput(List<ToneCurve> tones) {
        this.tones = List.copyOf(tones);
    }

    /** Fits each reference's curve onto the master's over the frames' intact overlap. */
    static MultiPrintInput fit(List<Evidence> frames) {
        int references = frames.stream().mapToInt(f -> f.references().size()).max().orElse(0);
        List<ToneCurve.Fit> fits = new ArrayList<>();
        for (int k = 0; k < references; k++) {
            fits.add(new ToneCurve.Fit());
        }
        for (Evidence f : frames) {
            PrintLumas y = PrintLumas.of(f);
            for (int k = 0; k < f.references().size(); k++) {
                add(fits.get(k), f, k, y);
            }
        }
        return new MultiPrintInput(fits.stream().map(ToneCurve.Fit::fit).toList());
    }

    /** Every frame on its own curves alone: for a frame looked at before the model's curves are fitted. */
    static MultiPrintInput ownCurves() {
        return new MultiPrintInput(List.of());
    }

    /** {@code frame}'s composite with these curves ({@link PrintComposite#build}), made once for it and its neighbours. */
    PrintComposite composite(Evidence frame) {
        Scan key = new Scan(frame.scan());
        PrintComposite known;
        synchronized (composites) {
            known = composites.get(key);
        }
        if (known == null) {
            known = PrintComposite.build(frame, this); // by two threads at worst, alike
            synchronized (composites) {
                composites.putIfAbsent(key, known);
            }
        }
        return known;
    }

    /**
     * Reference {@code k}'s Y ({@code y}: the frame's planes) brought to the master's tone, by the
     * frame's own curve, or these curves where the frame shows too little intact overlap; NaN where
     * it does not cover the master.
     */
    float[] matched(Evidence frame, int k, PrintLumas y) {
        ToneCurve.Fit own = new ToneCurve.Fit();
        int overlap = add(own, frame, k, y);
        ToneCurve curve = overlap >= MIN_OVERLAP * frame.scan().width() * frame.scan().height() || k >= tones.size() ? own.fit()
                : tones.get(k);
        float[] print = y.references()[k];
        float[] out = curve.apply(print);
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(print[i])) {
                out[i] = Float.NaN;
            }
        }
        return out;
    }

    /** Adds frame {@code f}'s pixels where reference {@code k} and the master are both intact; returns how many. */
    private static int add(ToneCurve.Fit fit, Evidence f, int k, PrintLumas y) {
        float[] print = y.references()[k];
        if (print == null) {
            return 0;
        }
        float[] both = DamageMaps.intact(f.damage(), y.master().length);
        float[] own = DamageMaps.intact(f.referenceDamage(k), y.master().length);
        int n = 0;
        for (int i = 0; i < both.length; i++) {
            both[i] *= own[i] * (Float.isFinite(print[i]) ? 1 : 0);
            n += both[i] > 0 ? 1 : 0;
        }
        fit.add(print, y.master(), both);
        return n;
    }

    /**
     * The network input of a frame whose composite is {@code ycc} (its Y, Cb and Cr; NaN allowed
     * in the holes), with {@code holes} to fill (1 = hole): the composite with its holes inpainted.
     */
    Image of(float[][] ycc, Image holes) {
        return of(ycc, PrintComposite.inpaint(ycc[0], holes, holes.width(), holes.height()), holes);
    }

    /** {@link #of(float[][], Image)} with the Y's inpainting already made ({@code guide}). */
    Image of(float[][] ycc, float[] guide, Image holes) {
        int w = holes.width();
        int h = holes.height();
        Image inpainted = Image.ofPlanes(w, h, guide, PrintComposite.inpaint(ycc[1], holes, w, h),
                PrintComposite.inpaint(ycc[2], holes, w, h));
        return LumaInput.assemble(inpainted, ycc[0], guide, holes);
    }

    @Override
    public String baselineLabel() {
        return "median of prints";
    }

    @Override
    public String baselineMethod() {
        return "the per-pixel median of every print registered, tone-matched and colour-matched on the master, damaged or not";
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("channels",
                "the composite's Y, Cb, Cr with its holes inpainted (OpenCV, Telea), the inpainted Y, the hole map");
        json.addProperty("tone", "each print's curve onto the master's, fitted on every frame's intact overlap (these: over the model's"
                + " frames, for frames with too little overlap)");
        JsonArray curves = new JsonArray();
        tones.forEach(t -> curves.add(t.toJson()));
        json.add("toneCurves", curves);
        return json;
    }
}
