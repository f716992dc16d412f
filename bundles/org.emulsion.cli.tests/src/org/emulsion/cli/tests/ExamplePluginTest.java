package org.emulsion.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.emulsion.cli.internal.CliApplication;
import org.emulsion.core.extensions.ContributionProblem;
import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin-developer guide's LaserDisc example ({@code examples/com.example.laserdisc}), built by
 * the reactor, registers as the guide says: its source and its workflow, listed by {@code plugins}.
 */
class ExamplePluginTest {
    private static final String BUNDLE = "com.example.laserdisc";

    @TempDir
    Path dir;

    @Test
    void theGuidesWorkflowAndSourceRegister() {
        WorkflowContribution workflow = WorkflowRegistry.get().get("laserdisc-chroma");
        assertEquals(BUNDLE, workflow.bundle());
        assertEquals("chroma", workflow.target());
        assertEquals("com.example.laserdisc.capture", workflow.references().get(0).sourceId());
        assertEquals(BUNDLE, ReferenceSourceRegistry.get().get("com.example.laserdisc.capture").bundle());
        // what the sources declare of their colour: analogue transfers drift, a disc's digital master does not
        assertTrue(ReferenceSourceRegistry.get().colourDrifts("com.example.laserdisc.capture"));
        assertTrue(ReferenceSourceRegistry.get().colourDrifts("org.emulsion.media.telecine"));
        assertFalse(ReferenceSourceRegistry.get().colourDrifts("org.emulsion.media.dvd"));
        assertFalse(ReferenceSourceRegistry.get().colourDrifts("no.such.source"));
        for (ContributionProblem p : WorkflowRegistry.get().problems()) {
            assertFalse(p.bundle().startsWith(BUNDLE), p.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, CliApplication.run(List.of("plugins"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        String listing = out.toString(StandardCharsets.UTF_8);
        assertTrue(listing.contains("laserdisc-chroma") && listing.contains("[" + BUNDLE + "]"), listing);
    }

    @Test
    void theSourceAcceptsACaptureFolderAndNamesWhatIsMissing() throws IOException {
        ReferenceSource source = ReferenceSourceRegistry.get().get("com.example.laserdisc.capture").instance();
        assertFalse(source.canOpen(dir), "a folder without .tbc.json");
        Files.writeString(dir.resolve("film.tbc.json"), "{}");
        assertTrue(source.canOpen(dir));
        IOException e = assertThrows(IOException.class, () -> source.open(dir));
        assertTrue(e.getMessage().contains(dir.resolve("film.mkv").toString()), e.getMessage());
    }
}
