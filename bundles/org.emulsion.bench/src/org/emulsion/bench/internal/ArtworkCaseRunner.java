package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.quality.GrainKept;
import org.emulsion.quality.TemporalStability;
import org.emulsion.simulator.ArtworkCase;
import org.emulsion.simulator.ArtworkResult;
import org.emulsion.simulator.Truth;


/**
 * Runs one artwork-chroma case: the simulator writes a faded scan of some shots of a film, its
 * truth, and paintings and stills of the film's other shots; the installed {@code artwork-chroma}
 * workflow restores the scan as a restorer would run it (retrieval chooses the artwork); the
 * result, the scan as is and the run's baseline (the global colour transfer from the artwork) are
 * scored on every frame against the truth.
 */
public final class ArtworkCaseRunner {
    static final String WORKFLOW = "artwork-chroma";

    private ArtworkCaseRunner() {
    }

    public static CaseResult run(CaseSpec spec, Path dir, IProgressMonitor monitor) throws EmulsionException {
        return InstalledRun.runCase(WORKFLOW, spec, dir, monitor, "simulating the scan and the artwork", caseDir -> {
            ArtworkCase.Written material = new ArtworkCase(spec.artwork()).write(caseDir.resolve("case"));
            return new InstalledRun.Material<>(material, material.directory().resolve(ArtworkCase.SIDECAR), "scan",
                    material.scan().toString(), "artwork", material.artwork().location().toString());
        }, (material, run) -> InstalledRun.Scored.of(score(spec, material, run.out())), "artwork");
    }

    /** Mean chroma CIEDE2000 of each still against its truth frame as the still frames it (a*, b* on the truth's L*). */
    private static double evidence(CaseSpec spec, ArtworkCase.Written material) throws IOException {
        double sum = 0;
        try (Truth truth = Truth.create(spec.artwork().truth())) {
            for (ArtworkResult.Still still : material.artwork().stills()) {
                Image depicted = still.geometry().fromTruth(truth.frame(still.truthFrame()));
                sum += Colour.stats(Colour.deltaE2000Map(ImageFiles.read(still.file()).image(), depicted, true), null).mean();
            }
        }
        return sum / material.artwork().stills().size();
    }

    /** Every scan frame of each method against the truth; frames are numbered by film frame, so a cut between shots makes no pair. */
    private static ArtworkFigures score(CaseSpec spec, ArtworkCase.Written material, Path out) throws IOException {
        Map<String, Path> folders = new LinkedHashMap<>();
        folders.put(ArtworkFigures.SCAN, material.scan());
        folders.put(ArtworkFigures.BASELINE, out.resolve(RunLayout.BASELINE));
        folders.put(ArtworkFigures.RESULT, out.resolve(RunLayout.FRAMES));
        Map<String, double[]> sums = new LinkedHashMap<>(); // method → {chroma, full, grain}
        Map<String, TemporalStability> temporal = new LinkedHashMap<>();
        ArtworkFigures.METHODS.forEach(m -> {
            sums.put(m, new double[3]);
            temporal.put(m, new TemporalStability());
        });
        int frames = 0;
        for (int k = 0; k < material.scanFrames().size(); k++) {
            int film = material.scanFrames().get(k);
            String name = String.format(java.util.Locale.ROOT, "%s_%06d.tif", ArtworkCase.SCAN, film);
            Image truth = ImageFiles.read(material.truth().resolve(name)).image();
            Image scan = ImageFiles.read(material.scan().resolve(name)).image();
            for (String m : ArtworkFigures.METHODS) {
                Image image = ImageFiles.read(folders.get(m).resolve(name)).image();
                double[] s = sums.get(m);
                s[0] += Colour.stats(Colour.deltaE2000Map(image, truth, true), null).mean();
                s[1] += Colour.deltaE2000(image, truth, null).mean();
                s[2] += GrainKept.of(image, scan, null);
                temporal.get(m).add(film, image, truth);
            }
            frames++;
        }
        Map<String, Double> chroma = new LinkedHashMap<>();
        Map<String, Double> full = new LinkedHashMap<>();
        Map<String, Double> grain = new LinkedHashMap<>();
        Map<String, Double> excess = new LinkedHashMap<>();
        for (String m : ArtworkFigures.METHODS) {
            double[] s = sums.get(m);
            chroma.put(m, s[0] / frames);
            full.put(m, s[1] / frames);
            grain.put(m, s[2] / frames);
            excess.put(m, temporal.get(m).report().excess());
        }
        return new ArtworkFigures(chroma, full, grain, excess, frames, evidence(spec, material));
    }
}
