package org.emulsion.bench.internal;

import java.util.List;

import org.emulsion.bench.internal.CaseSpec.ReferenceKind;
import org.emulsion.simulator.ArtworkCase;
import org.emulsion.simulator.PrintLumaCase;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.Truth;

/**
 * The benchmark's cases: 720p simulated films with faded, damaged scans and one reference each (chroma),
 * 576-line 35 mm elements eaten by vinegar syndrome or nitrate decay with a 16 mm print that kept the luma, and a
 * 576-line faded scan whose only colour evidence is artwork of the film's other shots.
 */
public final class BenchCases {
    private BenchCases() {
    }

    private static final String VINEGAR = "Vinegar syndrome (flaking, channeling, lifted soft patches) on a 35 mm internegative; "
            + "luma from a 16 mm print (smaller gauge, softer, grainier, another tone curve, its own weave)";
    private static final String NITRATE = "Nitrate decay on a 35 mm internegative; luma from a 16 mm print (smaller gauge, softer, "
            + "grainier, another tone curve, its own weave)";

    private static final String ARTWORK = "Faded 576-line scan of three shots, no moving-image reference; colour from paintings and "
            + "production stills of the film's other shots (the same set, never a scanned frame)";
    private static final String MULTIPRINT = " damaged prints of one film, each with its own density, contrast, grain, dust, scratches, "
            + "vinegar blotches, weave and flicker; the second a smaller, decaying nitrate copy, every copy after the first cut at a "
            + "splice (frames lost); restored on the complete first";

    /** Five short cases (print and DVD reference, a print-luma case, an artwork-chroma case, a two-print multiprint case), ≤ 12 minutes on 2 cores. */
    public static List<CaseSpec> quick() {
        return List.of(
                new CaseSpec("print-chroma", "Faded, dusty 35 mm scan; colour from a lower-resolution 16 mm print with its own tone curve",
                        new Truth.Spec(1280, 720, 12, 2, 11), ScanParameters.defaults().withSeed(21), ReferenceKind.PRINT, 1, 40, 64),
                new CaseSpec("dvd-chroma", "Faded, scratched scan; colour from a PAL DVD (anamorphic MPEG-2, 25 fps, lead-in, censor cut, own grade)",
                        new Truth.Spec(1280, 720, 12, 2, 12), ScanParameters.defaults().withSeed(22), ReferenceKind.DVD, 1, 40, 64),
                CaseSpec.luma("print-luma-vinegar", VINEGAR, new Truth.Spec(720, 576, 16, 1, 71), PrintLumaCase.Decay.VINEGAR, 60),
                CaseSpec.artwork(ARTWORK, ArtworkCase.Spec.benchmark(32), 60),
                CaseSpec.multiPrint("multiprint-2", "Two" + MULTIPRINT, new Truth.Spec(720, 576, 16, 1, 81), 2, 60));
    }

    /** Nine longer cases (print, DVD, telecine, two drifting reels; vinegar and nitrate print-luma; artwork-chroma; two and three prints), ≤ 50 minutes on 2 cores. */
    public static List<CaseSpec> full() {
        return List.of(
                new CaseSpec("print-chroma", "Faded, dusty 35 mm scan; colour from a lower-resolution 16 mm print with its own tone curve",
                        new Truth.Spec(1280, 720, 36, 3, 11), ScanParameters.defaults().withSeed(21), ReferenceKind.PRINT, 1, 120, 64),
                new CaseSpec("dvd-chroma", "Faded, scratched scan; colour from a PAL DVD (anamorphic MPEG-2, 25 fps, lead-in, censor cut, own grade)",
                        new Truth.Spec(1280, 720, 36, 3, 12), ScanParameters.defaults().withSeed(22), ReferenceKind.DVD, 1, 120, 64),
                new CaseSpec("telecine-chroma", "Faded scan; colour from an NTSC telecine (3:2 pulldown, interlaced, soft, noisy, drifting grade)",
                        new Truth.Spec(1280, 720, 36, 3, 13), ScanParameters.defaults().withSeed(23), ReferenceKind.TELECINE, 1, 120, 64),
                new CaseSpec("two-reels-print", "Two reels whose fading drifted apart; one model for both, colour from a 16 mm print",
                        new Truth.Spec(1280, 720, 36, 4, 14), ScanParameters.defaults().withSeed(24), ReferenceKind.PRINT, 2, 120, 64),
                CaseSpec.luma("print-luma-vinegar", VINEGAR, new Truth.Spec(720, 576, 48, 2, 71), PrintLumaCase.Decay.VINEGAR, 180),
                CaseSpec.luma("print-luma-nitrate", NITRATE, new Truth.Spec(720, 576, 48, 2, 72), PrintLumaCase.Decay.NITRATE, 180),
                CaseSpec.artwork(ARTWORK, ArtworkCase.Spec.benchmark(64), 180),
                CaseSpec.multiPrint("multiprint-2", "Two" + MULTIPRINT, new Truth.Spec(720, 576, 48, 2, 81), 2, 180),
                CaseSpec.multiPrint("multiprint-3", "Three" + MULTIPRINT, new Truth.Spec(720, 576, 48, 2, 82), 3, 180));
    }
}
