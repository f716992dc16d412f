package org.emulsion.align.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.emulsion.align.damage.DamageDetector;
import org.emulsion.align.damage.DamageMap;
import org.emulsion.align.damage.Observation;
import org.emulsion.align.internal.FeatureEccAligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.quality.DamageScore;
import org.emulsion.simulator.MultiPrintCase;
import org.emulsion.simulator.PrintLumaCase;
import org.emulsion.simulator.PrintLumaCase.Decay;
import org.emulsion.simulator.PrintResult;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damage maps on the simulator's cases, scored against its masks with {@link DamageScore}: recall
 * over the visibly changed pixels at least a band (1 % of the height, ≥ 2 px) inside the true
 * mask, where a witness covers the frame; precision over the pixels found, counting those within
 * the band around the true mask as right. Witnesses are registered as the pipeline does: the
 * shot's transform (here the print's framing), refined per frame by ECC.
 */
class DamageDetectorTest {
    @TempDir
    static Path dir;
    static final DamageDetector DETECTOR = new DamageDetector();
    static final Map<Decay, PrintLumaCase.Written> CASES = new EnumMap<>(Decay.class);
    static final Map<Decay, Loaded> LOADED = new EnumMap<>(Decay.class);

    @BeforeAll
    static void writeCases() throws IOException {
        for (Decay d : Decay.values()) {
            CASES.put(d, new PrintLumaCase(PrintLumaCase.Spec.small(d)).write(dir.resolve(d.name())));
        }
    }

    /** A print-luma case as the pipeline would see it: scan frames and the print registered on them. */
    record Loaded(List<Image> scans, List<Image> intact, List<Image> truthMasks, List<Image> witnesses) {
    }

    static synchronized Loaded load(Decay decay) throws IOException {
        Loaded done = LOADED.get(decay);
        if (done != null) {
            return done;
        }
        PrintLumaCase.Written written = CASES.get(decay);
        Path root = written.directory();
        List<Image> scans = new ArrayList<>();
        List<Image> intact = new ArrayList<>();
        List<Image> masks = new ArrayList<>();
        List<Image> witnesses = new ArrayList<>();
        List<Path> prints = written.reference().files();
        ReferenceGeometry g = written.reference().geometry();
        FeatureEccAligner aligner = new FeatureEccAligner();
        SpatialAlignment shot = new SpatialAlignment(new double[] {g.scaleX(), 0, g.offsetX(), 0, g.scaleY(), g.offsetY(), 0, 0, 1},
                1, "the print's framing");
        List<Path> scanFiles = files(root.resolve(PrintLumaCase.SCAN));
        for (int i = 0; i < scanFiles.size(); i++) {
            String name = scanFiles.get(i).getFileName().toString();
            Image scan = ImageFiles.read(scanFiles.get(i)).image();
            Image print = ImageFiles.read(prints.get(i)).image();
            SpatialAlignment a = aligner.refine(print, scan, shot);
            assertFalse(a.isRejected(), name + ": " + a.rejection());
            scans.add(scan);
            intact.add(ImageFiles.read(root.resolve(PrintLumaCase.INTACT).resolve(name)).image());
            masks.add(MaskFiles.read(root.resolve(PrintLumaCase.SCAN_MASKS).resolve(MaskFiles.fileName(name)), scan.width(), scan.height()));
            witnesses.add(aligner.warp(print, a, scan.width(), scan.height()));
            shot = a; // the next frame starts where this one ended, as within a shot
        }
        Loaded loaded = new Loaded(scans, intact, masks, witnesses);
        LOADED.put(decay, loaded);
        return loaded;
    }

    @ParameterizedTest
    @EnumSource(Decay.class)
    void printLumaDamageIsFoundAgainstTheSimulatorsMasks(Decay decay) throws IOException {
        Loaded c = load(decay);
        DamageScore total = DamageScore.none();
        DamageScore everywhere = DamageScore.none();
        int n = c.scans().size();
        for (int i = 0; i < n; i++) {
            DamageMap map = DETECTOR.detect(i > 0 ? observation(c, i - 1) : null, observation(c, i), i + 1 < n ? observation(c, i + 1) : null);
            Image truth = c.truthMasks().get(i);
            Image visible = DamageScore.visible(c.scans().get(i), c.intact().get(i), truth);
            int band = DamageScore.band(truth.height());
            total = total.plus(DamageScore.of(map.mask(), truth, visible, covered(c.witnesses().get(i)), band));
            everywhere = everywhere.plus(DamageScore.of(map.mask(), truth, visible, null, band));
            assertTrue(map.confidence() > 0.5, map.basis());
        }
        System.out.printf(Locale.ROOT, "print-luma %s, %d frames 320x240: recall %.3f (%.3f counting where the print does not cover), "
                + "precision %.3f%n", decay, n, total.recall(), everywhere.recall(), total.precision());
        assertTrue(total.recall() >= 0.9, "recall " + total.recall());
        assertTrue(total.precision() >= 0.8, "precision " + total.precision());
        // the 16 mm print crops the frame: damage found up to the edge of its picture is carried across that margin
        assertTrue(everywhere.recall() >= 0.9, "recall counting the margin the print does not cover " + everywhere.recall());
    }

    @Test
    void grainTonesAndThePrintsOwnDirtAreNotDamage() throws IOException {
        Loaded c = load(Decay.VINEGAR);
        double found = 0;
        int n = 12;
        for (int i = 1; i <= n; i++) {
            // the scan without physical damage: grain, fading, weave and flicker only; the print keeps its dirt
            Observation before = new Observation(c.intact().get(i - 1), List.of(c.witnesses().get(i - 1)));
            Observation now = new Observation(c.intact().get(i), List.of(c.witnesses().get(i)));
            Observation after = new Observation(c.intact().get(i + 1), List.of(c.witnesses().get(i + 1)));
            found += DETECTOR.detect(before, now, after).damagedFraction();
        }
        System.out.printf(Locale.ROOT, "intact scan against its print: %.3f %% of the frame marked%n", 100 * found / n);
        assertTrue(found / n < 0.01, "grain and tone differences are not damage: " + found / n);
    }

    @Test
    void withoutAWitnessDirtIsStillFoundButTheConfidenceSaysWhatIsMissed() throws IOException {
        Loaded c = load(Decay.VINEGAR);
        int i = 10;
        DamageMap alone = DETECTOR.detect(new Observation(c.scans().get(i - 1)), new Observation(c.scans().get(i)),
                new Observation(c.scans().get(i + 1)));
        DamageMap witnessed = DETECTOR.detect(observation(c, i - 1), observation(c, i), observation(c, i + 1));
        System.out.printf(Locale.ROOT, "frame %d: %s -> %.1f %% found, confidence %.2f; %s -> %.1f %%, %.2f%n", i, alone.basis(),
                100 * alone.damagedFraction(), alone.confidence(), witnessed.basis(), 100 * witnessed.damagedFraction(),
                witnessed.confidence());
        assertTrue(alone.confidence() <= 0.5 && witnessed.confidence() > 0.8);
        assertTrue(witnessed.damagedFraction() > alone.damagedFraction(), "lasting damage needs a witness");
        DamageMap first = DETECTOR.detect(null, new Observation(c.scans().get(0)), null);
        assertEquals(0, first.confidence(), "no witness, no neighbour: no evidence");
    }

    @Test
    void aWitnessBorrowedFromTheNextFrameFindsTheLastingDamageTheNeighboursMiss() throws IOException {
        Loaded c = load(Decay.VINEGAR);
        DamageScore alone = DamageScore.none();
        DamageScore borrowed = DamageScore.none();
        for (int i = 4; i <= 10; i += 3) {
            // frame i as if no print showed it: its neighbours alone, or the print of frame i + 1 carried onto it
            Image truth = c.truthMasks().get(i);
            Image visible = DamageScore.visible(c.scans().get(i), c.intact().get(i), truth);
            int band = DamageScore.band(truth.height());
            DamageMap neighbours = DETECTOR.detect(new Observation(c.scans().get(i - 1)), new Observation(c.scans().get(i)),
                    new Observation(c.scans().get(i + 1)));
            DamageMap withBorrowed = DETECTOR.detectBorrowing(c.scans().get(i - 1), c.scans().get(i), c.scans().get(i + 1),
                    c.scans().get(i + 1), List.of(c.witnesses().get(i + 1)), neighbours.mask());
            alone = alone.plus(DamageScore.of(neighbours.mask(), truth, visible, covered(c.witnesses().get(i)), band));
            borrowed = borrowed.plus(DamageScore.of(withBorrowed.mask(), truth, visible, covered(c.witnesses().get(i)), band));
            assertTrue(withBorrowed.basis().contains("borrowed"), withBorrowed.basis());
        }
        System.out.printf(Locale.ROOT, "vinegar, no print of the frame: neighbours alone recall %.3f precision %.3f; a witness borrowed "
                + "from the next frame recall %.3f precision %.3f%n", alone.recall(), alone.precision(), borrowed.recall(),
                borrowed.precision());
        assertTrue(borrowed.recall() >= 0.8 && borrowed.recall() > alone.recall() + 0.2, "recall " + alone.recall() + " -> " + borrowed.recall());
        assertTrue(borrowed.precision() >= 0.7, "precision " + borrowed.precision());
    }

    @Test
    void aFaintLineScratchIsFoundAlongItsLengthWhereItStaysOnTheFilmAndOnlyInThePrintThatHasIt() {
        int w = 320;
        int h = 240;
        Texture texture = new Texture(5, w, h);
        Random grain = new Random(6);
        int x0 = 150;
        int width = 3;
        // five moments of three prints; the camera pans 6 px a frame
        List<List<Image>> moments = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            List<Image> prints = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                prints.add(panned(texture, w, h, 6 * (t - 2), grain));
            }
            moments.add(prints);
        }
        // the first print's scratch, down every frame at the same place on the film, 3 px wide and 1.8 grain deviations
        // lighter: alone, few of its pixels stand out as a speck must
        for (List<Image> prints : moments) {
            Image frame = prints.get(0);
            for (int y = 0; y < h; y++) {
                for (int x = x0; x < x0 + width; x++) {
                    for (int c = 0; c < 3; c++) {
                        frame.set(x, y, c, frame.get(x, y, c) + 0.018f);
                    }
                }
            }
        }
        List<List<DamageMap>> maps = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            maps.add(DETECTOR.detectEach(moments.get(t - 1), moments.get(t), moments.get(t + 1)));
        }
        DamageMap alone = maps.get(1).get(0);
        assertNotNull(alone.lineCandidates(), "the scratch is a candidate");
        float[] candidates = alone.lineCandidates().data();
        float[] found = DETECTOR.withLineScratches(alone.mask(), alone.lineCandidates(), maps.get(0).get(0).lineCandidates(),
                maps.get(2).get(0).lineCandidates()).data();
        DamageMap witness = maps.get(1).get(1);
        float[] inWitness = DETECTOR.withLineScratches(witness.mask(), witness.lineCandidates(), maps.get(0).get(1).lineCandidates(),
                maps.get(2).get(1).lineCandidates()).data();
        int onLine = 0;
        int candidateOnLine = 0;
        int maskOnLine = 0;
        int witnessOnLine = 0;
        int elsewhere = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (x >= x0 && x < x0 + width) {
                    onLine += found[p] >= 0.5f ? 1 : 0;
                    candidateOnLine += candidates[p] >= 0.5f ? 1 : 0;
                    maskOnLine += alone.mask().data()[p] >= 0.5f ? 1 : 0;
                    witnessOnLine += inWitness[p] >= 0.5f ? 1 : 0;
                } else if (x < x0 - 3 || x >= x0 + width + 3) {
                    elsewhere += found[p] >= 0.5f ? 1 : 0;
                }
            }
        }
        int line = width * h;
        System.out.printf(Locale.ROOT, "faint line scratch, 3 prints: %.3f of its pixels in the frame's own map, %.3f candidates, %.3f found in the "
                + "print, %.3f in a print without it; %.4f of the rest of the print marked%n", (double) maskOnLine / line,
                (double) candidateOnLine / line, (double) onLine / line, (double) witnessOnLine / line,
                (double) elsewhere / (w * h));
        assertTrue(onLine >= 0.8 * line, onLine + " of " + line + " scratch pixels found");
        assertTrue(onLine - maskOnLine >= 0.3 * line, maskOnLine + " scratch pixels in the frame's own map, " + onLine
                + " with the neighbours' candidates: they should add much of it");
        assertTrue(witnessOnLine <= 0.05 * line, witnessOnLine + " pixels of the first print's scratch marked in another");
        assertTrue(elsewhere <= 0.005 * w * h, elsewhere + " pixels marked away from the scratch");
    }

    @Test
    void aLineCandidateIsDamageOnlyWhereANeighbouringFrameShowsOneAtTheSamePlace() {
        int w = 40;
        int h = 30;
        Image mask = Image.blank(w, h, 1);
        Image candidates = column(w, h, 20);
        assertSame(mask, DETECTOR.withLineScratches(mask, candidates, column(w, h, 26), null), "a line 6 px away moved with the picture");
        assertSame(mask, DETECTOR.withLineScratches(mask, candidates, null, null), "no neighbour, no telling");
        Image scratched = DETECTOR.withLineScratches(mask, candidates, null, column(w, h, 22)); // weave left over: 2 px
        for (int y = 0; y < h; y++) {
            assertEquals(1f, scratched.get(20, y, 0), "row " + y);
            assertEquals(0f, scratched.get(10, y, 0), "row " + y);
        }
        assertEquals(0f, mask.get(20, 5, 0), "the map given is not changed");
    }

    /** A one-pixel vertical line at {@code x} down a {@code w}×{@code h} mask. */
    private static Image column(int w, int h, int x) {
        Image m = Image.blank(w, h, 1);
        for (int y = 0; y < h; y++) {
            m.set(x, y, 0, 1f);
        }
        return m;
    }

    /** {@code texture} seen with the camera moved {@code dx} pixels across, with fresh grain (deviation 0.01). */
    private static Image panned(Texture texture, int w, int h, double dx, Random grain) {
        float[] rgb = new float[3];
        Image image = Image.blank(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                texture.rgb(x + dx, y, rgb);
                for (int c = 0; c < 3; c++) {
                    image.set(x, y, c, rgb[c] + (float) (0.01 * grain.nextGaussian()));
                }
            }
        }
        return image;
    }

    @Test
    void mapsAreSavedAndReadAsEightBitMasks() throws IOException {
        Loaded c = load(Decay.NITRATE);
        DamageMap map = DETECTOR.detect(observation(c, 3), observation(c, 4), observation(c, 5));
        Path file = dir.resolve("masks").resolve(MaskFiles.fileName("scan_000004.tif"));
        Files.createDirectories(file.getParent());
        map.write(file);
        DamageMap back = DamageMap.read(file, map.mask().width(), map.mask().height());
        assertEquals(8, ImageFiles.read(file).bitDepth());
        for (int p = 0; p < map.mask().data().length; p++) {
            assertEquals(map.mask().data()[p], back.mask().data()[p], 0.5 / 255 + 1e-6);
        }
        assertEquals(map.damagedFraction(), back.damagedFraction(), 1e-3);
    }

    @Test
    void eachOfThreePrintsGetsItsOwnMap() throws IOException {
        MultiPrintCase c = new MultiPrintCase(MultiPrintCase.Spec.small(3));
        MultiPrintCase.Written w = c.write(dir.resolve("multi"));
        int frames = c.spec().truth().frames();
        int prints = c.spec().prints();
        List<PrintResult> intact = new ArrayList<>();
        try (Truth truth = Truth.create(c.spec().truth())) {
            for (int k = 0; k < prints; k++) {
                intact.add(c.intactPrint(truth, k, dir.resolve("multi-intact").resolve("print-" + k)));
            }
        }
        // every print registered on the first (the master): the framing relation, refined per frame
        Image[][] registered = new Image[prints][frames];
        Image[][] truthMasks = new Image[prints][frames];
        Image[][] visible = new Image[prints][frames];
        FeatureEccAligner aligner = new FeatureEccAligner();
        PrintResult master = w.prints().get(0);
        int rejected = 0;
        for (int k = 0; k < prints; k++) {
            PrintResult print = w.prints().get(k);
            ReferenceGeometry gk = print.geometry();
            ReferenceGeometry g0 = master.geometry();
            SpatialAlignment shot = new SpatialAlignment(new double[] {gk.scaleX() / g0.scaleX(), 0, (gk.offsetX() - g0.offsetX()) / g0.scaleX(),
                0, gk.scaleY() / g0.scaleY(), (gk.offsetY() - g0.offsetY()) / g0.scaleY(), 0, 0, 1}, 1, "framing");
            for (int t = 0; t < frames; t++) {
                int f = print.printFrameOf(t);
                if (f < 0) {
                    continue;
                }
                Image frame = ImageFiles.read(print.files().get(f)).image();
                Image mask = MaskFiles.read(print.mask(f).orElseThrow());
                Image changed = DamageScore.visible(frame, ImageFiles.read(intact.get(k).files().get(f)).image(), mask);
                if (k == 0) {
                    registered[k][t] = frame;
                    truthMasks[k][t] = mask;
                    visible[k][t] = changed;
                    continue;
                }
                Image onto = ImageFiles.read(master.files().get(master.printFrameOf(t))).image();
                SpatialAlignment a = aligner.refine(frame, onto, shot);
                if (a.isRejected()) {
                    rejected++; // as the pipeline does: a frame it cannot register is not a witness
                    continue;
                }
                shot = a;
                registered[k][t] = aligner.warp(frame, a, onto.width(), onto.height());
                truthMasks[k][t] = binary(aligner.warp(mask, a, onto.width(), onto.height()));
                visible[k][t] = binary(aligner.warp(changed, a, onto.width(), onto.height()));
            }
        }
        DamageScore total = DamageScore.none();
        for (int t = 0; t < frames; t++) {
            List<Image> before = new ArrayList<>();
            List<Image> now = new ArrayList<>();
            List<Image> after = new ArrayList<>();
            for (int k = 0; k < prints; k++) {
                before.add(t > 0 ? registered[k][t - 1] : null);
                now.add(registered[k][t]);
                after.add(t + 1 < frames ? registered[k][t + 1] : null);
            }
            List<DamageMap> maps = DETECTOR.detectEach(before, now, after);
            for (int k = 0; k < prints; k++) {
                if (registered[k][t] == null) {
                    assertNull(maps.get(k), "a print lacking the frame has no map");
                    continue;
                }
                Image truth = truthMasks[k][t];
                total = total.plus(DamageScore.of(maps.get(k).mask(), truth, visible[k][t], null, DamageScore.band(truth.height())));
            }
        }
        System.out.printf(Locale.ROOT, "multiprint, 3 prints, %d frames 320x240 (%d print frames not registered): recall %.3f, "
                + "precision %.3f%n", frames, rejected, total.recall(), total.precision());
        assertTrue(rejected <= 2, rejected + " print frames not registered");
        assertTrue(total.recall() >= 0.8, "recall " + total.recall());
        assertTrue(total.precision() >= 0.6, "precision " + total.precision());
    }

    private static Observation observation(Loaded c, int i) {
        return new Observation(c.scans().get(i), Collections.singletonList(c.witnesses().get(i)));
    }

    /** Where the registered witness covers the frame. */
    private static Image covered(Image witness) {
        float[] out = new float[witness.width() * witness.height()];
        for (int p = 0; p < out.length; p++) {
            out[p] = Float.isNaN(witness.data()[p * witness.channels()]) ? 0 : 1;
        }
        return new Image(witness.width(), witness.height(), 1, out);
    }

    private static Image binary(Image warped) {
        float[] out = new float[warped.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = warped.data()[i] > 0.5f ? 1 : 0;
        }
        return new Image(warped.width(), warped.height(), 1, out);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
