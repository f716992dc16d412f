package org.emulsion.pipeline.internal.targets;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.emulsion.core.image.Image;
import org.emulsion.quality.Psnr;

/**
 * The luma scores the targets that repair damage in the scan's Y ({@code luma}, {@code multiprint})
 * report alike: the truth scores over the frame and inside its damage, and their summary lines.
 */
final class LumaScores {
    private LumaScores() {
    }

    /** The Y of an RGB image as a one-channel image. */
    static Image y(Image rgb) {
        return new Image(rgb.width(), rgb.height(), 1, LumaInput.luma(rgb));
    }

    /** Luma PSNR of the result and the scan against the truth, over the frame and inside {@code damaged}. */
    static Map<String, Double> truth(Image result, Image scan, Image truth, Image damaged) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("psnrResult", Psnr.luma(result, truth, null));
        scores.put("psnrScan", Psnr.luma(scan, truth, null));
        scores.put("psnrDamagedResult", Psnr.luma(result, truth, damaged));
        scores.put("psnrDamagedScan", Psnr.luma(scan, truth, damaged));
        return scores;
    }

    /** The terminal summary of {@link #truth}'s scores, in the target's words for the scan, the result and the damage. */
    static Map<String, String> summary(Map<String, Double> allFrames, String scan, String scanDamage, String result,
            String resultDamage) {
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("luma PSNR " + scan, String.format(Locale.ROOT, "%.2f dB (" + scanDamage + " %.2f dB)", allFrames.get("psnrScan"),
                allFrames.get("psnrDamagedScan")));
        summary.put("luma PSNR " + result, String.format(Locale.ROOT, "%.2f dB (" + resultDamage + " %.2f dB)", allFrames.get("psnrResult"),
                allFrames.get("psnrDamagedResult")));
        return summary;
    }
}
