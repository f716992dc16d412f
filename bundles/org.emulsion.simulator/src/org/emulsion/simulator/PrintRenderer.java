package org.emulsion.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.simulator.internal.ReferenceImages;
import org.emulsion.simulator.internal.ReferenceSidecar;

/**
 * Renders a print of another gauge from a {@link Truth}: every frame reduced (e.g. 16 mm from
 * 35 mm), through the print's own aperture, softened, through the print stock's S-shaped tone
 * curve and colour balance, with its own grain (strongest in the mid-tones), written as an image
 * sequence.
 */
public final class PrintRenderer {
    public static final String FOLDER_NAME = "print";
    public static final String SIDECAR_NAME = "print.json";

    private PrintRenderer() {
    }

    /** Writes {@code directory/print/print_000000.tif …} and {@code directory/print.json}. */
    public static PrintResult render(Truth truth, long seed, PrintParameters parameters, Path directory) throws IOException {
        Path folder = directory.resolve(FOLDER_NAME);
        Files.createDirectories(folder);
        int width = Math.max(16, (int) Math.round(truth.spec().width() * parameters.scale()));
        int height = Math.max(16, (int) Math.round(truth.spec().height() * parameters.scale()));
        ReferenceGeometry geometry = parameters.framing().geometry(truth.spec().width(), truth.spec().height(), width, height, 1.0);
        List<Path> files = new ArrayList<>();
        List<Integer> map = new ArrayList<>();
        double[] gain = {parameters.gainR(), parameters.gainG(), parameters.gainB()};
        for (int i = 0; i < truth.frameCount(); i++) {
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
            Path file = folder.resolve(String.format(Locale.ROOT, "print_%06d.%s", i, parameters.extension()));
            ImageFiles.write(file, new Image(width, height, 3, out), parameters.bitDepth());
            files.add(file);
            map.add(i);
        }
        PrintResult result = new PrintResult(folder, directory.resolve(SIDECAR_NAME), seed, parameters, files, map, geometry,
                truth.parameters());
        ReferenceSidecar.write(result.sidecar(), result.toJson());
        return result;
    }
}
