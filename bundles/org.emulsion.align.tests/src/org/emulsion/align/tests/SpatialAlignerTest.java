package org.emulsion.align.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.pipeline.AlignmentReport;
import org.emulsion.pipeline.SequenceAligner;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.AlignerRegistry;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Per-shot + per-frame global alignment, the DIS residual, rejection, and the alignment report. */
class SpatialAlignerTest {
    private static List<Scene> shot;

    @TempDir
    Path dir;

    @BeforeAll
    static void createShot() {
        // Three frames of one shot: other content, same framing relation (Scene's truth).
        shot = List.of(Scene.create(11), Scene.create(12), Scene.create(13));
    }

    private static Aligner aligner(String id) {
        return AlignerRegistry.get().get(id).instance();
    }

    @Test
    void shotThenPerFrameRefinementIsWithinAQuarterPixel() throws IOException {
        List<SequenceAligner.Frame> frames = alignShot(aligner("org.emulsion.align.featureEcc"));
        for (SequenceAligner.Frame f : frames) {
            double[] error = shot.get(f.scanFrame()).gridError(f.alignment().homography());
            System.out.printf("frame %d: %s, %.0f ms, RMS %.4f px, max %.4f px%n", f.scanFrame(), f.alignment().method(), f.millis(),
                    error[0], error[1]);
            assertTrue(f.usable(), f.alignment().rejection());
            assertTrue(error[0] < 0.25 && error[1] < 0.5, "frame " + f.scanFrame() + " RMS " + error[0] + " max " + error[1]);
        }
        assertTrue(frames.get(0).alignment().method().startsWith("AKAZE"), "a shot starts from features");
        assertTrue(frames.get(2).alignment().method().startsWith("shot transform"), "later frames refine the shot's transform");
    }

    @Test
    void disFlowRecoversASmoothLocalWarp() {
        Scene scene = shot.get(0);
        // The scan seen through another lens: scan pixel p shows what the plain scan shows at p + d(p).
        Image warpedScan = Image.blank(Scene.SCAN_W, Scene.SCAN_H, 3);
        float[] rgb = new float[3];
        Random noise = new Random(5);
        for (int y = 0; y < Scene.SCAN_H; y++) {
            for (int x = 0; x < Scene.SCAN_W; x++) {
                double[] d = lens(x, y);
                scene.texture().rgb(x + d[0], y + d[1], rgb);
                for (int c = 0; c < 3; c++) {
                    warpedScan.set(x, y, c, rgb[c] + (float) (0.004 * noise.nextGaussian()));
                }
            }
        }
        SpatialAlignment global = aligner("org.emulsion.align.featureEcc").align(scene.reference(), warpedScan);
        SpatialAlignment local = aligner("org.emulsion.align.disFlow").align(scene.reference(), warpedScan);
        assertNotNull(local.flow(), local.method());
        double globalError = lensError(scene, global);
        double localError = lensError(scene, local);
        System.out.printf("smooth warp: global RMS %.3f px, + DIS %.3f px (%s)%n", globalError, localError, local.method());
        assertTrue(globalError > 0.5, "the warp must be beyond an affine fit: " + globalError);
        assertTrue(localError < 0.25, "DIS residual RMS " + localError);
    }

    @Test
    void unrelatedAndHeavilyDamagedFramesAreRejected() {
        Scene scene = shot.get(0);
        Image other = Scene.render(new Texture(99, 640, 360), 640, 360, 0.01, new Random(1));
        Image damaged = scene.scan().copy();
        Random random = new Random(2);
        // Large blotches of decay over most of the frame.
        for (int b = 0; b < 60; b++) {
            int cx = random.nextInt(Scene.SCAN_W);
            int cy = random.nextInt(Scene.SCAN_H);
            int r = 60 + random.nextInt(60);
            float v = random.nextFloat();
            for (int y = Math.max(0, cy - r); y < Math.min(Scene.SCAN_H, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x < Math.min(Scene.SCAN_W, cx + r); x++) {
                    for (int c = 0; c < 3; c++) {
                        damaged.set(x, y, c, v);
                    }
                }
            }
        }
        for (String id : List.of("org.emulsion.align.featureEcc", "org.emulsion.align.disFlow")) {
            SpatialAlignment unrelated = aligner(id).align(other, scene.scan());
            SpatialAlignment broken = aligner(id).align(scene.reference(), damaged);
            System.out.printf("%s: unrelated %.3f (%s), damaged %.3f (%s)%n", id, unrelated.confidence(), unrelated.rejection(),
                    broken.confidence(), broken.rejection());
            assertTrue(unrelated.isRejected(), id + " accepted an unrelated frame: " + unrelated.method());
            assertTrue(broken.isRejected(), id + " accepted a destroyed frame: " + broken.method());
        }
    }

    /** Global alignments are warped straight into the difference image's grid, flowed ones at full size and shrunk. */
    @ParameterizedTest
    @ValueSource(strings = {"org.emulsion.align.featureEcc", "org.emulsion.align.disFlow"})
    void reportListsEveryFrameAndWritesDifferenceImages(String id) throws IOException {
        Aligner aligner = aligner(id);
        List<SequenceAligner.Frame> frames = alignShot(aligner);
        ListSource scan = scans();
        ListSource reference = references();
        TemporalMatch match = new TemporalMatch(new int[] {0, 1, 2, TemporalMatch.NONE}, new double[] {0.9, 0.9, 0.9, 0.8}, "given");
        List<SequenceAligner.Frame> withNone = new ArrayList<>(frames);
        withNone.add(new SequenceAligner.Frame(3, TemporalMatch.NONE, 0.8, null, 0));
        List<Image> fourScans = new ArrayList<>(scan.frames());
        fourScans.add(scan.frames().get(0));
        Path json = AlignmentReport.write(dir.resolve(id), new ListSource(fourScans, 24, 1), reference, match, withNone, aligner, 2);
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(4, root.get("scanFrames").getAsInt());
        assertEquals(3, root.get("aligned").getAsInt());
        var list = root.getAsJsonArray("frames");
        assertTrue(list.get(3).getAsJsonObject().get("referenceFrame").isJsonNull());
        JsonObject first = list.get(0).getAsJsonObject();
        assertEquals(9, first.getAsJsonArray("transform").size());
        assertFalse(first.get("rejected").getAsBoolean());
        assertTrue(first.get("spatialConfidence").getAsDouble() > 0.9);
        long images = 0;
        for (var e : list) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("differenceImage")) {
                images++;
                Image diff = ImageFiles.read(dir.resolve(id).resolve(o.get("differenceImage").getAsString())).image();
                double mean = 0;
                for (float v : diff.data()) {
                    mean += v;
                }
                mean /= diff.data().length;
                System.out.printf("difference image %s: mean %.4f%n", o.get("differenceImage").getAsString(), mean);
                assertTrue(mean < 0.1, "an aligned frame's difference is small: " + mean);
            }
        }
        assertEquals(2, images);
        try (var files = Files.list(dir.resolve(id))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("partial")));
        }
    }

    private static List<SequenceAligner.Frame> alignShot(Aligner aligner) throws IOException {
        return SequenceAligner.align(scans(), references(), new TemporalMatch(new int[] {0, 1, 2}, new double[] {1, 1, 1}, "given"),
                aligner, new NullProgressMonitor());
    }

    private static ListSource scans() {
        return new ListSource(shot.stream().map(Scene::scan).toList(), 24, 1);
    }

    private static ListSource references() {
        return new ListSource(shot.stream().map(Scene::reference).toList(), 24, 1);
    }

    /** A smooth, non-affine displacement of up to 1.5 px, like the distortion of another lens. */
    private static double[] lens(double x, double y) {
        double u = x / Scene.SCAN_W;
        double v = y / Scene.SCAN_H;
        return new double[] {1.5 * Math.sin(Math.PI * u) * Math.sin(Math.PI * v), 1.2 * Math.cos(Math.PI * u) * Math.sin(2 * Math.PI * v)};
    }

    /** RMS in scan pixels between where the alignment and the truth put the reference's content, over the covered interior. */
    private static double lensError(Scene scene, SpatialAlignment alignment) {
        double[] truth = scene.truth();
        double sum = 0;
        int n = 0;
        for (int y = 40; y < Scene.SCAN_H - 40; y += 10) {
            for (int x = 40; x < Scene.SCAN_W - 40; x += 10) {
                double[] d = lens(x, y);
                // Truth: scan pixel shows reference point truth⁻¹(p + d); expressed back in scan pixels with the truth.
                double[] est = alignment.flowed(x, y);
                double[] estRef = Scene.map(SpatialAlignment.invert(alignment.homography()), est[0], est[1]);
                double[] trueRef = Scene.map(SpatialAlignment.invert(truth), x + d[0], y + d[1]);
                if (trueRef[0] < 5 || trueRef[1] < 5 || trueRef[0] > Scene.REF_W - 6 || trueRef[1] > Scene.REF_H - 6) {
                    continue;
                }
                double[] a = Scene.map(truth, estRef[0], estRef[1]);
                double[] b = Scene.map(truth, trueRef[0], trueRef[1]);
                sum += (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]);
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }
}
