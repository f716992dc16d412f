package org.emulsion.bench.internal;

import org.emulsion.bench.internal.CaseSpec.ReferenceKind;
import org.emulsion.simulator.DvdParameters;
import org.emulsion.simulator.ReferenceFraming;
import org.emulsion.simulator.ReferenceGrade;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.Truth;

import java.util.List;

/**
 * One case of the alignment benchmark: a simulated scan and one reference element of the same film.
 *
 * @param dvd how the disc is authored (DVD cases only)
 */
public record AlignCase(String name, String description, Truth.Spec truth, ScanParameters scan, ReferenceKind reference,
        DvdParameters dvd) {

    /** Three short cases at 720p, a PAL-sized pair and a long cut in a slow shot (≈ 4 min on 2 cores). */
    public static List<AlignCase> quick() {
        return List.of(dvdAnamorphic(40), telecine(40), print(40), dvdStandard(40), slowCut(64, 1, 1));
    }

    /** The quick cases longer, plus a 4:3 pan-and-scan disc with a short lead-in and two cuts. */
    public static List<AlignCase> full() {
        return List.of(dvdAnamorphic(120), dvdPanScan(120), telecine(120), print(120), dvdStandard(120), slowCut(160, 2, 2));
    }

    private static AlignCase dvdAnamorphic(int frames) {
        return new AlignCase("dvd-anamorphic", "PAL DVD, 16:9 anamorphic, 1.85 letterbox, reframed (zoom 1.04, off-centre), "
                + "12-frame lead-in, 3-frame censor cut, own grade, MPEG-2", new Truth.Spec(1280, 720, frames, 3, 31),
                scan(41), ReferenceKind.DVD, DvdParameters.defaults());
    }

    private static AlignCase dvdPanScan(int frames) {
        DvdParameters d = DvdParameters.defaults();
        DvdParameters panScan = new DvdParameters(4, 2, 2, 2, false, new ReferenceFraming(0, 1.1, 0.4, 0.1),
                new ReferenceGrade(1.1, 1.0, 0.9, 0.95, 1.0, 1.08, 0.03, 0.8), d.bitrate(), d.gopSize());
        return new AlignCase("dvd-panscan", "PAL DVD, 4:3 pan-and-scan (zoom 1.1, shifted), 6-frame lead-in, two 2-frame cuts, "
                + "cool grade", new Truth.Spec(1280, 720, frames, 4, 32), scan(42), ReferenceKind.DVD, panScan);
    }

    /**
     * A scan at the disc's own size: the 720×576 pair the speed target is stated for (the other cases'
     * 1280×720 scans carry 2.2 times the pixels).
     */
    private static AlignCase dvdStandard(int frames) {
        DvdParameters d = DvdParameters.defaults();
        DvdParameters fullFrame = new DvdParameters(8, 2, 2, 1, false, new ReferenceFraming(0, 1.03, 0.2, -0.1), d.grade(),
                d.bitrate(), d.gopSize());
        return new AlignCase("dvd-576", "PAL DVD, 4:3, slightly reframed (zoom 1.03, off-centre), 10-frame lead-in, two 1-frame cuts; scan 720x576",
                new Truth.Spec(720, 576, frames, 3, 35), scan(45), ReferenceKind.DVD, fullFrame);
    }

    /**
     * Censor cuts of 20 frames inside slow shots (camera and object at a tenth of the usual motion), so
     * that the frames cut look much like those at the cut's edges: each must be reported NONE, not
     * matched to the nearest frame the disc kept.
     */
    private static AlignCase slowCut(int frames, int shots, int cuts) {
        return new AlignCase("dvd-slow-cut", "PAL DVD, 16:9 anamorphic, " + cuts + " censor cut(s) of 20 frames inside slow shots "
                + "(a tenth of the usual motion), 12-frame lead-in, own grade, MPEG-2",
                new Truth.Spec(1280, 720, frames, shots, 36).withMotion(0.1), scan(46), ReferenceKind.DVD,
                DvdParameters.defaults().withCuts(cuts, 20));
    }

    private static AlignCase telecine(int frames) {
        return new AlignCase("telecine", "NTSC telecine, 3:2 pulldown (inverse telecine by the reference source), 4:3, soft, "
                + "noisy, drifting grade", new Truth.Spec(1280, 720, frames, 3, 33), scan(43), ReferenceKind.TELECINE, null);
    }

    private static AlignCase print(int frames) {
        return new AlignCase("print", "16 mm print of another gauge (0.55x, other aperture, contrasty stock, grain)",
                new Truth.Spec(1280, 720, frames, 3, 34), scan(44), ReferenceKind.PRINT, null);
    }

    /** The default faded, damaged scan with more frames lost at splices, so that drops occur in short cases. */
    private static ScanParameters scan(long seed) {
        ScanParameters p = ScanParameters.defaults().withSeed(seed);
        return new ScanParameters(p.seed(), p.enabled(), p.fade(), p.grain(), p.weave(), p.flicker(), p.dust(), p.scratches(),
                p.vinegar(), p.nitrate(), new ScanParameters.Missing(0.04));
    }
}
