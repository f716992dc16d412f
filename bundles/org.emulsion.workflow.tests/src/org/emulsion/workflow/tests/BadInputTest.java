package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.RestoreCase;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.DiskSpace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gives one clear line naming the file and what to do, before any long work where it
 * can be seen up front, and never modifies a source.
 */
class BadInputTest {
    @TempDir
    static Path shared;
    private static RestoreCase material;
    private static Map<Path, String> sourceSums;

    @TempDir
    Path dir;

    @BeforeAll
    static void simulate() throws IOException {
        material = Cli.simulate(CaseSpec.ReferenceKind.DVD, 81, shared.resolve("case"));
        sourceSums = Cli.checksums(material.scan());
        sourceSums.putAll(Cli.checksums(material.reference()));
    }

    @AfterAll
    static void sourcesAreUnchanged() throws IOException {
        Map<Path, String> after = Cli.checksums(material.scan());
        after.putAll(Cli.checksums(material.reference()));
        assertEquals(sourceSums, after, "failed runs must not modify the sources");
    }

    @Test
    void aReferenceOfAnotherFilmIsRefused() throws IOException {
        RestoreCase other = Cli.simulate(CaseSpec.ReferenceKind.DVD, 82, dir.resolve("other"));
        Cli.Run run = Cli.restore("dvd-chroma", material.scan(), other.reference(), dir.resolve("out"));
        Cli.assertOneLineError(run, other.reference().toString(), "shows none of the", "same film");
    }

    @Test
    void aVobOfGarbageIsRefusedByName() throws IOException {
        Path videoTs = Files.createDirectories(dir.resolve("DISC/VIDEO_TS"));
        byte[] garbage = new byte[256 * 1024];
        new Random(3).nextBytes(garbage);
        Path vob = Files.write(videoTs.resolve("VTS_01_1.VOB"), garbage);
        Cli.Run run = Cli.restore("dvd-chroma", material.scan(), videoTs, dir.resolve("out"));
        Cli.assertOneLineError(run, vob.getFileName().toString());
    }

    @Test
    void aTruncatedVobIsRefusedByName() throws IOException {
        byte[] whole = Files.readAllBytes(material.reference());
        Path vob = Files.write(dir.resolve("truncated.vob"), Arrays.copyOf(whole, 4096));
        Cli.Run run = Cli.restore("dvd-chroma", material.scan(), vob, dir.resolve("out"));
        Cli.assertOneLineError(run, vob.toString());
    }

    @Test
    void aScanFrameOfAnotherSizeIsNamed() throws IOException {
        Path scan = copyOfScan();
        Path odd = frame(scan, 5);
        ImageFiles.writeTiff16(odd, Image.blank(160, 120, 3));
        Cli.Run run = Cli.restore("dvd-chroma", scan, material.reference(), dir.resolve("out"));
        Cli.assertOneLineError(run, odd.getFileName().toString());
    }

    @Test
    void aCorruptScanFrameIsNamed() throws IOException {
        Path scan = copyOfScan();
        Path corrupt = frame(scan, 7);
        byte[] bytes = Files.readAllBytes(corrupt);
        Files.write(corrupt, Arrays.copyOf(bytes, bytes.length / 3)); // a frame cut short, as by a failed copy
        Cli.Run run = Cli.restore("dvd-chroma", scan, material.reference(), dir.resolve("out"));
        Cli.assertOneLineError(run, corrupt.getFileName().toString());
    }

    /** A real small file system: an 8 MiB tmpfs (needs root, as in the build container), else the test is skipped. */
    @Test
    void anOutputDiskTooSmallIsRefusedBeforeAnyWork() throws IOException, InterruptedException {
        Path disk = mountTmpfs("8m");
        try {
            Path out = disk.resolve("out");
            Cli.Run run = Cli.restore("dvd-chroma", material.scan(), material.reference(), out);
            Cli.assertOneLineError(run, disk.toString(), "free but this run writes about", "larger disk");
            try (Stream<Path> left = Files.walk(out)) {
                // only the record of the launch, which lets the same command resume once there is room
                assertEquals(List.of(out.resolve("resume/launch.json")), left.filter(Files::isRegularFile).toList(), "nothing written");
            }
        } finally {
            unmount(disk);
        }
    }

    /** A write that finds the disk full (ENOSPC from the kernel) is recognised and reported as such. */
    @Test
    void aDiskThatFillsUpIsReportedAsFull() throws IOException, InterruptedException {
        Path disk = mountTmpfs("1m");
        try {
            Image noise = Image.blank(1024, 1024, 3); // incompressible: 6 MiB as a 16-bit TIFF
            Random random = new Random(5);
            for (int i = 0; i < noise.data().length; i++) {
                noise.data()[i] = random.nextFloat();
            }
            IOException e = assertThrows(IOException.class, () -> ImageFiles.writeTiff16(disk.resolve("big.tif"), noise));
            assertTrue(DiskSpace.isFull(e), e.toString());
            String message = DiskSpace.full(disk, e).getMessage();
            assertTrue(message.startsWith(disk + ": the disk is full") && message.contains("larger disk"), message);
            try (Stream<Path> left = Files.list(disk)) {
                assertEquals(List.of(), left.toList(), "no half-written frame is left");
            }
        } finally {
            unmount(disk);
        }
    }

    private Path copyOfScan() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("scan"));
        try (Stream<Path> frames = Files.list(material.scan())) {
            for (Path f : frames.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static Path frame(Path scan, int index) throws IOException {
        try (Stream<Path> frames = Files.list(scan)) {
            return frames.sorted().toList().get(index);
        }
    }

    private Path mountTmpfs(String size) throws IOException, InterruptedException {
        Path mount = Files.createDirectories(dir.resolve("disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor() == 0, "cannot mount a small tmpfs here (needs root): " + output);
        return mount;
    }

    private static void unmount(Path mount) throws IOException, InterruptedException {
        new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
    }
}
