package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.emulsion.media.ImageFiles;
import org.emulsion.simulator.DvdParameters;
import org.emulsion.simulator.ReferenceResult;
import org.emulsion.simulator.ScanFrame;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanSimulator;
import org.emulsion.simulator.Truth;

/**
 * A simulated restore job on disk, as a restorer would bring it: a folder of faded 16-bit scan
 * frames ({@code scan/}) and a reference element of the same film ({@code reference/}: a PAL DVD's
 * .vob or a telecine capture), for running a reference-guided workflow end to end.
 *
 * @param scan      the scan's frame folder (frames the simulator drops at splices are absent)
 * @param reference the reference element (a video file)
 */
public record RestoreCase(Path scan, Path reference) {

    /**
     * Simulates {@code truth} scanned ({@link ScanParameters#defaults()} with {@code seed}) and
     * released on {@code kind}, into {@code dir}.
     */
    public static RestoreCase simulate(Truth truth, CaseSpec.ReferenceKind kind, long seed, Path dir) throws IOException {
        Path scanDir = Files.createDirectories(dir.resolve("scan"));
        ScanSimulator simulator = new ScanSimulator(ScanParameters.defaults().withSeed(seed));
        for (int f = 0; f < truth.frameCount(); f++) {
            ScanFrame frame = simulator.render(truth.frame(f), f, 0);
            if (!frame.missing()) {
                ImageFiles.writeTiff16(scanDir.resolve(String.format(Locale.ROOT, "scan_%06d.tif", f)), frame.scan());
            }
        }
        ReferenceResult reference = CaseRunner.renderReference(kind, DvdParameters.defaults(), truth, seed,
                Files.createDirectories(dir.resolve("reference")));
        return new RestoreCase(scanDir, reference.location());
    }
}
