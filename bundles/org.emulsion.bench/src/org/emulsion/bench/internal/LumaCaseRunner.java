package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.quality.DamageScore;
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
        return InstalledRun.runCase(WORKFLOW, spec, dir, monitor, "simulating the scan and the print", caseDir -> {
            PrintLumaCase.Written material = new PrintLumaCase(spec.lumaSpec()).write(caseDir.resolve("case"));
            return new InstalledRun.Material<>(material, material.directory().resolve(PrintLumaCase.SIDECAR), "scan",
                    material.scan().toString(), "reference", material.reference().location().toString());
        }, (material, run) -> InstalledRun.Scored.of(score(material, run.out(), run.report())));
    }

    private static LumaFigures score(PrintLumaCase.Written material, Path out, JsonObject report) throws IOException {
        LumaTally tally = new LumaTally(Double.POSITIVE_INFINITY);
        DamageScore maps = DamageScore.none();
        long changed = 0;
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
            tally.add(Map.of(LumaFigures.SCAN, scan, LumaFigures.RESULT, result, LumaFigures.BASELINE,
                    ImageFiles.read(out.resolve(RunLayout.BASELINE).resolve(name)).image()), intact, truth);
        }
        return new LumaFigures(tally.damagePsnr(), tally.damageChroma(), tally.psnr(), tally.ssim(), changed, maps.recall(), maps.precision(), tally.frames());
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
