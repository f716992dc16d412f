package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowOption;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.quality.Planes;
import org.emulsion.quality.Psnr;
import org.emulsion.quality.Ssim;
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

    public static CaseResult run(CaseSpec spec, Path dir, IProgressMonitor monitor) throws EmulsionException {
        long start = System.nanoTime();
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        try {
            progress.subTask("simulating the prints");
            MultiPrintCase simulated = new MultiPrintCase(spec.multiPrintSpec());
            MultiPrintCase.Written material = simulated.write(dir.resolve("case"));
            PrintResult intact;
            try (Truth truth = Truth.create(simulated.spec().truth())) {
                intact = simulated.intactPrint(truth, 0, dir.resolve("intact-master"));
            }
            progress.worked(10);
            List<String> prints = new ArrayList<>();
            material.prints().forEach(p -> prints.add(p.location().toString()));
            InstalledRun run = InstalledRun.launch(WORKFLOW, spec, dir, progress, "prints",
                    String.join(WorkflowOption.PATH_SEPARATOR, prints));
            JsonObject report = run.report();
            progress.subTask("scoring");
            LumaFigures figures = score(material.prints().get(0), intact, run.out(), report);
            progress.split(15).done();
            JsonObject parameters = run.parameters(material.directory().resolve(MultiPrintCase.SIDECAR));
            parameters.add("sources", report.get("sources"));
            return new CaseResult(spec.name(), spec.description(), parameters, figures.methods(), CaseRunner.lossCurve(report), Map.of(),
                    null, (System.nanoTime() - start) / 1e9, figures);
        } catch (IOException e) {
            throw new EmulsionException("benchmark case " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private static LumaFigures score(PrintResult master, PrintResult intact, Path out, JsonObject report) throws IOException {
        Map<String, double[]> damage = new LinkedHashMap<>(); // method → {squared-error sum, pixels}
        Map<String, double[]> whole = new LinkedHashMap<>(); // method → {PSNR sum, SSIM sum}
        LumaFigures.METHODS.forEach(m -> {
            damage.put(m, new double[2]);
            whole.put(m, new double[2]);
        });
        int frames = 0;
        for (int k = 0; k < master.files().size(); k++) {
            String name = master.files().get(k).getFileName().toString();
            Image scan = ImageFiles.read(master.files().get(k)).image();
            Image truthMask = MaskFiles.read(master.mask(k).orElseThrow(), scan.width(), scan.height());
            Image clean = ImageFiles.read(intact.files().get(k)).image();
            Map<String, Image> methods = Map.of(LumaFigures.SCAN, scan, LumaFigures.RESULT,
                    ImageFiles.read(out.resolve(RunLayout.FRAMES).resolve(name)).image(), LumaFigures.BASELINE,
                    ImageFiles.read(out.resolve(RunLayout.BASELINE).resolve(name)).image());
            for (Map.Entry<String, Image> m : methods.entrySet()) {
                Psnr.Error error = Psnr.error(Planes.luma(m.getValue()), Planes.luma(clean), truthMask);
                if (error.pixels() > 0) {
                    damage.get(m.getKey())[0] += error.mse() * error.pixels();
                    damage.get(m.getKey())[1] += error.pixels();
                }
                whole.get(m.getKey())[0] += Math.min(Psnr.luma(m.getValue(), clean, null), 100); // an undamaged frame kept as is: no infinity
                whole.get(m.getKey())[1] += Ssim.luma(m.getValue(), clean, null);
            }
            frames++;
        }
        Map<String, Double> damagePsnr = new LinkedHashMap<>();
        Map<String, Double> psnr = new LinkedHashMap<>();
        Map<String, Double> ssim = new LinkedHashMap<>();
        for (String m : LumaFigures.METHODS) {
            double[] d = damage.get(m);
            damagePsnr.put(m, d[1] == 0 ? Double.NaN : Psnr.fromMse(d[0] / d[1]));
            psnr.put(m, frames == 0 ? Double.NaN : whole.get(m)[0] / frames);
            ssim.put(m, frames == 0 ? Double.NaN : whole.get(m)[1] / frames);
        }
        Map<String, Double> sources = new LinkedHashMap<>();
        if (report.has("sources")) {
            for (Map.Entry<String, JsonElement> e : report.getAsJsonObject("sources").getAsJsonObject("percentOfAllFrames").entrySet()) {
                sources.put(e.getKey(), e.getValue().getAsDouble());
            }
        }
        return new LumaFigures(damagePsnr, psnr, ssim, 0, Double.NaN, Double.NaN, frames, LumaFigures.MULTIPRINT, sources);
    }
}
