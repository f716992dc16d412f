package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.RestoreCase;
import org.emulsion.media.ImageFiles;
import org.emulsion.core.JsonFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A prepared run done as a cluster does it: {@code plan}, then each {@code train} unit, then each
 * {@code render} unit (in another order than the frames', one of them twice), then
 * {@code finish}, makes the frames a single-machine restore of the same preparation makes, with
 * the same models; a unit run again changes nothing.
 */
class RunUnitsTest {
    private static final String[] TRAINING = {"--steps", "40", "--train-minutes", "5", "--granularity", "shot"};

    @TempDir
    Path dir;

    @Test
    void planTrainAndRenderUnitsMakeTheFramesOfOneRestoreAndAreIdempotent() throws IOException {
        RestoreCase material = Cli.simulate(CaseSpec.ReferenceKind.DVD, 41, dir.resolve("case"));
        Path single = dir.resolve("single");
        Path units = dir.resolve("units");
        for (Path out : List.of(single, units)) {
            Cli.Run prepare = Cli.run(args("restore", "--workflow", "dvd-chroma", "--scan", material.scan().toString(), "--reference",
                    material.reference().toString(), "--out", out.toString(), "--prepare-only"));
            assertEquals(0, prepare.exit(), prepare.err());
        }
        Cli.Run restore = Cli.run(args("restore", "--workflow", "dvd-chroma", "--scan", material.scan().toString(), "--reference",
                material.reference().toString(), "--out", single.toString()));
        assertEquals(0, restore.exit(), restore.err());

        Cli.Run early = Cli.run("render", "--out", units.toString(), "--frames", "0-3");
        Cli.assertOneLineError(early, "is not trained yet", "./emulsion train");
        assertFalse(Files.exists(units.resolve("frames/" + firstFrame(single))), "a frame rendered without its model");

        Cli.Run plan = Cli.run("plan", "--out", units.toString(), "--unit-frames", "10");
        assertEquals(0, plan.exit(), plan.err());
        JsonObject planJson = JsonFiles.read(units.resolve("plan.json"));
        int frames = Cli.checksums(single.resolve("frames")).size();
        assertEquals(frames, planJson.get("frames").getAsInt());
        List<String> models = new ArrayList<>();
        planJson.getAsJsonArray("train").forEach(m -> models.add(m.getAsJsonObject().get("id").getAsString()));
        List<String> ranges = new ArrayList<>();
        planJson.getAsJsonArray("render").forEach(r -> ranges.add(r.getAsString()));
        assertEquals(List.of("0-9", "10-19", "20-" + (frames - 1)), ranges);
        assertEquals(models, provenanceModels(single), "the plan's models are the restore's");

        for (String model : models) {
            Cli.Run train = Cli.run("train", "--out", units.toString(), "--model", model);
            assertEquals(0, train.exit(), train.err());
        }
        Map<Path, String> trained = Cli.checksums(units.resolve("model"));
        Cli.Run again = Cli.run("train", "--out", units.toString(), "--model", models.get(0));
        assertEquals(0, again.exit(), again.err());
        assertEquals(trained, Cli.checksums(units.resolve("model")), "a training unit run twice");

        List<String> order = new ArrayList<>(ranges);
        Collections.reverse(order);
        for (String range : order) {
            Cli.Run render = Cli.run("render", "--out", units.toString(), "--frames", range);
            assertEquals(0, render.exit(), render.err());
        }
        Map<Path, String> rendered = Cli.checksums(units.resolve("frames"));
        assertEquals(frames, rendered.size(), rendered.keySet().toString());
        Cli.Run twice = Cli.run("render", "--out", units.toString(), "--frames", ranges.get(1));
        assertEquals(0, twice.exit(), twice.err());
        assertEquals(rendered, Cli.checksums(units.resolve("frames")), "a render unit run twice");

        Cli.Run finish = Cli.run("finish", "--out", units.toString());
        assertEquals(0, finish.exit(), finish.err());
        assertEquals(rendered, Cli.checksums(units.resolve("frames")), "finish rendered frames again");
        assertTrue(Files.isRegularFile(units.resolve("report.json")) && Files.isDirectory(units.resolve("baseline")));

        // the same models, bit for bit, and the same pixels in every frame (the file headers carry each frame's date)
        assertEquals(checkpoints(single), checkpoints(units));
        assertEquals(pixels(single.resolve("frames")), pixels(units.resolve("frames")));
    }

    private static String[] args(String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(TRAINING));
        return all.toArray(String[]::new);
    }

    private static String firstFrame(Path run) throws IOException {
        try (Stream<Path> frames = Files.list(run.resolve("frames"))) {
            return frames.map(f -> f.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
    }

    private static List<String> provenanceModels(Path run) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonElement m : JsonFiles.read(run.resolve("provenance.json")).getAsJsonArray("models")) {
            ids.add(m.getAsJsonObject().get("id").getAsString());
        }
        return ids;
    }

    private static Map<String, String> checkpoints(Path run) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        Cli.checksums(run.resolve("model")).forEach((f, sum) -> sums.put(run.relativize(f).toString(), sum));
        return sums;
    }

    /** SHA-256 of each frame's decoded pixels, by file name. */
    private static Map<String, String> pixels(Path frames) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.list(frames)) {
            for (Path f : files.sorted().toList()) {
                float[] data = ImageFiles.read(f).image().data();
                ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES);
                bytes.asFloatBuffer().put(data);
                sums.put(f.getFileName().toString(), sha256(bytes.array()));
            }
        }
        return sums;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
