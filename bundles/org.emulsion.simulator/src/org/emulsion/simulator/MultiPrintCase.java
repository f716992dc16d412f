package org.emulsion.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emulsion.simulator.ScanParameters.Degradation;
import org.emulsion.simulator.internal.CaseFrames;
import org.emulsion.simulator.internal.ReferenceSidecar;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A multi-print case with known truth (the multiprint workflow): two or three prints of the same
 * film from different archives, each with its own aperture, density and contrast, grain and
 * softness (another generation), its own dust, scratches, vinegar blotches and nitrate decay
 * (one is a decaying nitrate copy), its own weave and flicker, and splices where frames were lost.
 * Deterministic for a {@link Spec}.
 * <p>
 * Written as: {@code truth/truth_000000.tif …} (the undamaged film, 16-bit), one folder per print
 * {@code prints/print-1/} … (its frames, damage masks and {@code print.json} with the truth frame
 * each print frame shows and the truth frames it lacks, see {@link PrintRenderer}), and
 * {@code case.json}.
 */
public final class MultiPrintCase {
    public static final String TRUTH = "truth";
    public static final String PRINTS = "prints";
    public static final String SIDECAR = "case.json";
    /** The most prints a case has. */
    public static final int MAX_PRINTS = 3;

    /** One case: its name, the film, how many prints (2 or 3) and the seed. */
    public record Spec(String name, Truth.Spec truth, int prints, long seed) {
        public Spec {
            if (prints < 2 || prints > MAX_PRINTS) {
                throw new IllegalArgumentException("a multi-print case has 2 to " + MAX_PRINTS + " prints, not " + prints);
            }
        }

        /** 320×240, 24 frames of one shot: for tests. */
        public static Spec small(int prints) {
            return new Spec("multiprint-" + prints, new Truth.Spec(320, 240, 24, 1, 90 + prints), prints, 100 + prints);
        }

        /** 720×576, {@code frames} frames, a shot every 48 frames: for benchmarks. */
        public static Spec benchmark(int prints, int frames) {
            return benchmark(prints, frames, 720, 576);
        }

        /**
         * {@code width}×{@code height}, {@code frames} frames, a shot every 48 frames: for timing benchmarks at other sizes.
         * The film of the quality benchmark's multiprint case with as many prints (its seeds), longer.
         */
        public static Spec benchmark(int prints, int frames, int width, int height) {
            return new Spec("multiprint-" + prints, new Truth.Spec(width, height, frames, Math.max(1, frames / 48), 80 + prints), prints,
                    90 + prints);
        }
    }

    private final Spec spec;

    public MultiPrintCase(Spec spec) {
        this.spec = spec;
    }

    public Spec spec() { return spec; }

    /** The folder name of print {@code k} (from 0): {@code print-1} …. */
    public static String printFolder(int k) {
        return "print-" + (k + 1);
    }

    /**
     * Print {@code k}: the first a complete safety copy, the second a contrasty, denser nitrate copy
     * (smaller scan, decaying, three frames lost at a splice), the third a flat, light later
     * generation (two frames lost at a splice). Every print has its own dust, scratches and
     * vinegar blotches.
     */
    public static PrintParameters printParameters(Spec spec, int k) {
        if (k < 0 || k >= spec.prints()) {
            throw new IndexOutOfBoundsException("print " + k + " of " + spec.prints());
        }
        double[] zoom = {1.0, 1.02, 1.03};
        double[] shiftX = {0, 0.3, -0.3};
        double[] shiftY = {0, -0.2, 0.25};
        double[] scale = {1.0, 0.9, 1.0};
        double[] contrast = {5.0, 7.5, 4.0};
        double[] pivot = {0.46, 0.40, 0.54};
        double[] black = {0.02, 0.05, 0.01};
        double[] white = {0.97, 0.90, 0.99};
        double[][] gain = {{1.0, 0.98, 0.95}, {0.96, 1.0, 0.97}, {1.0, 0.97, 1.0}};
        double[] grain = {0.02, 0.03, 0.025};
        double[] blur = {0.6, 0.9, 0.8};
        int[] splices = {0, 1, 1};
        int[] spliceLength = {1, 3, 2};
        boolean nitrate = k == 1;
        ScanParameters ageing = ScanParameters.defaults().withSeed(spec.seed() * 31 + k)
                .only(Degradation.DUST, Degradation.SCRATCHES, Degradation.VINEGAR, Degradation.NITRATE, Degradation.WEAVE,
                        Degradation.FLICKER)
                .withDust(new ScanParameters.Dust(6, 0.35, 0.006))
                .withScratches(new ScanParameters.Scratches(0.05, 8, 48, 0.002, 0.0006))
                .withVinegar(new ScanParameters.Vinegar(nitrate ? 0.005 : 0.02, 24, 96, 0.1, 0.5, 0.3, 0.2))
                .withNitrate(new ScanParameters.Nitrate(nitrate ? 0.04 : 0.005, 24, 96, 0.16))
                .withWeave(new ScanParameters.Weave(0.4, 0.02))
                .withFlicker(new ScanParameters.Flicker(0.03));
        return new PrintParameters(scale[k], new ReferenceFraming(0, zoom[k], shiftX[k], shiftY[k]), contrast[k], pivot[k], black[k],
                white[k], gain[k][0], gain[k][1], gain[k][2], grain[k], 0.7, blur[k], 16).withAgeing(ageing, splices[k], spliceLength[k]);
    }

    /**
     * Print {@code k} as it would be without its dirt, scratches, blotches and decay (the same
     * framing, tones, grain, weave, flicker and splices), written into {@code directory}: what its
     * damage changed is where it differs from the print written by {@link #write}.
     */
    public PrintResult intactPrint(Truth truth, int k, Path directory) throws IOException {
        PrintParameters p = printParameters(spec, k);
        PrintParameters intact = p.withAgeing(p.ageing().only(Degradation.WEAVE, Degradation.FLICKER), p.splices(), p.spliceLength());
        return PrintRenderer.render(truth, printSeed(k), intact, CaseFrames.FIRST_FILM_FRAME, directory);
    }

    private long printSeed(int k) {
        return spec.seed() * 7 + k;
    }

    /** Where the case's parts are once written: the truth's folder and every print. */
    public record Written(Path directory, Path truth, List<PrintResult> prints) {
        public Written {
            prints = List.copyOf(prints);
        }
    }

    /** Writes the case into {@code directory} (see the class comment). */
    public Written write(Path directory) throws IOException {
        Path truthDir = Files.createDirectories(directory.resolve(TRUTH));
        List<PrintResult> prints = new ArrayList<>();
        try (Truth truth = Truth.create(spec.truth())) {
            for (int f = 0; f < truth.frameCount(); f++) {
                CaseFrames.frame(truthDir, CaseFrames.name(TRUTH, f), truth.frame(f));
            }
            JsonArray list = new JsonArray();
            for (int k = 0; k < spec.prints(); k++) {
                Path folder = directory.resolve(PRINTS).resolve(printFolder(k));
                PrintResult print = PrintRenderer.render(truth, printSeed(k), printParameters(spec, k), CaseFrames.FIRST_FILM_FRAME,
                        folder);
                prints.add(print);
                JsonObject o = new JsonObject();
                o.addProperty("print", PRINTS + "/" + printFolder(k) + "/" + PrintRenderer.SIDECAR_NAME);
                o.addProperty("frames", print.files().size());
                o.add("lacking", ReferenceSidecar.ints(print.lacking(truth.frameCount())));
                o.add("splices", Cut.toJson(print.splices()));
                list.add(o);
            }
            JsonObject json = new JsonObject();
            json.addProperty("name", spec.name());
            json.addProperty("workflow", "multiprint");
            json.addProperty("description", spec.prints() + " prints of one film, each with its own dirt, scratches, blotches, "
                    + "decay, density and contrast; splices with lost frames");
            json.add("truth", truth.parameters());
            json.addProperty("firstFilmFrame", CaseFrames.FIRST_FILM_FRAME);
            json.addProperty("truthFrames", TRUTH + "/truth_NNNNNN.tif, 16-bit, the undamaged film");
            json.add("prints", list);
            ReferenceSidecar.write(directory.resolve(SIDECAR), json);
        }
        return new Written(directory, truthDir, prints);
    }
}
