package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.RestoreCase;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.pipeline.PreparedRun;
import org.emulsion.pipeline.WorkflowLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The staged restore the wizard drives: {@code --prepare-only} aligns and curates the pairs and
 * stops; the restorer's choice, written through {@link PreparedRun}, is what the run then trains
 * on, without matching or aligning again, with training settings chosen after the preparation.
 */
class StagedRestoreTest {
    @TempDir
    Path dir;

    @Test
    void prepareLeavesTheReviewFilesWithoutTrainingAndTheRunTrainsOnTheEditedChoiceWithoutAligningAgain()
            throws IOException, EmulsionException {
        assertTrue(WorkflowLauncher.canPrepare(WorkflowRegistry.get().get("dvd-chroma")));
        assertTrue(WorkflowLauncher.canPrepare(WorkflowRegistry.get().get("telecine-chroma")));

        RestoreCase material = Cli.simulate(CaseSpec.ReferenceKind.DVD, 73, dir.resolve("case"));
        Path out = dir.resolve("out");
        // prepared with the default training settings; the run below chooses others
        Cli.Run prepare = Cli.run("restore", "--workflow", "dvd-chroma", "--scan", material.scan().toString(), "--reference",
                material.reference().toString(), "--out", out.toString(), "--prepare-only");
        assertEquals(0, prepare.exit(), prepare.err());
        assertTrue(prepare.out().startsWith("Prepared dvd-chroma"), prepare.out());
        for (String review : List.of("alignment/alignment.json", "pairs.json", "resume/registration.json", "resume/temporal-match.json")) {
            assertTrue(Files.isRegularFile(out.resolve(review)), review);
        }
        for (String result : List.of("frames", "baseline", "training", "model", "report.json", "provenance.json")) {
            assertFalse(Files.exists(out.resolve(result)), result + " written by the preparation");
        }

        String dropped;
        try (PreparedRun prepared = PreparedRun.open(out)) {
            assertEquals(Cli.FRAMES, prepared.frames().size());
            assertTrue(prepared.frames().stream().anyMatch(f -> f.verdict().startsWith("training pair")), prepared.frames().toString());
            PreparedRun.Pair pair = prepared.pairs().stream().filter(PreparedRun.Pair::chosen).findFirst().orElseThrow();
            assertTrue(prepared.hasAlignedReference(pair.scanIndex()));
            assertEquals(prepared.scanFrame(pair.scanIndex()).width(), prepared.alignedReference(pair.scanIndex()).width());
            dropped = pair.scanName();
            prepared.choose(Map.of(pair.scanIndex(), false));
        }
        Map<String, FileTime> aligned = Map.of("registration.json", modified(out, "resume/registration.json"),
                "temporal-match.json", modified(out, "resume/temporal-match.json"));

        Cli.Run run = Cli.restore("dvd-chroma", material.scan(), material.reference(), out);
        assertEquals(0, run.exit(), run.err());
        aligned.forEach((file, time) -> assertEquals(time, modified(out, "resume/" + file), file + " was computed again"));
        JsonObject report = json(out.resolve("report.json"));
        assertEquals(60, report.getAsJsonObject("training").get("steps").getAsInt(), "the run's own training settings");
        JsonObject pairs = report.getAsJsonObject("pairs");
        assertEquals(1, pairs.get("overriddenByRestorer").getAsInt());
        JsonObject provenance = json(out.resolve("provenance.json"));
        for (JsonElement model : provenance.getAsJsonArray("models")) {
            for (JsonElement p : model.getAsJsonObject().getAsJsonArray("pairs")) {
                assertFalse(dropped.equals(p.getAsJsonObject().get("scanFrame").getAsString()), dropped + " trained: " + model);
            }
        }
        assertNotNull(json(out.resolve("pairs.json")));
        assertTrue(Files.isDirectory(out.resolve("frames")) && Files.isDirectory(out.resolve("baseline")));
    }

    private static FileTime modified(Path out, String file) {
        try {
            return Files.getLastModifiedTime(out.resolve(file));
        } catch (IOException e) {
            throw new AssertionError(file, e);
        }
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }
}
