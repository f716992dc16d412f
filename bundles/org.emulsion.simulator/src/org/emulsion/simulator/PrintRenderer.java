package org.emulsion.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.simulator.internal.CaseFrames;
import org.emulsion.simulator.internal.ReferenceImages;
import org.emulsion.simulator.internal.ReferenceSidecar;

import com.google.gson.JsonArray;

/**
 * Renders a print of another gauge from a {@link Truth}: every frame reduced (e.g. 16 mm from
 * 35 mm), through the print's own aperture, softened, through the print stock's S-shaped tone
 * curve and colour balance, with its own grain (strongest in the mid-tones), then aged (its own
 * dirt, scratches, decay, weave and flicker, with their damage masks; frames lost at splices and
 * breaks left out), written as an image sequence.
 */
public final class PrintRenderer {
    public static final String FOLDER_NAME = "print";
    public static final String MASKS_FOLDER_NAME = "print-masks";
    public static final String SIDECAR_NAME = "print.json";

    private PrintRenderer() {
    }

    /**
     * Writes {@code directory/print/print_000000.tif …}, {@code directory/print.json} and, when the
     * ageing marks damage, {@code directory/print-masks/print_000000.png …} (8-bit, 0 = intact).
     * Print frames are numbered in the print's own order: after a splice the numbers go on, the
     * frame map says which truth frame each shows.
     */
    public static PrintResult render(Truth truth, long seed, PrintParameters parameters, Path directory) throws IOException {
        return render(truth, seed, parameters, 0, directory);
    }

    /**
     * {@link #render(Truth, long, PrintParameters, Path)} for a truth that is a stretch of a longer
     * film starting at film frame {@code firstFilmFrame}: the print's ageing (long-lived blotches,
     * decay, scratches, lost frames) is that of those film frames, already under way.
     */
    public static PrintResult render(Truth truth, long seed, PrintParameters parameters, int firstFilmFrame, Path directory)
            throws IOException {
        Path folder = directory.resolve(FOLDER_NAME);
        Files.createDirectories(folder);
        Path masks = parameters.damaged() ? Files.createDirectories(directory.resolve(MASKS_FOLDER_NAME)) : null;
        int width = Math.max(16, (int) Math.round(truth.spec().width() * parameters.scale()));
        int height = Math.max(16, (int) Math.round(truth.spec().height() * parameters.scale()));
        ReferenceGeometry geometry = parameters.framing().geometry(truth.spec().width(), truth.spec().height(), width, height, 1.0);
        ScanSimulator ageing = new ScanSimulator(
                parameters.ageing().withSeed(ReferenceImages.seed(seed, 4, 0) ^ parameters.ageing().seed()));
        List<Cut> splices = Cut.choose(truth.frameCount(), parameters.splices(), parameters.spliceLength(),
                new Random(ReferenceImages.seed(seed, 5, 0)));
        List<Path> files = new ArrayList<>();
        List<Integer> map = new ArrayList<>();
        JsonArray log = new JsonArray();
        double[] gain = {parameters.gainR(), parameters.gainG(), parameters.gainB()};
        for (int i = 0; i < truth.frameCount(); i++) {
            if (Cut.any(splices, i) || ageing.missing(firstFilmFrame + i)) {
                continue;
            }
            Image framed = ReferenceImages.blur(geometry.fromTruth(truth.frame(i)), parameters.blurSigma());
            Image grain = ReferenceImages.noise(width, height, 3, parameters.grainSigma(), parameters.grainSize(), false,
                    ReferenceImages.seed(seed, 3, i));
            float[] d = framed.data();
            float[] g = grain.data();
            float[] out = new float[d.length];
            for (int p = 0; p < d.length; p++) {
                double v = parameters.tone(d[p]) * gain[p % 3];
                double midtones = 2 * Math.sqrt(Math.max(0, v * (1 - v))); // 1 at 0.5, 0 at black and white
                out[p] = (float) Math.min(1, Math.max(0, v + g[p] * midtones));
            }
            ScanFrame aged = ageing.render(new Image(width, height, 3, out), firstFilmFrame + i, 0);
            String name = CaseFrames.name("print", files.size());
            Path file = folder.resolve(name + "." + parameters.extension());
            ImageFiles.write(file, aged.scan(), parameters.bitDepth());
            if (masks != null) {
                CaseFrames.mask(masks, name, aged.damageMask());
            }
            files.add(file);
            map.add(i);
            log.add(ageing.frameLog(firstFilmFrame + i, 0));
        }
        PrintResult result = new PrintResult(folder, directory.resolve(SIDECAR_NAME), seed, parameters, files, map, geometry, splices,
                masks, log, truth.parameters());
        ReferenceSidecar.write(result.sidecar(), result.toJson());
        return result;
    }
}
