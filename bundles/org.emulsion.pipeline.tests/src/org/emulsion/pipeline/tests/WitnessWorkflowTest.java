package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.JsonFiles;
import org.emulsion.core.extensions.ContributionProblem;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.Provenance;
import org.emulsion.pipeline.WorkflowLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

/**
 * A kind of restore the pipeline does not know, contributed by this bundle's plugin.xml (its own
 * target, architecture and compositor, a workflow with two references), runs end to end through
 * the launcher the command line and the wizards use, without any change to the pipeline.
 */
class WitnessWorkflowTest {
    private static final int FRAMES = 8;
    private static final int SQUARE = 24;

    @TempDir
    Path dir;

    /** The scan frames as they were before the burn, to measure the repair against. */
    private final Map<Integer, Image> intact = new java.util.HashMap<>();

    /** A dark square burnt into every other scan frame, somewhere else each time: damage both witnesses lack. */
    private Image burn(int frame, Image scan) {
        intact.put(frame, scan);
        if (frame % 2 == 0) {
            return scan;
        }
        Image damaged = scan.copy();
        int x0 = square(frame)[0];
        int y0 = square(frame)[1];
        for (int y = y0; y < y0 + SQUARE; y++) {
            for (int x = x0; x < x0 + SQUARE; x++) {
                for (int c = 0; c < 3; c++) {
                    damaged.set(x, y, c, 0.02f);
                }
            }
        }
        return damaged;
    }

    private static int[] square(int frame) {
        return new int[] {40 + 20 * frame, 30 + 10 * (frame % 3)};
    }

    @Test
    void aContributedTargetWithTwoReferencesAndItsOwnCompositorRunsEndToEnd() throws IOException, EmulsionException {
        Film film = Film.make(dir.resolve("film"), FRAMES, 1, 17, this::burn, Film.NONE);
        Path second = Files.createDirectories(dir.resolve("second-witness"));
        try (Stream<Path> files = Files.list(film.reference)) {
            for (Path f : files.toList()) {
                Files.copy(f, second.resolve(f.getFileName()));
            }
        }
        String scanSum = Provenance.sha256(film.scan.resolve("scan_0001.tif"));

        WorkflowContribution workflow = WorkflowRegistry.get().get("test.witness");
        assertNotNull(workflow, "the toy workflow registers; problems: " + WorkflowRegistry.get().problems());
        Map<String, String> options = new LinkedHashMap<>();
        options.put("scan", film.scan.toString());
        options.put("witness-a", film.reference.toString());
        options.put("witness-b", second.toString());
        options.put("steps", "300");
        Path out = dir.resolve("out");
        WorkflowLauncher.launch(workflow, options, out, new NullProgressMonitor());

        List<Path> frames = tifs(out.resolve("frames"));
        assertEquals(FRAMES, frames.size());
        assertEquals(FRAMES, tifs(out.resolve("baseline")).size());
        double changedElsewhere = 0;
        for (int f = 0; f < FRAMES; f++) {
            Image result = ImageFiles.read(frames.get(f)).image();
            Image scan = ImageFiles.read(film.scan.resolve(String.format("scan_%04d.tif", f))).image();
            Image truthY = Colour.channels(Colour.ycbcr(intact.get(f)), 0, 1);
            Image resultY = Colour.channels(Colour.ycbcr(result), 0, 1);
            Image scanY = Colour.channels(Colour.ycbcr(scan), 0, 1);
            int changed = 0;
            int inSquare = 0;
            int squareChanged = 0;
            double scanError = 0;
            double resultError = 0;
            int[] sq = square(f);
            for (int y = 0; y < Film.HEIGHT; y++) {
                for (int x = 0; x < Film.WIDTH; x++) {
                    boolean differs = false;
                    for (int c = 0; c < 3; c++) {
                        differs |= result.get(x, y, c) != scan.get(x, y, c);
                    }
                    boolean burnt = f % 2 == 1 && x >= sq[0] && x < sq[0] + SQUARE && y >= sq[1] && y < sq[1] + SQUARE;
                    boolean near = f % 2 == 1 && x >= sq[0] - 3 && x < sq[0] + SQUARE + 3 && y >= sq[1] - 3 && y < sq[1] + SQUARE + 3;
                    if (burnt) {
                        inSquare++;
                        squareChanged += differs ? 1 : 0;
                        scanError += Math.abs(scanY.get(x, y, 0) - truthY.get(x, y, 0));
                        resultError += Math.abs(resultY.get(x, y, 0) - truthY.get(x, y, 0));
                    } else if (!near && differs) {
                        changed++;
                    }
                }
            }
            changedElsewhere = Math.max(changedElsewhere, changed / (double) (Film.WIDTH * Film.HEIGHT));
            if (f % 2 == 1) {
                assertTrue(squareChanged >= 0.8 * inSquare, "frame " + f + ": " + squareChanged + " of " + inSquare
                        + " burnt pixels replaced");
                assertTrue(resultError < 0.5 * scanError, "frame " + f + ": the burn comes back towards the unburnt scan (mean |ΔY| "
                        + resultError / inSquare + " against the scan's " + scanError / inSquare + ")");
            }
        }
        // the compositor uses the prediction only inside the mask: the rest of the scan is its own, bit for bit
        assertTrue(changedElsewhere < 0.02, "at most the scan's dust changed outside the burns: " + changedElsewhere);
        assertEquals(scanSum, Provenance.sha256(film.scan.resolve("scan_0001.tif")), "the scan is never modified");

        JsonObject report = JsonFiles.read(out.resolve("report.json"));
        assertEquals("test.witness", report.get("target").getAsString());
        String inputs = report.toString();
        assertTrue(inputs.contains(film.reference.toString()) && inputs.contains(second.toString()), "both witnesses are on record");
        assertTrue(report.getAsJsonObject("provenance").toString().contains("compositeWithTrainedAlgorithmicMedia"));
    }

    @Test
    void aWorkflowWhoseArchitectureServesAnotherTargetIsRejectedNamingBoth() {
        ContributionProblem problem = WorkflowRegistry.get().problems().stream()
                .filter(p -> "test.witnessMismatch".equals(p.contributionId())).findFirst()
                .orElseThrow(() -> new AssertionError("not rejected: " + WorkflowRegistry.get().problems()));
        assertTrue(problem.message().contains("org.emulsion.models.lumaNet") && problem.message().contains("restores luma"),
                problem.message());
        assertTrue(WorkflowRegistry.get().all().stream().noneMatch(w -> w.id().equals("test.witnessMismatch")),
                "a rejected workflow is not offered");
    }

    private static List<Path> tifs(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tif")).sorted().toList();
        }
    }
}
