package org.emulsion.workflow.demo.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.URIUtil;
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

    Sample generate(Path dir, IProgressMonitor monitor) throws IOException {
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
