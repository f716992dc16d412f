package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore command's contract: what it needs, what it offers, and refusals before any work. */
class RestoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheCommandAndBothWorkflowsWithTheirOptions() {
        Cli.Run run = Cli.run("help");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("restore --workflow dvd-chroma|telecine-chroma|print-luma --scan PATH --reference PATH --out DIR"), run.out());
        for (String text : new String[] {"dvd-chroma - ", "telecine-chroma - ", "--train-minutes", "--granularity", "--format"}) {
            assertTrue(run.out().contains(text), text);
        }
    }

    @Test
    void restoreWithoutAWorkflowIsAUsageErrorNamingTheChoices() {
        Cli.Run run = Cli.run("restore", "--scan", "x", "--reference", "y", "--out", dir.resolve("o").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("dvd-chroma") && run.err().contains("telecine-chroma"), run.err());
    }

    @Test
    void missingPathsAndUnofferedValuesAreOneLineErrors() throws IOException {
        Path scan = Files.createDirectories(dir.resolve("scan"));
        Path reference = Files.createDirectories(dir.resolve("ref"));
        ImageFiles.writeTiff16(scan.resolve("reel1_000001.tif"), Image.blank(64, 48, 3));
        Cli.assertOneLineError(Cli.run("restore", "--workflow", "dvd-chroma", "--reference", reference.toString(), "--out",
                dir.resolve("o1").toString()), "needs --scan");
        Cli.assertOneLineError(Cli.restore("dvd-chroma", dir.resolve("nowhere"), reference, dir.resolve("o2")),
                dir.resolve("nowhere").toString(), "does not exist");
        Cli.Run jpeg = Cli.restore("dvd-chroma", scan, reference, dir.resolve("o3"), "--format", "jpeg");
        Cli.assertOneLineError(jpeg, "--format takes one of tiff, dpx, exr, not 'jpeg'");
        assertEquals(2, jpeg.exit(), "an option value the workflow does not offer is wrong usage");
        Cli.assertOneLineError(Cli.restore("telecine-chroma", scan, reference, dir.resolve("o4"), "--granularity", "reel"),
                "--granularity takes one of auto, sequence, scene, shot, not 'reel'");
        Cli.assertOneLineError(Cli.restore("telecine-chroma", scan, reference, dir.resolve("o5")), "--reference " + reference,
                "a telecine capture (a video file) or a folder of frames");
    }
}
