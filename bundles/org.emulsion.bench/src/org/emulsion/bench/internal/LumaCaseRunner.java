package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.quality.DamageScore;
import org.emulsion.quality.Planes;
import org.emulsion.quality.Psnr;
import org.emulsion.quality.Ssim;
import org.emulsion.simulator.PrintLumaCase;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Runs one print-luma case: the simulator writes a damaged 35 mm scan, the same scan without its
 * physical damage and a 16 mm print; the installed {@code print-luma} workflow restores the scan
 * as a restorer would run it; the result, the scan as is and the run's baseline (the tone-matched
 * print pasted into the damage maps) are scored on the held-out frames against the intact scan,
 * and the run's damage maps against the simulator's masks.
 */
public final class LumaCaseRunner {
    static final String WORKFLOW = "print-luma";

    private LumaCaseRunner() {
    }

    public static CaseResult run(CaseSpec spec, Path dir, IProgressMonitor monitor) throws EmulsionException {
        long start = System.nanoTime();
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        try {
            progress.subTask("simulating the scan and the print");
            PrintLumaCase.Written material = new PrintLumaCase(spec.lumaSpec()).write(dir.resolve("case"));
            progress.worked(10);
            InstalledRun run = InstalledRun.launch(WORKFLOW, spec, dir, progress, "scan", material.scan().toString(),
                    "reference", material.reference().location().toString());
            JsonObject report = run.report();
            progress.subTask("scoring");
            LumaFigures figures = score(material, run.out(), report);
            progress.split(15).done();
            JsonObject parameters = run.parameters(material.directory().resolve(PrintLumaCase.SIDECAR));
            return new CaseResult(spec.name(), spec.description(), parameters, figures.methods(), CaseRunner.lossCurve(report), Map.of(),
                    null, (System.nanoTime() - start) / 1e9, figures);
        } catch (IOException e) {
            throw new EmulsionException("benchmark case " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private static LumaFigures score(PrintLumaCase.Written material, Path out, JsonObject report) throws IOException {
        Map<String, double[]> damage = new LinkedHashMap<>(); // method → {squared-error sum, pixels}
        Map<String, double[]> whole = new LinkedHashMap<>(); // method → {PSNR sum, SSIM sum}
        LumaFigures.METHODS.forEach(m -> {
            damage.put(m, new double[2]);
            whole.put(m, new double[2]);
        });
        DamageScore maps = DamageScore.none();
        long changed = 0;
        int heldOut = 0;
        for (JsonElement e : report.getAsJsonArray("alignment")) {
            JsonObject frame = e.getAsJsonObject();
            String name = frame.get("frame").getAsString();
            Image scan = ImageFiles.read(material.scan().resolve(name)).image();
            Image result = ImageFiles.read(out.resolve(RunLayout.FRAMES).resolve(name)).image();
            Image found = MaskFiles.read(out.resolve(RunLayout.MASKS).resolve(MaskFiles.fileName(name)), scan.width(), scan.height());
            Image truth = MaskFiles.read(material.scanMasks().resolve(MaskFiles.fileName(name)), scan.width(), scan.height());
            Image intact = ImageFiles.read(material.intact().resolve(name)).image();
            changed += changedOutside(found, scan, result);
            maps = maps.plus(DamageScore.of(found, truth, DamageScore.visible(scan, intact, truth), null, DamageScore.band(scan.height())));
            if (!frame.has("heldOut") || !frame.get("heldOut").getAsBoolean()) {
                continue;
            }
            heldOut++;
            Map<String, Image> methods = Map.of(LumaFigures.SCAN, scan, LumaFigures.RESULT, result, LumaFigures.BASELINE,
                    ImageFiles.read(out.resolve(RunLayout.BASELINE).resolve(name)).image());
            for (Map.Entry<String, Image> m : methods.entrySet()) {
                Psnr.Error error = Psnr.error(Planes.luma(m.getValue()), Planes.luma(intact), truth);
                if (error.pixels() > 0) {
                    damage.get(m.getKey())[0] += error.mse() * error.pixels();
                    damage.get(m.getKey())[1] += error.pixels();
                }
                whole.get(m.getKey())[0] += Psnr.luma(m.getValue(), intact, null);
                whole.get(m.getKey())[1] += Ssim.luma(m.getValue(), intact, null);
            }
        }
        Map<String, Double> damagePsnr = new LinkedHashMap<>();
        Map<String, Double> psnr = new LinkedHashMap<>();
        Map<String, Double> ssim = new LinkedHashMap<>();
        for (String m : LumaFigures.METHODS) {
            double[] d = damage.get(m);
            damagePsnr.put(m, d[1] == 0 ? Double.NaN : Psnr.fromMse(d[0] / d[1]));
            psnr.put(m, heldOut == 0 ? Double.NaN : whole.get(m)[0] / heldOut);
            ssim.put(m, heldOut == 0 ? Double.NaN : whole.get(m)[1] / heldOut);
        }
        return new LumaFigures(damagePsnr, psnr, ssim, changed, maps.recall(), maps.precision(), heldOut);
    }

    /** Pixels outside {@code mask} (0 = intact) whose value in {@code result} is not the scan's exactly. */
    private static long changedOutside(Image mask, Image scan, Image result) {
        float[] m = mask.data();
        float[] s = scan.data();
        float[] r = result.data();
        int c = scan.channels();
        long n = 0;
        for (int p = 0; p < m.length; p++) {
            if (m[p] != 0) {
                continue;
            }
            for (int k = p * c; k < p * c + c; k++) {
                if (s[k] != r[k]) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }
}
