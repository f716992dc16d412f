package org.emulsion.pipeline.internal.targets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainingPair;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.quality.ColourPair;
import org.emulsion.quality.Planes;
import org.emulsion.quality.ReinhardTransfer;

import com.google.gson.JsonObject;

/**
 * What the artwork-chroma network sees and what it falls back to. Fitted on a model's training
 * frames, each a scan frame with the artwork placed on it ({@link Evidence#reference()}):
 * <ul>
 * <li>the scan's {@link FadeModel fade}, estimated against the artwork;</li>
 * <li>the network input: Y, Cb, Cr of a picture with the fitted fade undone (the neutral correction).
 * In training the picture is the artwork faded as this scan is (grain included), so the network
 * learns "this film's faded colour → the artwork's colour"; in inference it is the scan;</li>
 * <li>the colours the artwork shows (a coarse L*a*b* histogram): a scan pixel whose neutrally corrected
 * colour the artwork rarely shows has low confidence, and its chroma falls back towards the neutral
 * correction rather than taking a hue the evidence does not support;</li>
 * <li>the baseline: a global colour transfer (Reinhard, mean and deviation in L*a*b*) from the scan
 * frames to the artwork placed on them.</li>
 * </ul>
 */
public final class ArtworkInput implements ModelInput {
    /** Input channels: Y, Cb, Cr. */
    public static final int CHANNELS = 3;
    /** Histogram bins of L* (0..100) and of a*, b* (±{@value #AB_RANGE}). */
    private static final int L_BINS = 8;
    private static final int AB_BINS = 24;
    private static final double AB_RANGE = 96;
    /**
     * The artwork's own rarest colours set the scale: a colour as frequent as the artwork pixel at
     * this quantile of their frequencies gets full confidence; rarer ones less, in proportion.
     */
    private static final double CONFIDENT_QUANTILE = 0.05;
    /** Confidence is smoothed over this fraction of the frame width: a decision about subjects, not pixels. */
    private static final double SMOOTHING = 0.015;

    private final FadeModel fade;
    private final ReinhardTransfer transfer;
    private final float[] density;
    private final double confident;

    private ArtworkInput(FadeModel fade, ReinhardTransfer transfer, float[] density, double confident) {
        this.fade = fade;
        this.transfer = transfer;
        this.density = density;
        this.confident = confident;
    }

    /**
     * Fits the fade, the colour histogram and the transfer on {@code pairs} (scan frames with the
     * artwork placed on them).
     *
     * @throws IllegalArgumentException when the architecture does not take {@value #CHANNELS} channels
     */
    public static ArtworkInput fit(List<Evidence> pairs, int channels) {
        return fit(pairs, channels, FadeModel.estimate(pairs.stream().map(Evidence::scan).toList(),
                pairs.stream().map(Evidence::reference).toList()));
    }

    /** Fits the colour histogram and the transfer on {@code pairs}, with the fade estimated beforehand. */
    public static ArtworkInput fit(List<Evidence> pairs, int channels, FadeModel fade) {
        if (channels != CHANNELS) {
            throw new IllegalArgumentException("an artwork chroma network takes " + CHANNELS + " input channels, not " + channels);
        }
        List<Image> artwork = pairs.stream().map(Evidence::reference).toList();
        ReinhardTransfer transfer = new ReinhardTransfer();
        transfer.fit(pairs.stream().map(p -> ColourPair.of(p.scan(), p.reference())).toList());
        float[] density = new float[L_BINS * AB_BINS * AB_BINS];
        List<Image> labs = new ArrayList<>();
        long n = 0;
        for (Image a : artwork) {
            Image lab = Colour.lab(a);
            labs.add(lab);
            float[] d = lab.data();
            for (int i = 0; i < d.length; i += 3) {
                int bin = bin(d, i);
                if (bin >= 0) {
                    density[bin]++;
                    n++;
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the artwork placed on " + pairs.size() + " training frame(s) covers none of them");
        }
        float[] smooth = smooth(density);
        for (int b = 0; b < smooth.length; b++) {
            smooth[b] /= n;
        }
        double[] own = new double[(int) n];
        int k = 0;
        for (Image lab : labs) {
            float[] d = lab.data();
            for (int i = 0; i < d.length; i += 3) {
                int bin = bin(d, i);
                if (bin >= 0) {
                    own[k++] = smooth[bin];
                }
            }
        }
        Arrays.sort(own);
        return new ArtworkInput(fade, transfer, smooth, Math.max(1e-9, own[(int) (CONFIDENT_QUANTILE * (own.length - 1))]));
    }

    public FadeModel fade() {
        return fade;
    }

    /** The network input for a scan frame or faded artwork (RGB, at the size the network works at). */
    public Image of(Image rgb) {
        return Colour.ycbcr(fade.restore(rgb));
    }

    /** Cb, Cr of the neutral correction of {@code scan}: the fitted fade undone, no hue invented. */
    public Image neutral(Image scan) {
        return Planes.chroma(fade.restore(scan));
    }

    /** The baseline's Cb, Cr: the global colour transfer from the scan frames to their artwork. */
    public Image transferChroma(Image scan) {
        return transfer.chroma(scan);
    }

    /**
     * Per pixel, 0 to 1: how often the artwork shows the colour of {@code scan} once its fade is
     * undone, relative to the artwork's own rarest colours; smoothed over the frame.
     */
    public Image confidence(Image scan) {
        float[] lab = Colour.lab(fade.restore(scan)).data();
        Image map = Image.blank(scan.width(), scan.height(), 1);
        float[] m = map.data();
        for (int p = 0; p < m.length; p++) {
            int bin = bin(lab, 3 * p);
            m[p] = bin < 0 ? 0f : (float) Math.min(1, density[bin] / confident);
        }
        double sigma = Math.max(1, SMOOTHING * scan.width());
        return Planes.gaussian(map, 0, sigma);
    }

    /**
     * Training pairs of one frame: the placed artwork, its medium varied ({@link MediumVariation}: the
     * brush strokes' and the paper's texture) and faded as the scan is, at its own scale and once
     * more softened by a seeded scale change; target: the artwork's Cb, Cr; mask: where the artwork
     * covers the frame.
     */
    public List<TrainingPair> pairs(Evidence frame, long seed) {
        Image artwork = frame.reference();
        Random random = new Random(seed * 31 + frame.frame());
        Image mask = Image.blank(artwork.width(), artwork.height(), 1);
        Image known = artwork.copy();
        float[] k = known.data();
        for (int p = 0; p < mask.data().length; p++) {
            boolean covered = !Float.isNaN(k[3 * p]);
            mask.data()[p] = covered ? 1f : 0f;
            if (!covered) {
                k[3 * p] = k[3 * p + 1] = k[3 * p + 2] = 0.5f;
            }
        }
        Image target = Planes.chroma(known);
        double scale = 0.4 + 0.4 * random.nextDouble();
        Image rescaled = OpenCv.resize(OpenCv.resize(known, Math.max(8, (int) (known.width() * scale)),
                Math.max(8, (int) (known.height() * scale))), known.width(), known.height());
        return List.of(new TrainingPair(frame.name(), of(fade.fade(MediumVariation.vary(known, random), random.nextLong())), target, mask),
                new TrainingPair(frame.name() + "-rescaled", of(fade.fade(MediumVariation.vary(rescaled, random), random.nextLong())),
                        Planes.chroma(rescaled), mask));
    }

    /** The histogram bin of the L*a*b* colour at {@code d[i..i+2]}, or -1 when it is not finite. */
    private static int bin(float[] d, int i) {
        if (!Float.isFinite(d[i]) || !Float.isFinite(d[i + 1]) || !Float.isFinite(d[i + 2])) {
            return -1;
        }
        int l = clampBin((int) (d[i] / 100 * L_BINS), L_BINS);
        int a = clampBin((int) ((d[i + 1] + AB_RANGE) / (2 * AB_RANGE) * AB_BINS), AB_BINS);
        int b = clampBin((int) ((d[i + 2] + AB_RANGE) / (2 * AB_RANGE) * AB_BINS), AB_BINS);
        return (l * AB_BINS + a) * AB_BINS + b;
    }

    private static int clampBin(int v, int bins) {
        return Math.max(0, Math.min(bins - 1, v));
    }

    /** The histogram spread to each bin's neighbours (3×3×3 box): a colour next to one the artwork shows is not new. */
    private static float[] smooth(float[] h) {
        float[] out = new float[h.length];
        for (int l = 0; l < L_BINS; l++) {
            for (int a = 0; a < AB_BINS; a++) {
                for (int b = 0; b < AB_BINS; b++) {
                    double sum = 0;
                    for (int dl = -1; dl <= 1; dl++) {
                        for (int da = -1; da <= 1; da++) {
                            for (int db = -1; db <= 1; db++) {
                                int ll = l + dl;
                                int aa = a + da;
                                int bb = b + db;
                                if (ll >= 0 && ll < L_BINS && aa >= 0 && aa < AB_BINS && bb >= 0 && bb < AB_BINS) {
                                    sum += h[(ll * AB_BINS + aa) * AB_BINS + bb];
                                }
                            }
                        }
                    }
                    out[(l * AB_BINS + a) * AB_BINS + b] = (float) (sum / 27);
                }
            }
        }
        return out;
    }

    @Override
    public String baselineLabel() {
        return "global transfer";
    }

    @Override
    public String baselineMethod() {
        return "global colour transfer (Reinhard: mean and deviation in L*a*b*) from the scan frames to the artwork placed on them "
                + "(its chroma on the scan's luma)";
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.add("estimatedFade", fade.toJson());
        json.addProperty("channels", "Y, Cb, Cr with the estimated fade undone; in training, of the artwork "
                + "softened and faded as the scan is, its medium (brush strokes, paper) varied");
        json.addProperty("fallback", "where the artwork rarely shows a pixel's colour (confidence below 1) the chroma moves towards "
                + "the neutral correction of the fade (the estimate undone), never towards an invented hue");
        double[] mean = transfer.referenceMean();
        JsonObject artwork = new JsonObject();
        artwork.addProperty("meanL", mean[0]);
        artwork.addProperty("meanA", mean[1]);
        artwork.addProperty("meanB", mean[2]);
        json.add("artworkLabMean", artwork);
        return json;
    }
}
