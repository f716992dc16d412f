package org.emulsion.pipeline.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.Granularity;
import org.emulsion.quality.ColourBaseline;
import org.emulsion.quality.ColourPair;
import org.emulsion.quality.PolynomialRegression;

import com.google.gson.JsonObject;

/**
 * Which models a film gets and which frames each restores.
 * <p>
 * <b>Automatic choice.</b> A per-group colour mapping (a degree-2 polynomial, fitted on thumbnails
 * of the group's pairs) is the evidence: if the mapping of one group restores other groups' pairs
 * much worse than their own mappings do, the groups need models of their own. With
 * {@code distinctness = mean error of a group's mapping on another group's pairs / mean error of
 * each group's mapping on its own pairs}, over groups with at least {@value #MIN_PAIRS} pairs:
 * <ul>
 * <li>{@link Granularity#SHOT} when shots of the same scene are distinct (distinctness above
 * {@value #DISTINCT});</li>
 * <li>else {@link Granularity#SCENE} when scenes are distinct;</li>
 * <li>else {@link Granularity#SEQUENCE}: one model sees every pair.</li>
 * </ul>
 * A requested granularity other than AUTO wins. A group without a pair is restored by the model
 * of its scene (shot granularity) or else of the whole sequence; both fallbacks are reported.
 *
 * @param granularity  the granularity used (never AUTO)
 * @param reason       why, for the report
 * @param models       the models to train
 * @param modelOfFrame per scan frame, the index in {@code models} of the model that restores it
 * @param fallbacks    groups without pairs and the model that restores them instead
 * @param evidence     the distinctness figures that the automatic choice read (empty when not AUTO)
 */
public record ModelPlan(Granularity granularity, String reason, List<Model> models, int[] modelOfFrame, List<String> fallbacks,
        JsonObject evidence) {
    static final int MIN_PAIRS = 2;
    static final double DISTINCT = 2.0;
    private static final int THUMB_WIDTH = 96;

    /**
     * One model to train.
     *
     * @param id         stable name, e.g. {@code shot-003}; also its training and model folder
     * @param covers     what it restores, for people
     * @param pairFrames the scan frames of its training pairs
     */
    public record Model(String id, String covers, List<Integer> pairFrames) {
    }

    /**
     * Decides the models.
     *
     * @param pairs the chosen training pairs by scan frame
     */
    public static ModelPlan decide(Granularity requested, ShotList shots, int frameCount, Map<Integer, Evidence> pairs) {
        JsonObject evidence = new JsonObject();
        Granularity granularity = requested;
        String reason = "requested";
        if (requested == Granularity.AUTO) {
            Map<Integer, Image[]> thumbs = new LinkedHashMap<>();
            // the evidence is how each group maps the scan to its primary reference; without one there is none to compare
            pairs.forEach((f, p) -> {
                if (p.reference() != null) {
                    thumbs.put(f, new Image[] {OpenCv.atMostWide(p.scan(), THUMB_WIDTH), OpenCv.atMostWide(p.reference(), THUMB_WIDTH)});
                }
            });
            double scenes = distinctness(groups(shots.scenes(), thumbs), thumbs, (a, b) -> true);
            double shotsWithinScenes = distinctness(groups(shots.shots(), thumbs), thumbs,
                    (a, b) -> shots.sceneOf(a.get(0)) == shots.sceneOf(b.get(0)));
            evidence.addProperty("sceneDistinctness", scenes);
            evidence.addProperty("shotDistinctnessWithinScenes", shotsWithinScenes);
            evidence.addProperty("threshold", DISTINCT);
            if (shotsWithinScenes > DISTINCT) {
                granularity = Granularity.SHOT;
                reason = String.format(Locale.ROOT, "shots of the same scene map colour differently (distinctness %.2f > %.1f)",
                        shotsWithinScenes, DISTINCT);
            } else if (scenes > DISTINCT) {
                granularity = Granularity.SCENE;
                reason = String.format(Locale.ROOT, "scenes map colour differently (distinctness %.2f > %.1f), shots within a"
                        + " scene alike (%s)", scenes, DISTINCT, figure(shotsWithinScenes));
            } else {
                granularity = Granularity.SEQUENCE;
                reason = String.format(Locale.ROOT, "one colour mapping fits the film: scene distinctness %s, shot distinctness"
                        + " within scenes %s (threshold %.1f; n/a: fewer than two groups with %d pairs)", figure(scenes),
                        figure(shotsWithinScenes), DISTINCT, MIN_PAIRS);
            }
        }
        return plan(granularity, reason, shots, frameCount, pairs.keySet().stream().sorted().toList(), evidence);
    }

    private static String figure(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static ModelPlan plan(Granularity granularity, String reason, ShotList shots, int frameCount, List<Integer> pairFrames,
            JsonObject evidence) {
        List<Model> models = new ArrayList<>();
        List<String> fallbacks = new ArrayList<>();
        int[] modelOfFrame = new int[frameCount];
        Map<String, Integer> index = new LinkedHashMap<>();
        List<FrameRange> groups = switch (granularity) {
            case SHOT -> shots.shots();
            case SCENE -> shots.scenes();
            default -> List.of(new FrameRange(0, frameCount - 1));
        };
        for (int g = 0; g < groups.size(); g++) {
            FrameRange group = groups.get(g);
            String name = granularity == Granularity.SEQUENCE ? "sequence" : String.format(Locale.ROOT, "%s-%03d", granularity.id(), g);
            String covers = granularity == Granularity.SEQUENCE ? "every frame"
                    : granularity.id() + " " + g + " (frames " + group.first() + "–" + group.last() + ")";
            FrameRange source = group;
            if (inside(pairFrames, group).isEmpty()) {
                int scene = shots.sceneOf(group.first());
                FrameRange sceneRange = shots.scenes().get(scene);
                boolean sceneHasPairs = granularity == Granularity.SHOT && !inside(pairFrames, sceneRange).isEmpty();
                source = sceneHasPairs ? sceneRange : new FrameRange(0, frameCount - 1);
                name = sceneHasPairs ? String.format(Locale.ROOT, "scene-%03d", scene) : "sequence";
                String by = sceneHasPairs ? "the model of its scene " + scene : "the model of the whole sequence";
                covers = sceneHasPairs ? "scene " + scene + " (frames " + sceneRange.first() + "–" + sceneRange.last() + ")" : "every frame";
                fallbacks.add(granularity.id() + " " + g + " (frames " + group.first() + "–" + group.last() + ") has no usable pair;"
                        + " restored by " + by);
            }
            Integer m = index.get(name);
            if (m == null) {
                m = models.size();
                index.put(name, m);
                models.add(new Model(name, covers, inside(pairFrames, source)));
            }
            for (int f = group.first(); f <= group.last(); f++) {
                modelOfFrame[f] = m;
            }
        }
        return new ModelPlan(granularity, reason, models, modelOfFrame, fallbacks, evidence);
    }

    private static List<Integer> inside(List<Integer> frames, FrameRange range) {
        return frames.stream().filter(range::contains).toList();
    }

    private static List<List<Integer>> groups(List<FrameRange> ranges, Map<Integer, Image[]> pairs) {
        List<List<Integer>> groups = new ArrayList<>();
        for (FrameRange r : ranges) {
            List<Integer> members = inside(List.copyOf(pairs.keySet()), r);
            if (members.size() >= MIN_PAIRS) {
                groups.add(members);
            }
        }
        return groups;
    }

    /** Cross error / own error of the groups' mappings over the group pairs {@code compared} accepts; NaN without two groups. */
    private static double distinctness(List<List<Integer>> groups, Map<Integer, Image[]> pairs,
            BiPredicate<List<Integer>, List<Integer>> compared) {
        if (groups.size() < 2) {
            return Double.NaN;
        }
        List<ColourBaseline> mappings = new ArrayList<>();
        double own = 0;
        for (List<Integer> g : groups) {
            ColourBaseline mapping = new PolynomialRegression(2);
            mapping.fit(g.stream().map(f -> ColourPair.of(pairs.get(f)[0], pairs.get(f)[1])).toList());
            mappings.add(mapping);
            own += error(mapping, g, pairs) / groups.size();
        }
        double cross = 0;
        int n = 0;
        for (int a = 0; a < groups.size(); a++) {
            for (int b = 0; b < groups.size(); b++) {
                if (a != b && compared.test(groups.get(a), groups.get(b))) {
                    cross += error(mappings.get(a), groups.get(b), pairs);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : cross / n / Math.max(own, 1e-3);
    }

    /** Mean absolute RGB error of {@code mapping} on the group's pairs, where the reference covers the scan. */
    private static double error(ColourBaseline mapping, List<Integer> group, Map<Integer, Image[]> pairs) {
        double sum = 0;
        long n = 0;
        for (int f : group) {
            float[] mapped = mapping.apply(pairs.get(f)[0]).data();
            float[] reference = pairs.get(f)[1].data();
            for (int i = 0; i < mapped.length; i++) {
                if (Float.isFinite(mapped[i]) && Float.isFinite(reference[i])) {
                    sum += Math.abs(mapped[i] - reference[i]);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
