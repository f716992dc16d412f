package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.FrameSource;
import org.emulsion.pipeline.internal.RestorationPipeline;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.internal.Registration;
import org.emulsion.pipeline.Granularity;
import org.emulsion.pipeline.internal.ModelPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The automatic granularity on films whose shots map colour alike or differently, overrides and fallbacks. */
class GranularityTest {
    private static final double[][] CASTS = {{1, 1, 1}, {0.55, 0.95, 1.3}, {1.3, 0.6, 0.75}};

    @TempDir
    Path dir;

    @Test
    void shotsFadedAlikeGetOneModel() throws IOException, EmulsionException {
        Film film = Film.make(dir, 24, 3, 21, Film.NONE, Film.NONE);
        Registration registration = registration(film);
        ModelPlan plan = ModelPlan.decide(Granularity.AUTO, registration.shots(), 24, pairs(registration));
        assertEquals(Granularity.SEQUENCE, plan.granularity(), plan.reason());
        assertEquals(1, plan.models().size());
    }

    @Test
    void shotsFadedDifferentlyGetAModelEachRestoringItsOwnFrames() throws IOException, EmulsionException {
        Film film = Film.make(dir, 18, 3, 22, (f, image) -> {
            double[] c = CASTS[f / 6];
            return Film.cast(image, c[0], c[1], c[2]);
        }, Film.NONE);
        Path out = dir.resolve("out");
        try (FrameSource scan = Film.open(film.scan); FrameSource reference = Film.open(film.reference)) {
            RestorationPipeline.run(Film.job(scan, film.scan, reference, film.reference, out, Film.aligner(), Film.training(9),
                    Granularity.AUTO), new NullProgressMonitor());
        }
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        JsonObject granularity = report.getAsJsonObject("granularity");
        assertEquals("auto", granularity.get("requested").getAsString());
        assertNotEquals("sequence", granularity.get("chosen").getAsString(), granularity.toString());
        assertTrue(granularity.get("reason").getAsString().contains("differently"), granularity.toString());
        assertEquals(3, granularity.getAsJsonArray("models").size());
        assertEquals(3, report.getAsJsonArray("shots").size());
        JsonObject training = report.getAsJsonObject("training");
        assertEquals(3, training.getAsJsonArray("perModel").size());
        assertEquals(9, training.get("steps").getAsInt(), "the budget is split over the models");
        training.getAsJsonArray("perModel").forEach(m -> assertTrue(m.getAsJsonObject().getAsJsonArray("lossCurve").size() > 0));
        try (var frames = Files.list(out.resolve("frames"))) {
            assertEquals(18, frames.count());
        }

        // overrides win; a shot without pairs is restored by its scene's or the sequence's model, reported
        Registration registration;
        try (FrameSource scan = Film.open(film.scan); FrameSource reference = Film.open(film.reference)) {
            registration = RestorationPipeline.prepare(Film.job(scan, film.scan, reference, film.reference, out, Film.aligner(),
                    Film.training(9), Granularity.AUTO), new NullProgressMonitor());
        }
        Map<Integer, Evidence> pairs = pairs(registration);
        assertEquals(1, ModelPlan.decide(Granularity.SEQUENCE, registration.shots(), 18, pairs).models().size());
        pairs.keySet().removeIf(f -> f >= 6 && f < 12);
        ModelPlan shots = ModelPlan.decide(Granularity.SHOT, registration.shots(), 18, pairs);
        assertEquals(1, shots.fallbacks().size(), shots.fallbacks().toString());
        assertTrue(shots.fallbacks().get(0).startsWith("shot 1"), shots.fallbacks().toString());
        Set<Integer> models = new HashSet<>();
        for (int f = 0; f < 18; f++) {
            models.add(shots.modelOfFrame()[f]);
        }
        assertEquals(shots.models().size(), models.size(), "every model restores frames");
        assertTrue(shots.models().get(shots.modelOfFrame()[8]).pairFrames().stream().noneMatch(f -> f >= 6 && f < 12));
    }

    private Registration registration(Film film) throws IOException, EmulsionException {
        Path out = dir.resolve("registration");
        try (FrameSource scan = Film.open(film.scan); FrameSource reference = Film.open(film.reference)) {
            return RestorationPipeline.prepare(Film.job(scan, film.scan, reference, film.reference, out, Film.aligner(),
                    Film.training(9), Granularity.AUTO), new NullProgressMonitor());
        }
    }

    private static Map<Integer, Evidence> pairs(Registration registration) {
        Map<Integer, Evidence> pairs = new TreeMap<>();
        for (Evidence p : registration.pairs()) {
            pairs.put(p.frame(), p);
        }
        return pairs;
    }
}
