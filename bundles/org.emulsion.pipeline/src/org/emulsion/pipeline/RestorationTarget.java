package org.emulsion.pipeline;

import java.util.List;
import java.util.Map;

import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;

/**
 * What a kind of restore changes in the scan, and how its evidence becomes training pairs, model
 * input, a baseline and scores — the part of a recipe the shared pipeline cannot know. The
 * pipeline does the rest the same way for every target: matching and registering the references,
 * finding shots and damage, curating pairs, training one model per sequence, scene or shot,
 * rendering every frame through the recipe's compositor, the baseline, the report and the
 * provenance.
 * <p>
 * Contributed through the {@code org.emulsion.pipeline.restorationTargets} extension point, whose
 * declaration also names the IPTC digital source type of the frames it makes and the note their
 * provenance carries. An architecture serves one target (its {@code target} attribute); a workflow
 * naming an architecture of another target is rejected. Implementations are stateless and
 * thread-safe; everything fitted lives in the {@link ModelInput} they return.
 */
public interface RestorationTarget {
    /** The {@link #sources} label of a pixel no element showed intact: the model inferred it. */
    int INFERRED = 255;

    /**
     * Whether the scan is one of the paths of the recipe's first reference option instead of
     * {@code --scan}: a restore from several equal elements (the prints of a multi-print composite)
     * takes one of them as the timeline the others are matched and registered on. The recipe's
     * {@code --master} option names it when declared and given, else {@link #chooseScan} picks it;
     * the other paths stay the references, in the order given.
     */
    default boolean scanAmongReferences() {
        return false;
    }

    /**
     * Which of the opened elements is the scan when {@link #scanAmongReferences}: by default the one
     * with the most frames (the least cut), then the most pixels, then the first given.
     */
    default int chooseScan(List<FrameSource> elements) {
        int best = 0;
        for (int i = 1; i < elements.size(); i++) {
            FrameSource a = elements.get(i);
            FrameSource b = elements.get(best);
            long pixelsA = (long) a.info().width() * a.info().height();
            long pixelsB = (long) b.info().width() * b.info().height();
            if (a.frameCount() > b.frameCount() || (a.frameCount() == b.frameCount() && pixelsA > pixelsB)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Whether the damage of every reference is found too (only with {@link #needsDamage}): all
     * elements registered on the scan witness each other ({@code DamageDetector.detectEach}), each
     * with its own neighbours, and {@link Evidence#referenceDamage()} holds the references' maps.
     */
    default boolean needsReferenceDamage() {
        return false;
    }

    /**
     * Which element each pixel of a rendered frame came from, for a target that composites several:
     * 0 the scan, k reference k (from 1), {@link #INFERRED} where none was intact; null (the
     * default) for a target that does not. {@code prediction} is what {@link #predict} returned.
     * The pipeline writes it to {@link RunLayout#sourceMap}, puts each element's share into the
     * frame's header and the report.
     */
    default int[] sources(Evidence frame, Image prediction) {
        return null;
    }

    /**
     * Whether the target composites several elements and plans, before any model, which element each
     * pixel will come from ({@link #plannedSources}), for the restorer to review the plan.
     */
    default boolean plansSources() {
        return false;
    }

    /**
     * The plan of a prepared frame before training, for a target that {@link #plansSources}: which
     * element each pixel will come from, in {@link #sources} codes, decided from the damage maps and
     * what each registered element covers by the same rule the render applies. The render may still
     * take a hole from an element that agrees with the model's fill there, so a pixel planned
     * {@link #INFERRED} may come from an element; every other pixel comes from the planned one.
     * Null (the default) for a target that does not plan.
     */
    default int[] plannedSources(Evidence frame) {
        return null;
    }

    /**
     * Why this target cannot restore {@code job}'s material (one line naming the file and what to
     * do), or null when it can; checked before any work.
     */
    default String refusal(RestorationJob job) {
        return null;
    }

    /**
     * Whether the pipeline finds damage on every scan frame (or reads the restorer's {@code --masks})
     * before training, hands the maps to {@link Evidence#damage()} and writes them to {@link RunLayout#MASKS}.
     */
    default boolean needsDamage() {
        return false;
    }

    /**
     * Whether rendering needs each frame's registered references (a guide print, witness prints);
     * a target that infers from the scan alone (chroma) gets evidence without them.
     */
    default boolean needsReferencesToRender() {
        return false;
    }

    /**
     * Whether rendering {@code job}'s frames needs their registered references: by default
     * {@link #needsReferencesToRender()}; a target whose model sees the references only with some
     * architectures (a chroma network of {@code inputChannels="6"}) decides from the job's. The
     * baseline reads what {@link #needsReferencesToRender()} says.
     */
    default boolean needsReferencesToRender(RestorationJob job) {
        return needsReferencesToRender();
    }

    /**
     * The scale of the scan's size at which rendering reads the registered references, given the
     * models' working scale: 1 by default (the compositor gets them at the scan's size); a target
     * whose model alone reads them, at its working scale, returns that, and they are warped
     * straight into that grid rather than at an archive-size scan's size and reduced.
     */
    default double referenceScaleToRender(double workScale) {
        return 1;
    }

    /**
     * Whether rendering a frame needs its neighbouring frames of the same shot: then the evidence
     * handed to {@link #predict} carries {@link Evidence#previous()} and {@link Evidence#next()}
     * (read and registered alike, at the scale {@link #referenceScaleToRender} gives; each frame is
     * read once for the three it serves).
     */
    default boolean needsNeighbours() {
        return false;
    }

    /**
     * Whether the neighbours {@link #needsNeighbours} hands are the nearest frames of the shot that
     * the primary reference shows (before and after, skipping the frames it has no counterpart of,
     * such as a censor cut), rather than the adjacent frames: for a target that reads its neighbours'
     * references, so that a frame in a cut still gets the colour evidence of its shot.
     */
    default boolean neighboursShownByReference() {
        return false;
    }

    /**
     * Whether the references are registered on the scan frames (the same picture, another element),
     * so that a pair is refused when its registration is doubtful or the reference shows content the
     * scan lacks. A target whose evidence shows other moments of the film (artwork placed on the
     * frame, never registered) returns false: only a black or unplaced reference is refused.
     */
    default boolean referencesRegistered() {
        return true;
    }

    /**
     * The scale (≤ 1, relative to the scan) at which the models learn and infer, from the training
     * frames' registrations (reference → scan); 1 = the scan's own resolution.
     */
    default double workScale(List<SpatialAlignment> training) {
        return 1;
    }

    /**
     * Fits what one model's input needs on its training frames (given at the work scale).
     *
     * @param inputChannels the architecture's declared input channels
     * @throws IllegalArgumentException when the architecture's contract does not fit this target
     */
    ModelInput fit(List<Evidence> pairs, int inputChannels);

    /**
     * Fits what one model's input needs with the whole job at hand: what the pipeline calls. A target
     * that learns something of the material as a whole (the fade of a film against all its artwork)
     * reads it from {@code job}'s scan and references (read-only); the default fits on the pairs alone.
     *
     * @throws IllegalArgumentException when the architecture's contract does not fit this target
     */
    default ModelInput fit(RestorationJob job, List<Evidence> pairs, int inputChannels) {
        return fit(pairs, inputChannels);
    }

    /**
     * The training pairs of one frame (given at the work scale): input and target in the
     * architecture's channel contract, and a mask of the pixels that may teach (1) or not (0).
     *
     * @param seed reproducible randomness (e.g. synthetic damage), the same on every run of the recipe
     */
    List<TrainingPair> pairs(Evidence frame, ModelInput input, long seed);

    /**
     * The pairs a held-out frame (at the work scale) is validated on, which choose the weights
     * training keeps: {@link #pairs} by default; a target whose model is used for only some of
     * what it learns returns the pairs of that use.
     */
    default List<TrainingPair> validationPairs(Evidence frame, ModelInput input, long seed) {
        return pairs(frame, input, seed);
    }

    /**
     * The model's output for a frame (evidence at the scan's size), in the compositor's contract.
     *
     * @param workScale the scale {@link #workScale} chose
     * @throws org.emulsion.engine.NonFiniteValueException when the model yields NaN or infinite values
     */
    Image predict(TrainedModel model, ModelInput input, Evidence frame, double workScale);

    /** What the frame gets without a trained model (a match grade, the tone-matched reference), same contract. */
    Image baseline(ModelInput input, Evidence frame, double workScale);

    /** The mask the compositor uses for the frame: where the prediction may replace the scan (null: everywhere). */
    default Image compositeMask(Evidence frame) {
        return frame.damage();
    }

    /**
     * Scores a held-out frame (never trained on) against its own evidence, e.g. ΔE2000 of the
     * result, the baseline and the scan against the registered reference. The report averages
     * each figure over the held-out frames.
     */
    Map<String, Double> scoreHeldOut(Evidence frame, Image result, Image baseline, Compositor compositor);

    /**
     * Scores a result against the known truth of simulated material (the demo, the benchmarks).
     * The report averages each figure over all frames, held-out frames and frames without a reference.
     */
    Map<String, Double> scoreTruth(Evidence frame, Image result, Image truth, Compositor compositor);

    /**
     * How far the evidence supports the frame's prediction, per pixel (1 channel, the scan's size, 0
     * to 1), written to {@link RunLayout#CONFIDENCE} beside the frame; null (the default) when the
     * target has no such map.
     */
    default Image confidence(ModelInput input, Evidence frame, double workScale) {
        return null;
    }

    /** Facts about one output frame for its provenance header, beyond the model's (e.g. the damaged fraction). */
    default Map<String, String> frameFacts(Evidence frame) {
        return Map.of();
    }

    /** Lines for the terminal summary from the averaged truth scores (all frames, held-out frames); may be empty. */
    default Map<String, String> summary(Map<String, Double> allFrames, Map<String, Double> heldOut) {
        return Map.of();
    }
}
