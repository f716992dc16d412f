package org.emulsion.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;

import org.emulsion.core.image.Image;
import org.emulsion.simulator.ScanParameters.Degradation;
import org.emulsion.simulator.internal.CaseFrames;
import org.emulsion.simulator.internal.ReferenceSidecar;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A luma restoration case with known truth (the print-luma workflow): a 35 mm internegative whose
 * image is eaten by vinegar syndrome (emulsion flaked off, channeling, lifted and softened
 * patches) or by nitrate decay, scanned with its grain, weave and flicker; and a 16 mm positive
 * print of the same film that kept its luma — smaller gauge, softer, grainier, another tone curve
 * and colour balance, its own weave and its own lighter dirt. Deterministic for a {@link Spec}.
 * <p>
 * Written as: {@code scan/scan_000000.tif …} (16-bit), {@code scan-masks/scan_000000.png …} (where
 * physical damage changed the scan, 8-bit, 0 = intact), {@code intact/scan_000000.tif …} (the same
 * scan without physical damage: what a perfect restore gives back, grain and weave included),
 * {@code truth/scan_000000.tif …} (the undamaged film), {@code reference/} (the print, with its
 * own masks, see {@link PrintRenderer}) and {@code case.json}.
 */
public final class PrintLumaCase {
    public static final String SCAN = "scan";
    public static final String SCAN_MASKS = "scan-masks";
    public static final String INTACT = "intact";
    public static final String TRUTH = "truth";
    public static final String REFERENCE = "reference";
    public static final String SIDECAR = "case.json";

    /** What ate the internegative's image. */
    public enum Decay { VINEGAR, NITRATE }

    /**
     * One case: its name, the film, the decay and the seed of the scan and the print.
     */
    public record Spec(String name, Truth.Spec truth, Decay decay, long seed) {
        /** 320×240, 24 frames of one shot: for tests. */
        public static Spec small(Decay decay) {
            return new Spec(name(decay), new Truth.Spec(320, 240, 24, 1, 51 + decay.ordinal()), decay, 61 + decay.ordinal());
        }

        /** 720×576, {@code frames} frames, a shot every 48 frames: for benchmarks. */
        public static Spec benchmark(Decay decay, int frames) {
            return new Spec(name(decay), new Truth.Spec(720, 576, frames, Math.max(1, frames / 48), 71 + decay.ordinal()), decay,
                    81 + decay.ordinal());
        }

        private static String name(Decay decay) {
            return "print-luma-" + decay.name().toLowerCase(Locale.ROOT);
        }
    }

    private final Spec spec;
    private final ScanSimulator scanner;
    private final ScanSimulator intact;

    public PrintLumaCase(Spec spec) {
        this.spec = spec;
        this.scanner = new ScanSimulator(scanParameters(spec));
        this.intact = new ScanSimulator(scanParameters(spec).only(Degradation.FADE, Degradation.GRAIN, Degradation.WEAVE,
                Degradation.FLICKER));
    }

    public Spec spec() { return spec; }

    /**
     * The internegative: colour barely faded, grain, weave, flicker, a little dust and the odd
     * scratch, and the decay, frequent enough that most frames show some.
     */
    public static ScanParameters scanParameters(Spec spec) {
        ScanParameters d = ScanParameters.defaults().withSeed(spec.seed());
        EnumSet<Degradation> on = EnumSet.of(Degradation.FADE, Degradation.GRAIN, Degradation.WEAVE, Degradation.FLICKER,
                Degradation.DUST, Degradation.SCRATCHES, spec.decay() == Decay.VINEGAR ? Degradation.VINEGAR : Degradation.NITRATE);
        return d.withEnabled(on)
                .withFade(new ScanParameters.Fade(0.92, 0.96, 0.9, 0.06, 0, 0.03, 0))
                .withFlicker(new ScanParameters.Flicker(0.02))
                .withDust(new ScanParameters.Dust(3, 0.5, 0.004))
                .withScratches(new ScanParameters.Scratches(0.01, 8, 48, 0.002, 0.0006))
                .withVinegar(new ScanParameters.Vinegar(0.06, 24, 96, 0.1, 0.6, 0.35, 0.3))
                .withNitrate(new ScanParameters.Nitrate(0.05, 24, 96, 0.16));
    }

    /**
     * The 16 mm print: 0.55× the scan, its own aperture, softer, grainier, a contrasty stock of
     * another colour balance, its own weave and flicker, a little dirt of its own.
     */
    public static PrintParameters printParameters(Spec spec) {
        ScanParameters ageing = ScanParameters.defaults().withSeed(spec.seed() + 1000)
                .only(Degradation.WEAVE, Degradation.FLICKER, Degradation.DUST)
                .withWeave(new ScanParameters.Weave(0.3, 0.02))
                .withFlicker(new ScanParameters.Flicker(0.02))
                .withDust(new ScanParameters.Dust(2, 0.5, 0.003));
        return new PrintParameters(0.55, new ReferenceFraming(0, 1.02, 0.2, -0.1), 6.0, 0.48, 0.03, 0.95, 1.0, 0.96, 0.9, 0.03,
                0.8, 0.9, 16).withAgeing(ageing, 0, 1);
    }

    /** Scan frame {@code index} of the film {@code truth} (made from {@link Spec#truth()}), with its damage mask. */
    public ScanFrame scan(Truth truth, int index) {
        return scanner.render(truth.frame(index), CaseFrames.FIRST_FILM_FRAME + index, 0);
    }

    /** Scan frame {@code index} as it would be without physical damage (faded, grainy, weaving, flickering as the scan). */
    public Image intact(Truth truth, int index) {
        return intact.render(truth.frame(index), CaseFrames.FIRST_FILM_FRAME + index, 0).scan();
    }

    /** Where the case's parts are once written. */
    public record Written(Path directory, Path scan, Path scanMasks, Path intact, Path truth, PrintResult reference) {
    }

    /** Writes the case into {@code directory} (see the class comment). */
    public Written write(Path directory) throws IOException {
        Path scanDir = Files.createDirectories(directory.resolve(SCAN));
        Path maskDir = Files.createDirectories(directory.resolve(SCAN_MASKS));
        Path intactDir = Files.createDirectories(directory.resolve(INTACT));
        Path truthDir = Files.createDirectories(directory.resolve(TRUTH));
        JsonArray frames = new JsonArray();
        PrintResult print;
        try (Truth truth = Truth.create(spec.truth())) {
            for (int f = 0; f < truth.frameCount(); f++) {
                ScanFrame frame = scan(truth, f);
                String name = CaseFrames.name(SCAN, f);
                CaseFrames.frame(scanDir, name, frame.scan());
                CaseFrames.mask(maskDir, name, frame.damageMask());
                CaseFrames.frame(intactDir, name, intact(truth, f));
                CaseFrames.frame(truthDir, name, truth.frame(f));
                JsonObject log = scanner.frameLog(CaseFrames.FIRST_FILM_FRAME + f, 0);
                log.addProperty("damaged", CaseFrames.damagedFraction(frame.damageMask()));
                frames.add(log);
            }
            print = PrintRenderer.render(truth, spec.seed() + 7, printParameters(spec), CaseFrames.FIRST_FILM_FRAME,
                    directory.resolve(REFERENCE));
            JsonObject json = new JsonObject();
            json.addProperty("name", spec.name());
            json.addProperty("workflow", "print-luma");
            json.addProperty("description", (spec.decay() == Decay.VINEGAR ? "vinegar syndrome (flaking, channeling, lifted patches)"
                    : "nitrate decay") + " on a 35 mm internegative; luma from a 16 mm positive print");
            json.add("truth", truth.parameters());
            json.addProperty("firstFilmFrame", CaseFrames.FIRST_FILM_FRAME);
            json.add("scan", scanParameters(spec).toJson());
            json.addProperty("reference", REFERENCE + "/" + PrintRenderer.SIDECAR_NAME);
            json.add("layout", layout());
            json.add("frames", frames);
            ReferenceSidecar.write(directory.resolve(SIDECAR), json);
        }
        return new Written(directory, scanDir, maskDir, intactDir, truthDir, print);
    }

    private static JsonObject layout() {
        JsonObject json = new JsonObject();
        json.addProperty(SCAN, "the damaged scan, 16-bit TIFF");
        json.addProperty(SCAN_MASKS, "where physical damage changed the scan: 8-bit PNG named like the frame, 0 = intact");
        json.addProperty(INTACT, "the scan without physical damage (same fading, grain, weave, flicker): the restore's target");
        json.addProperty(TRUTH, "the undamaged film, 16-bit TIFF named like the scan");
        json.addProperty(REFERENCE, "the 16 mm print: frames, its own damage masks, print.json");
        return json;
    }
}
