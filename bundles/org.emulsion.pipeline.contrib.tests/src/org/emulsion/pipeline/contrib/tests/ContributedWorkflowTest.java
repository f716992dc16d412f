package org.emulsion.pipeline.contrib.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.emulsion.core.extensions.ContributionProblem;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.pipeline.WorkflowLauncher;
import org.emulsion.simulator.PrintLumaCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A kind of restore contributed from outside the pipeline (this bundle's plugin.xml: its own
 * target, architecture and compositor, and a declarative workflow with two references) runs end to
 * end through {@link WorkflowLauncher}, as the command line runs it, on the real engine: the
 * pipeline needs no code of its own for it. The material is a small simulated internegative with
 * vinegar syndrome, a 16 mm print of it, and the element's intact frames as the second witness.
 */
class ContributedWorkflowTest {
    private static final String WORKFLOW = "test-two-witnesses";
    private static final String TARGET = "org.emulsion.pipeline.contrib.tests.witnessLuma";

    @TempDir
    static Path shared;
    private static PrintLumaCase.Written material;
    private static Path out;
    private static WorkflowResult result;

    @BeforeAll
    static void restore() throws IOException, EmulsionException {
        material = new PrintLumaCase(PrintLumaCase.Spec.small(PrintLumaCase.Decay.VINEGAR)).write(shared.resolve("case"));
        WorkflowContribution workflow = WorkflowRegistry.get().get(WORKFLOW);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("scan", material.scan().toString());
        options.put("reference", material.reference().location().toString());
        options.put("witness", material.intact().toString());
        options.put("masks", material.scanMasks().toString());
        options.put("steps", "30");
        out = shared.resolve("out");
        result = WorkflowLauncher.launch(workflow, options, out, new NullProgressMonitor());
    }

    @Test
    void theContributionsAreAccepted() {
        for (ContributionProblem p : WorkflowRegistry.get().problems()) {
            assertTrue(!p.bundle().equals("org.emulsion.pipeline.contrib.tests"), p.toString());
        }
        assertEquals(TARGET, WorkflowRegistry.get().get(WORKFLOW).target());
        assertEquals(2, WorkflowRegistry.get().get(WORKFLOW).references().size());
    }

    @Test
    void theCompositorChangesOnlyWhatTheMaskAllows() throws IOException {
        List<Path> scans = frames(material.scan());
        assertEquals(scans.size(), frames(out.resolve(RunLayout.FRAMES)).size(), "one restored frame per scan frame");
        assertEquals(scans.size(), frames(out.resolve(RunLayout.BASELINE)).size(), "one baseline frame per scan frame");
        long changed = 0;
        for (Path scanFile : scans) {
            String name = scanFile.getFileName().toString();
            Image scan = ImageFiles.read(scanFile).image();
            Image restored = ImageFiles.read(out.resolve(RunLayout.FRAMES).resolve(name)).image();
            Image mask = MaskFiles.read(out.resolve(RunLayout.MASKS).resolve(MaskFiles.fileName(name)), scan.width(), scan.height());
            for (int p = 0; p < mask.data().length; p++) {
                for (int k = 3 * p; k < 3 * p + 3; k++) {
                    if (mask.data()[p] == 0) {
                        assertEquals(scan.data()[k], restored.data()[k], name + ": pixel " + p + " outside the mask changed");
                    } else if (scan.data()[k] != restored.data()[k]) {
                        changed++;
                    }
                }
            }
        }
        assertTrue(changed > 0, "the repair changed nothing inside the masks");
    }

    @Test
    void theReportAndProvenanceNameTheTargetAndBothReferences() throws IOException {
        assertEquals(out, result.outputDirectory());
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve(RunLayout.REPORT_JSON))).getAsJsonObject();
        assertEquals(TARGET, report.get("target").getAsString());
        JsonArray references = report.getAsJsonObject("inputs").getAsJsonArray("references");
        assertEquals(2, references.size(), references.toString());
        String provenance = Files.readString(out.resolve(RunLayout.PROVENANCE));
        for (Path location : List.of(material.reference().location(), material.intact())) {
            assertTrue(references.toString().contains(location.getFileName().toString()), references.toString());
            assertTrue(provenance.contains(location.toAbsolutePath().toString()), provenance);
        }
        assertTrue(provenance.contains("compositeWithTrainedAlgorithmicMedia"), provenance);
        assertTrue(report.getAsJsonObject("heldOut").has("psnrResult"), report.getAsJsonObject("heldOut").toString());
    }

    private static List<Path> frames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tif")).sorted().toList();
        }
    }
}
