package org.emulsion.pipeline.internal.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationTarget;
import org.emulsion.quality.GrainKept;
import org.emulsion.quality.Planes;

/**
 * The {@code artwork} target: chroma from artwork of the film's world (paintings, production
 * stills, lobby cards) when no moving-image reference survives. The artwork shows other moments
 * and framings, so it is placed on the frame, never registered ({@link #referencesRegistered()} is
 * false), and the pairs are made from the artwork itself, faded as this scan is
 * ({@link ArtworkInput}). The network's chroma is trusted as far as the artwork shows the scan's
 * colours; elsewhere it moves towards the neutral correction of the fade. The compositor keeps the
 * scan's luma exactly. Models work at the artwork's resolution on the scan, as the chroma target
 * works at its reference's; the correction, smoothed over the grain's scale, is enlarged and added to the
 * scan's full-resolution chroma.
 */
public final class ArtworkRestoration implements RestorationTarget {
    /** Scan frames, spread over the film, whose colours the fade is estimated from. */
    private static final int FADE_FRAMES = 24;
    private static final int FADE_SIDE = 480;

    @Override
    public boolean referencesRegistered() {
        return false;
    }

    @Override
    public double workScale(List<SpatialAlignment> training) {
        return ChromaRestoration.referenceScale(training);
    }

    @Override
    public ModelInput fit(List<Evidence> pairs, int inputChannels) {
        return ArtworkInput.fit(pairs, inputChannels);
    }

    /**
     * The fade is the film's, and the world is what all the artwork shows together: it is estimated
     * from frames spread over the whole scan against every artwork of the folder, not only the
     * frames and pictures of the pairs (few, and chosen for their likeness, so their colours are a
     * biased sample). Its grain and softness are measured on the pairs.
     */
    @Override
    public ModelInput fit(RestorationJob job, List<Evidence> pairs, int inputChannels) {
        FrameSource scan = job.scan();
        FrameSource artwork = job.reference().source();
        List<Image> scans = new ArrayList<>();
        List<Image> pictures = new ArrayList<>();
        try {
            int n = Math.min(FADE_FRAMES, scan.frameCount());
            for (int k = 0; k < n; k++) {
                scans.add(small(scan.read((int) ((k + 0.5) * scan.frameCount() / n))));
            }
            for (int a = 0; a < artwork.frameCount(); a++) {
                pictures.add(small(artwork.read(a)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        // grain and softness are a matter of scale: measured on the pairs, at the scale the faded artwork is made at
        List<Image> pairScans = pairs.stream().map(Evidence::scan).toList();
        List<Image> placed = pairs.stream().map(Evidence::reference).toList();
        double grain = FadeModel.grain(pairScans, placed);
        return ArtworkInput.fit(pairs, inputChannels, FadeModel.levels(scans, pictures)
                .withTexture(grain, FadeModel.softness(pairScans, placed, grain)));
    }

    /** A picture at most {@value #FADE_SIDE} px on its longer side: enough for its colour distribution. */
    private static Image small(Image image) {
        return Evidence.scale(image, Math.min(1, FADE_SIDE / (double) Math.max(image.width(), image.height())));
    }

    @Override
    public List<TrainingPair> pairs(Evidence frame, ModelInput input, long seed) {
        return ((ArtworkInput) input).pairs(frame, seed);
    }

    /**
     * The network's chroma where the artwork shows the scan's colours, the neutral correction where
     * it does not (blended by the confidence), taken as a correction of the scan's own chroma at the
     * work scale, enlarged and added to the scan's full-resolution chroma.
     */
    @Override
    public Image predict(TrainedModel model, ModelInput input, Evidence frame, double workScale) {
        ArtworkInput artwork = (ArtworkInput) input;
        Image small = Evidence.scale(frame.scan(), workScale);
        float[] predicted = model.predict(artwork.of(small)).data();
        float[] neutral = artwork.neutral(small).data();
        float[] confidence = artwork.confidence(small).data();
        float[] own = ChromaCorrection.chroma(small).data();
        Image correction = new Image(small.width(), small.height(), 2, new float[predicted.length]);
        float[] c = correction.data();
        for (int i = 0; i < c.length; i++) {
            float w = confidence[i / 2];
            c[i] = w * predicted[i] + (1 - w) * neutral[i] - own[i];
        }
        // a colour change is smooth: undoing the fade amplifies grain, which must not become chroma noise (the scan's own stays)
        return ChromaCorrection.added(frame.scan(), Planes.gaussian(correction, 0, GrainKept.SIGMA));
    }

    /** The global colour transfer's chroma (a Colour blend of it). */
    @Override
    public Image baseline(ModelInput input, Evidence frame, double workScale) {
        return ((ArtworkInput) input).transferChroma(frame.scan());
    }

    @Override
    public Image confidence(ModelInput input, Evidence frame, double workScale) {
        Image small = Evidence.scale(frame.scan(), workScale);
        return OpenCv.resize(((ArtworkInput) input).confidence(small), frame.scan().width(), frame.scan().height());
    }

    /**
     * No frame of the scan has colour evidence of its own (the artwork shows other moments), so a
     * held-out frame has nothing to be scored against: no figure is made up (the benchmark scores
     * against simulated truth, {@link #scoreTruth}).
     */
    @Override
    public Map<String, Double> scoreHeldOut(Evidence frame, Image result, Image baseline, Compositor compositor) {
        return Map.of();
    }

    /** Chroma CIEDE2000 (a*, b* on the truth's L*) of the result and of the scan against the truth. */
    @Override
    public Map<String, Double> scoreTruth(Evidence frame, Image result, Image truth, Compositor compositor) {
        int step = ScoreLattice.step(result);
        Colour.LabFrame truthLab = Colour.labFrame(truth.sampled(step));
        Colour.LabFrame resultLab = Colour.labFrame(result.sampled(step));
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("deltaE2000ChromaResult", Colour.chromaDeltaE2000(resultLab, truthLab, null).mean());
        scores.put("deltaE2000ChromaScan", Colour.chromaDeltaE2000(Colour.labFrame(frame.scan().sampled(step)), truthLab, null).mean());
        scores.put("deltaE2000Result", Colour.deltaE2000(resultLab, truthLab, null).mean());
        return scores;
    }

    @Override
    public Map<String, String> summary(Map<String, Double> allFrames, Map<String, Double> heldOut) {
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("chroma ΔE2000 scan as is", String.format(Locale.ROOT, "%.2f", allFrames.get("deltaE2000ChromaScan")));
        summary.put("chroma ΔE2000 result", String.format(Locale.ROOT, "%.2f", allFrames.get("deltaE2000ChromaResult")));
        return summary;
    }
}
