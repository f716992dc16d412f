package org.emulsion.workflow.demo.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.URIUtil;
import org.emulsion.core.JsonFiles;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.simulator.PrintParameters;
import org.emulsion.simulator.PrintRenderer;
import org.emulsion.simulator.PrintResult;
import org.emulsion.simulator.ReferenceFraming;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanParameters.Degradation;
import org.emulsion.simulator.ScanSimulator;
import org.emulsion.simulator.Truth;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import com.google.gson.JsonObject;

/**
 * Makes the demo's material with the film simulator: two shots of clean truth — the camera pans
 * and zooms over a real photograph ({@value #PHOTOGRAPH}, public domain, see the NOTICE beside it)
 * —, a faded, grainy, flickering, dusty 16-bit scan of them (no weave: the report compares with
 * the unweaved truth, and restoration keeps the scan's weave by design), and a lower-resolution,
 * reframed print with its own tone curve as the colour reference. Every parameter is seeded and
 * recorded.
 */
final class SampleGenerator {
    /** The demo's scan: a chromogenic fade, but no decay or scratches (those are for the benchmark). */
    private static final ScanParameters.Fade FADE = new ScanParameters.Fade(0.55, 0.95, 0.50, 0.10, 0.0, 0.04, 0.0);
    private static final ScanParameters.Grain GRAIN = new ScanParameters.Grain(0.02, 0.7);
    /**
     * The demo's reference: a video-transfer-like print, 0.75× the scan, framed 10 % tighter and
     * off-centre, soft, 8-bit, with an almost neutral grade (a strongly graded reference would be
     * learned too: matching it is the job; its own grade is the benchmark's concern).
     */
    private static final PrintParameters REFERENCE = new PrintParameters(0.75, new ReferenceFraming(0, 1.1, 0.2, -0.1), 1.5, 0.5,
            0.0, 1.0, 1.0, 0.99, 0.98, 0.006, 0.6, 0.8, 8);

    /** The record of a complete sample, written last: its settings, the reference's folder and the parameters. */
    private static final String RECORD = "sample.json";
    /** Changes whenever the same settings would make other material. */
    private static final int GENERATOR_VERSION = 1;

    /** The photograph filmed, inside this bundle. */
    static final String PHOTOGRAPH = "sample/astronaut.jpg";

    private final int width;
    private final int height;
    private final int frames;
    private final long seed;

    SampleGenerator(int width, int height, int frames, long seed) {
        this.width = width;
        this.height = height;
        this.frames = frames;
        this.seed = seed;
    }

    /** The generated element folders and how they were made. */
    record Sample(Path scan, Path reference, Path truth, JsonObject parameters) {
    }

    /** The photograph, RGB in [0, 1]. */
    private static Image photograph() throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(SampleGenerator.class);
        URL entry = bundle == null ? null : bundle.getEntry(PHOTOGRAPH);
        if (entry == null) {
            throw new IOException(PHOTOGRAPH + " is missing from the demo bundle; reinstall Emulsion");
        }
        try {
            return ImageFiles.read(Path.of(URIUtil.toURI(FileLocator.toFileURL(entry)))).image();
        } catch (URISyntaxException e) {
            throw new IOException(PHOTOGRAPH + " cannot be located in the demo bundle: " + e.getMessage(), e);
        }
    }

    /**
     * The sample in {@code dir}: the one already there when it was made with these settings (a
     * run's every later launch — a staged step, a resumed run, each render unit of a cluster —
     * opens the same material, without simulating it again), else made afresh. It is made in a
     * folder of its own and renamed into place complete, so launches running side by side never
     * read a half-written frame.
     */
    Sample generate(Path dir, IProgressMonitor monitor) throws IOException {
        Sample made = existing(dir);
        if (made != null) {
            return made;
        }
        Path parent = Files.createDirectories(dir.toAbsolutePath().getParent());
        Path partial = Files.createTempDirectory(parent, dir.getFileName() + ".partial-");
        try {
            Sample fresh = make(partial, monitor);
            JsonObject record = new JsonObject();
            record.add("settings", settings());
            record.addProperty("reference", partial.relativize(fresh.reference()).toString());
            record.add("parameters", fresh.parameters());
            JsonFiles.write(partial.resolve(RECORD), record);
            if (Files.exists(dir) && existing(dir) == null) {
                delete(dir); // another version's or an interrupted run's material
            }
            try {
                Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another launch put the same sample in place first
            }
            made = existing(dir);
            if (made == null) {
                throw new IOException(dir + " holds a demo sample that is not this run's; delete it or choose another --out");
            }
            return made;
        } finally {
            if (Files.exists(partial)) {
                delete(partial);
            }
        }
    }

    /** What the sample depends on. */
    private JsonObject settings() {
        JsonObject settings = new JsonObject();
        settings.addProperty("generator", GENERATOR_VERSION);
        settings.addProperty("width", width);
        settings.addProperty("height", height);
        settings.addProperty("frames", frames);
        settings.addProperty("seed", seed);
        return settings;
    }

    /** The complete sample in {@code dir} made with these settings, or null. */
    private Sample existing(Path dir) throws IOException {
        Path file = dir.resolve(RECORD);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonObject record = JsonFiles.read(file);
        if (!settings().equals(record.getAsJsonObject("settings"))) {
            return null;
        }
        return new Sample(dir.resolve("scan"), dir.resolve(record.get("reference").getAsString()), dir.resolve("truth"),
                record.getAsJsonObject("parameters"));
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private Sample make(Path dir, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, "Generating sample", frames + 2);
        Path scanDir = Files.createDirectories(dir.resolve("scan"));
        Path truthDir = Files.createDirectories(dir.resolve("truth"));
        ScanParameters scanParameters = ScanParameters.defaults().withSeed(seed).withFade(FADE).withGrain(GRAIN)
                .withFlicker(new ScanParameters.Flicker(0.015))
                .only(Degradation.FADE, Degradation.GRAIN, Degradation.FLICKER, Degradation.DUST);
        ScanSimulator scanner = new ScanSimulator(scanParameters);
        try (Truth film = Truth.filming(new Truth.Spec(width, height, frames, Math.min(2, frames), seed), photograph())) {
            for (int f = 0; f < frames; f++) {
                String name = String.format(Locale.ROOT, "reel1_%06d.tif", 86400 + f);
                Image truth = film.frame(f);
                ImageFiles.writeTiff16(truthDir.resolve(name), truth);
                ImageFiles.writeTiff16(scanDir.resolve(name), scanner.render(truth, f, 0).scan());
                progress.split(1).done();
            }
            PrintResult print = PrintRenderer.render(film, seed * 1000 + 7, REFERENCE, dir.resolve("reference"));
            progress.split(2).done();
            JsonObject parameters = new JsonObject();
            JsonObject truth = film.parameters();
            truth.addProperty("photograph", PHOTOGRAPH + " (NASA, public domain; see sample/NOTICE.md in "
                    + FrameworkUtil.getBundle(SampleGenerator.class).getSymbolicName() + ")");
            parameters.add("truth", truth);
            parameters.add("scan", scanParameters.toJson());
            parameters.add("reference", print.toJson());
            return new Sample(scanDir, print.location(), truthDir, parameters);
        }
    }
}
