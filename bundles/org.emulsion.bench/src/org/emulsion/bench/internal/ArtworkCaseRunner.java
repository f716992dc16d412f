package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.pipeline.internal.targets.FadeModel;
import org.emulsion.quality.GrainKept;
import org.emulsion.quality.TemporalStability;
import org.emulsion.simulator.ArtworkCase;
import org.emulsion.simulator.ArtworkRenderer;
import org.emulsion.simulator.ArtworkResult;
import org.emulsion.simulator.Truth;


/**
 * Runs one artwork-chroma case: the simulator writes a faded scan of some shots of a film, its
 * truth, and paintings and stills of the film's other shots; the installed {@code artwork-chroma}
 * workflow restores the scan as a restorer would run it (retrieval chooses the artwork); the
 * result, the scan as is and the run's baseline (the global colour transfer from the artwork) are
 * scored on every frame against the truth, and against the artwork's look of the truth (the truth in
 * the artist's palette: the colour evidence, as reference-guided workflows are also scored against
 * their reference's look).
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
        Map<String, double[]> sums = new LinkedHashMap<>(); // method → {chroma, full, grain, chroma against the look}
        Map<String, TemporalStability> temporal = new LinkedHashMap<>();
        ArtworkFigures.METHODS.forEach(m -> {
            sums.put(m, new double[4]);
            temporal.put(m, new TemporalStability());
        });
        int frames = 0;
        double lookFromTruth = 0;
        double[] oracleSums = new double[2]; // the fade oracle against the truth and against the look
        FadeModel oracle = fadeOracle(material);
        for (int k = 0; k < material.scanFrames().size(); k++) {
            String name = frameName(material, k);
            int film = material.scanFrames().get(k);
            Image truth = ImageFiles.read(material.truth().resolve(name)).image();
            Image scan = ImageFiles.read(material.scan().resolve(name)).image();
            Image look = ArtworkRenderer.palette(truth, material.artwork().parameters());
            lookFromTruth += Colour.stats(Colour.deltaE2000Map(look, truth, true), null).mean();
            Image undone = oracle.restore(scan);
            oracleSums[0] += Colour.stats(Colour.deltaE2000Map(undone, truth, true), null).mean();
            oracleSums[1] += Colour.stats(Colour.deltaE2000Map(undone, look, true), null).mean();
            for (String m : ArtworkFigures.METHODS) {
                Image image = ImageFiles.read(folders.get(m).resolve(name)).image();
                double[] s = sums.get(m);
                s[0] += Colour.stats(Colour.deltaE2000Map(image, truth, true), null).mean();
                s[1] += Colour.deltaE2000(image, truth, null).mean();
                s[2] += GrainKept.of(image, scan, null);
                s[3] += Colour.stats(Colour.deltaE2000Map(image, look, true), null).mean();
                temporal.get(m).add(film, image, truth);
            }
            frames++;
        }
        Map<String, Double> chroma = new LinkedHashMap<>();
        Map<String, Double> full = new LinkedHashMap<>();
        Map<String, Double> grain = new LinkedHashMap<>();
        Map<String, Double> excess = new LinkedHashMap<>();
        Map<String, Double> againstLook = new LinkedHashMap<>();
        for (String m : ArtworkFigures.METHODS) {
            double[] s = sums.get(m);
            chroma.put(m, s[0] / frames);
            full.put(m, s[1] / frames);
            grain.put(m, s[2] / frames);
            excess.put(m, temporal.get(m).report().excess());
            againstLook.put(m, s[3] / frames);
        }
        return new ArtworkFigures(chroma, full, grain, excess, againstLook, frames, evidence(spec, material), lookFromTruth / frames,
                oracleSums[0] / frames, oracleSums[1] / frames);
    }

    private static String frameName(ArtworkCase.Written material, int k) {
        return String.format(Locale.ROOT, "%s_%06d.tif", ArtworkCase.SCAN, material.scanFrames().get(k));
    }

    /**
     * The fade as the workflow models it (per channel, a monotone quantile curve), fitted with the truth of the scanned
     * frames themselves as the evidence: undone on the scan, the best a global fade correction can do, whatever the
     * artwork — a floor for any estimate of the fade from evidence of other moments.
     */
    private static FadeModel fadeOracle(ArtworkCase.Written material) throws IOException {
        List<Image> scans = new ArrayList<>();
        List<Image> truths = new ArrayList<>();
        for (int k = 0; k < material.scanFrames().size(); k++) {
            scans.add(half(ImageFiles.read(material.scan().resolve(frameName(material, k))).image()));
            truths.add(half(ImageFiles.read(material.truth().resolve(frameName(material, k))).image()));
        }
        return FadeModel.estimate(scans, truths);
    }

    private static Image half(Image image) {
        return OpenCv.resize(image, Math.max(1, image.width() / 2), Math.max(1, image.height() / 2));
    }
}
