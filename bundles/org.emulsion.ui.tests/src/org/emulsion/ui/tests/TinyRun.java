package org.emulsion.ui.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.WorkflowLauncher;
import org.emulsion.simulator.DvdParameters;
import org.emulsion.simulator.DvdRenderer;
import org.emulsion.simulator.ScanFrame;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanSimulator;
import org.emulsion.simulator.Truth;

/**
 * A real, finished restore for the viewer and monitor tests, made once per test run: the
 * {@code dvd-chroma} workflow, launched as the command line and the wizard launch it, on a tiny
 * simulated film (24 faded frames of 384×216 and a PAL DVD of them), one model trained for 100
 * steps (one contact sheet).
 */
final class TinyRun {
    static final int FRAMES = 24;
    static final int STEPS = 100;
    private static Path finished;

    private TinyRun() {
    }

    /** The output folder of the finished run (made on first call). */
    static synchronized Path finished() {
        if (finished == null) {
            try {
                finished = make(Files.createDirectories(Screenshots.folder().resolveSibling("ui-runs")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (EmulsionException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        }
        return finished;
    }

    private static Path make(Path parent) throws IOException, EmulsionException {
        Path dir = Files.createTempDirectory(parent, "dvd-chroma");
        Path scan = Files.createDirectories(dir.resolve("scan"));
        Path reference;
        try (Truth truth = Truth.create(new Truth.Spec(384, 216, FRAMES, 2, 41))) {
            ScanSimulator simulator = new ScanSimulator(ScanParameters.defaults().withSeed(41));
            for (int f = 0; f < FRAMES; f++) {
                ScanFrame frame = simulator.render(truth.frame(f), f, 0);
                if (!frame.missing()) {
                    ImageFiles.writeTiff16(scan.resolve(String.format(Locale.ROOT, "scan_%06d.tif", f)), frame.scan());
                }
            }
            reference = DvdRenderer.render(truth, 41_007, DvdParameters.defaults(), Files.createDirectories(dir.resolve("dvd")))
                    .location();
        }
        Path out = dir.resolve("out");
        WorkflowLauncher.launch(WorkflowRegistry.get().get("dvd-chroma"), Map.of("scan", scan.toString(), "reference",
                reference.toString(), "steps", Integer.toString(STEPS), "train-minutes", "5", "granularity", "sequence"), out,
                new NullProgressMonitor());
        return out;
    }
}
