package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowOption;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.simulator.MultiPrintCase;
import org.emulsion.simulator.PrintResult;
import org.emulsion.simulator.Truth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Runs one multiprint case: the simulator writes two or three damaged prints of a film and the
 * complete first one without its damage; the installed {@code multiprint} workflow restores them
 * as a restorer would run it (the complete print becomes the master); the result, the master as is
 * and the run's baseline (the median of the registered, tone-matched prints) are scored on every
 * frame against the master without its damage — over the frame and inside the master's true damage
 * — and the run's source split is reported. Every frame counts: the fill is trained on the
 * composite's intact areas only, never on the true picture of a hole.
 */
public final class MultiPrintCaseRunner {
    static final String WORKFLOW = "multiprint";

    private MultiPrintCaseRunner() {
    }

    /** The simulated prints and the master without its damage, which the composite is scored against. */
    private record Prints(MultiPrintCase.Written written, PrintResult intactMaster) {
    }

    public static CaseResult run(CaseSpec spec, Path dir, IProgressMonitor monitor) throws EmulsionException {
        return InstalledRun.runCase(WORKFLOW, spec, dir, monitor, "simulating the prints", caseDir -> {
            MultiPrintCase simulated = new MultiPrintCase(spec.multiPrintSpec());
            MultiPrintCase.Written material = simulated.write(caseDir.resolve("case"));
            PrintResult intact;
            try (Truth truth = Truth.create(simulated.spec().truth())) {
                intact = simulated.intactPrint(truth, 0, caseDir.resolve("intact-master"));
            }
            List<String> prints = new ArrayList<>();
            material.prints().forEach(p -> prints.add(p.location().toString()));
            return new InstalledRun.Material<>(new Prints(material, intact), material.directory().resolve(MultiPrintCase.SIDECAR), "prints",
                    String.join(WorkflowOption.PATH_SEPARATOR, prints));
        }, (prints, run) -> InstalledRun.Scored.of(score(prints.written().prints().get(0), prints.intactMaster(), run.out(), run.report())),
                "sources");
    }

    private static LumaFigures score(PrintResult master, PrintResult intact, Path out, JsonObject report) throws IOException {
        LumaTally tally = new LumaTally(100); // an undamaged frame kept as is: no infinity
        for (int k = 0; k < master.files().size(); k++) {
            String name = master.files().get(k).getFileName().toString();
            Image scan = ImageFiles.read(master.files().get(k)).image();
            Image truthMask = MaskFiles.read(master.mask(k).orElseThrow(), scan.width(), scan.height());
            Image clean = ImageFiles.read(intact.files().get(k)).image();
            tally.add(Map.of(LumaFigures.SCAN, scan, LumaFigures.RESULT, ImageFiles.read(out.resolve(RunLayout.FRAMES).resolve(name)).image(),
                    LumaFigures.BASELINE, ImageFiles.read(out.resolve(RunLayout.BASELINE).resolve(name)).image()), clean, truthMask);
        }
        Map<String, Double> sources = new LinkedHashMap<>();
        if (report.has("sources")) {
            for (Map.Entry<String, JsonElement> e : report.getAsJsonObject("sources").getAsJsonObject("percentOfAllFrames").entrySet()) {
                sources.put(e.getKey(), e.getValue().getAsDouble());
            }
        }
        return new LumaFigures(tally.damagePsnr(), tally.damageChroma(), tally.psnr(), tally.ssim(), 0, Double.NaN, Double.NaN, tally.frames(), LumaFigures.MULTIPRINT,
                sources);
    }
}
