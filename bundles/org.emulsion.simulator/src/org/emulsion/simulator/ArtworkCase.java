package org.emulsion.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.emulsion.simulator.ScanParameters.Degradation;
import org.emulsion.simulator.internal.CaseFrames;
import org.emulsion.simulator.internal.ReferenceSidecar;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * An artwork-driven chroma case with known truth (the artwork-chroma workflow): a faded, damaged
 * scan of some shots of a film, and paintings and production stills of the film's <em>other</em>
 * shots — the same world and subjects (the shots film one set), never a frame of the scan. The
 * scanned shots are those whose part of the set the other shots show most, so the colour
 * evidence covers the scan's subjects; how much of each is covered is recorded.
 * <p>
 * Written as: {@code scan/scan_000000.tif …} (16-bit, the scanned shots' frames, numbered by film
 * frame), {@code truth/scan_000000.tif …} (the same frames undamaged and unfaded: the colour a
 * restore is scored against), {@code artwork/} and {@code artwork.json} (see
 * {@link ArtworkRenderer}) and {@code case.json}.
 */
public final class ArtworkCase {
    public static final String SCAN = "scan";
    public static final String TRUTH = "truth";
    public static final String SIDECAR = "case.json";
    /** Scene sampling step for coverage, as a fraction of the frame height. */
    private static final double COVERAGE_STEP = 1.0 / 24;

    /** One case: its name, the film, how many of its shots are scanned, and the seed of scan and artwork. */
    public record Spec(String name, Truth.Spec truth, int scannedShots, long seed) {
        public Spec {
            if (scannedShots < 1 || scannedShots >= truth.shots()) {
                throw new IllegalArgumentException("scan 1 to " + (truth.shots() - 1) + " of " + truth.shots()
                        + " shots: the others are what the artwork shows");
            }
        }

        /** 320×240, six shots of four frames, two scanned: for tests. */
        public static Spec small() {
            return new Spec("artwork-chroma", new Truth.Spec(320, 240, 24, 6, 131), 2, 141);
        }

        /** 720×576, {@code frames} frames in eight shots, three scanned: for benchmarks. */
        public static Spec benchmark(int frames) {
            return new Spec("artwork-chroma", new Truth.Spec(720, 576, frames, 8, 151), 3, 161);
        }
    }

    private final Spec spec;

    public ArtworkCase(Spec spec) {
        this.spec = spec;
    }

    public Spec spec() { return spec; }

    /** A faded release print with its dust, scratches and blotches, no frame missing. */
    public static ScanParameters scanParameters(Spec spec) {
        return ScanParameters.defaults().withSeed(spec.seed()).with(Degradation.MISSING, false);
    }

    /** Two stills of every shot not scanned, painted or photographed in turn, with the excluded (scanned) shots set. */
    public static ArtworkParameters artworkParameters(List<Integer> scannedShots) {
        return ArtworkParameters.defaults().withStills(2, ArtworkParameters.STYLES).withExcludedShots(scannedShots);
    }

    /**
     * The {@code count} shots best covered by the others (share of the set a shot shows that
     * frames of other shots show too), in film order.
     */
    public static List<Integer> scannedShots(Truth truth, int count) {
        int shots = truth.shotStarts().size();
        List<Integer> all = IntStream.range(0, shots).boxed().toList();
        List<Integer> best = new ArrayList<>(all);
        best.sort(Comparator.comparingDouble((Integer s) -> -coverage(truth, frames(truth, List.of(s)),
                windows(truth, frames(truth, all.stream().filter(o -> !o.equals(s)).toList())))));
        List<Integer> chosen = new ArrayList<>(best.subList(0, count));
        chosen.sort(null);
        return chosen;
    }

    /**
     * Share of the set shown by {@code frames} that lies in at least one of {@code windows}
     * (sampled on a grid of scene points every {@link #COVERAGE_STEP} of a frame height).
     */
    public static double coverage(Truth truth, List<Integer> frames, List<Truth.Window> windows) {
        double step = COVERAGE_STEP * truth.spec().height();
        long seen = 0;
        long covered = 0;
        for (int f : frames) {
            Truth.Window w = truth.window(f);
            double s = step * w.height() / truth.spec().height();
            for (double y = w.y() + s / 2; y < w.y() + w.height(); y += s) {
                for (double x = w.x() + s / 2; x < w.x() + w.width(); x += s) {
                    seen++;
                    double px = x;
                    double py = y;
                    covered += windows.stream().anyMatch(o -> o.contains(px, py)) ? 1 : 0;
                }
            }
        }
        return seen == 0 ? 0 : (double) covered / seen;
    }

    /** Where the case's parts are once written. */
    public record Written(Path directory, Path scan, Path truth, ArtworkResult artwork, List<Integer> scannedShots,
            List<Integer> scanFrames) {
        public Written {
            scannedShots = List.copyOf(scannedShots);
            scanFrames = List.copyOf(scanFrames);
        }
    }

    /** Writes the case into {@code directory} (see the class comment). */
    public Written write(Path directory) throws IOException {
        Path scanDir = Files.createDirectories(directory.resolve(SCAN));
        Path truthDir = Files.createDirectories(directory.resolve(TRUTH));
        ScanSimulator scanner = new ScanSimulator(scanParameters(spec));
        try (Truth truth = Truth.create(spec.truth())) {
            List<Integer> scanned = scannedShots(truth, spec.scannedShots());
            List<Integer> frames = frames(truth, scanned);
            for (int f : frames) {
                String name = CaseFrames.name(SCAN, f);
                CaseFrames.frame(scanDir, name, scanner.render(truth.frame(f), f, 0).scan());
                CaseFrames.frame(truthDir, name, truth.frame(f));
            }
            ArtworkResult artwork = ArtworkRenderer.render(truth, spec.seed() + 3, artworkParameters(scanned), directory);
            List<Truth.Window> shown = artwork.stills().stream().map(s -> stillWindow(truth, s)).toList();
            JsonArray shots = new JsonArray();
            for (int s : scanned) {
                JsonObject o = new JsonObject();
                o.addProperty("shot", s);
                o.add("frames", ReferenceSidecar.ints(frames(truth, List.of(s))));
                o.addProperty("coveredByArtwork", coverage(truth, frames(truth, List.of(s)), shown));
                shots.add(o);
            }
            JsonObject json = new JsonObject();
            json.addProperty("name", spec.name());
            json.addProperty("workflow", "artwork-chroma");
            json.addProperty("description", "faded scan of " + scanned.size() + " shots; colour evidence from paintings and "
                    + "production stills of the film's other shots (same set, never a scanned frame)");
            json.add("truth", truth.parameters());
            json.add("scan", scanParameters(spec).toJson());
            json.addProperty("truthFrames", TRUTH + "/ named like the scan's frames: the colour to score against");
            json.addProperty("artwork", ArtworkRenderer.SIDECAR_NAME);
            json.add("scannedShots", shots);
            ReferenceSidecar.write(directory.resolve(SIDECAR), json);
            return new Written(directory, scanDir, truthDir, artwork, scanned, frames);
        }
    }

    /** The part of the set a still shows: its truth frame's window, narrowed by the still's framing. */
    static Truth.Window stillWindow(Truth truth, ArtworkResult.Still still) {
        Truth.Window w = truth.window(still.truthFrame());
        ReferenceGeometry g = still.geometry();
        double perPixel = w.width() / truth.spec().width();
        double x0 = g.truthX(g.activeX() - 0.5) + 0.5;
        double y0 = g.truthY(g.activeY() - 0.5) + 0.5;
        double x1 = g.truthX(g.activeX() + g.activeWidth() - 0.5) + 0.5;
        double y1 = g.truthY(g.activeY() + g.activeHeight() - 0.5) + 0.5;
        return new Truth.Window(w.x() + x0 * perPixel, w.y() + y0 * perPixel, (x1 - x0) * perPixel, (y1 - y0) * perPixel);
    }

    private static List<Integer> frames(Truth truth, List<Integer> shots) {
        return IntStream.range(0, truth.frameCount()).filter(f -> shots.contains(truth.shotOf(f))).boxed().toList();
    }

    private static List<Truth.Window> windows(Truth truth, List<Integer> frames) {
        return frames.stream().map(truth::window).toList();
    }
}
