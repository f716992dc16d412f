package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.Granularity;
import org.emulsion.pipeline.LumaMode;
import org.emulsion.pipeline.internal.RestorationPipeline;
import org.emulsion.quality.GrainKept;
import org.emulsion.quality.Planes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code --luma tone}: a faded print's lifted blacks and lost contrast brought back to the
 * reference's tone per shot, its grain kept, and the report and provenance saying the luma
 * is not the scan's.
 */
class LumaToneTest {
    private static final int FRAMES = 12;

    @TempDir
    Path dir;

    @Test
    void liftedBlacksComeBackToTheReferencesToneWithTheGrainKept() throws IOException, EmulsionException {
        // each shot faded its own way: blacks lifted, contrast lost
        Film film = Film.make(dir, FRAMES, 2, 31, (f, image) -> lifted(image, f < FRAMES / 2 ? 0.22 : 0.12, f < FRAMES / 2 ? 0.6 : 0.75),
                Film.NONE);
        Path out = dir.resolve("out");
        try (FrameSource scan = Film.open(film.scan); FrameSource reference = Film.open(film.reference)) {
            RestorationPipeline.run(Film.job(scan, film.scan, reference, film.reference, out, Film.aligner(), Film.training(6),
                    Granularity.SEQUENCE, LumaMode.TONE), new NullProgressMonitor());
        }
        String curves = Files.readString(out.resolve("resume").resolve("luma-tone.json"));
        double[] scanStats = new double[2];
        double[] resultStats = new double[2];
        double[] referenceStats = new double[2];
        int n = 0;
        double leastGrain = 1;
        for (int f = 0; f < FRAMES; f++) {
            Image scan = ImageFiles.read(film.scan.resolve(String.format("scan_%04d.tif", f))).image();
            Image result = ImageFiles.read(out.resolve("frames").resolve(String.format("scan_%04d.tif", f))).image();
            Image reference = ImageFiles.read(film.reference.resolve(String.format("ref_%04d.tif", f))).image();
            n += add(scanStats, Planes.luma(scan).data());
            add(resultStats, Planes.luma(result).data());
            add(referenceStats, Planes.luma(reference).data());
            double grain = GrainKept.of(result, scan, null);
            leastGrain = Math.min(leastGrain, grain);
            assertTrue(grain >= 0.98, "frame " + f + ": grain kept " + grain + "; " + curves);
        }
        double[] scanMoments = moments(scanStats, n);
        double[] resultMoments = moments(resultStats, n);
        double[] referenceMoments = moments(referenceStats, n);
        String moments = "luma mean and deviation: scan " + Arrays.toString(scanMoments) + ", result " + Arrays.toString(resultMoments)
                + ", reference " + Arrays.toString(referenceMoments);
        System.out.println("--luma tone, " + moments + "; grain kept at least " + leastGrain);
        String figures = moments + "; " + curves;
        assertTrue(scanMoments[1] < 0.7 * referenceMoments[1], "the scan has not lost contrast as intended: " + figures);
        assertEquals(referenceMoments[0], resultMoments[0], 0.02, figures);
        assertEquals(1, resultMoments[1] / referenceMoments[1], 0.1, figures);

        JsonObject report = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        JsonObject luma = report.getAsJsonObject("luma");
        assertEquals("tone", luma.get("mode").getAsString());
        assertEquals(report.getAsJsonArray("shots").size(), luma.getAsJsonArray("shots").size());
        luma.getAsJsonArray("shots").forEach(s -> assertTrue(s.getAsJsonObject().get("fittedOn").getAsString().contains("of the shot"), s
                .toString()));
        String note = JsonParser.parseString(Files.readString(out.resolve("provenance.json"))).getAsJsonObject().get("note").getAsString();
        assertTrue(note.contains("--luma tone") && note.contains("NOT the scan's"), note);
        assertTrue(Files.readString(out.resolve("report.html")).contains("tone:"), "the report page says the luma was tone-mapped");
    }

    /** A print's fade of the luma: {@code black + contrast × v} in every channel. */
    private static Image lifted(Image image, double black, double contrast) {
        float[] d = image.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (black + contrast * d[i]);
        }
        return new Image(image.width(), image.height(), 3, d);
    }

    /** Adds the sum and the sum of squares of {@code values} to {@code sums}; returns how many. */
    private static int add(double[] sums, float[] values) {
        for (float v : values) {
            sums[0] += v;
            sums[1] += (double) v * v;
        }
        return values.length;
    }

    /** Mean and deviation from {@link #add}'s sums. */
    private static double[] moments(double[] sums, int n) {
        double mean = sums[0] / n;
        return new double[] {mean, Math.sqrt(Math.max(0, sums[1] / n - mean * mean))};
    }
}
