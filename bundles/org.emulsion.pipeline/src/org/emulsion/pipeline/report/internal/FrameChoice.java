package org.emulsion.pipeline.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which frames the report shows side by side: the held-out frames (the scored ones) and frames
 * from the middle of shots spread over the film, so that every look of the film is seen once.
 */
public final class FrameChoice {
    private FrameChoice() {
    }

    /** A shot's first and last scan frame index. */
    public record Shot(int first, int last) {
        int middle() {
            return (first + last) / 2;
        }
    }

    /**
     * At most {@code max} frames in film order: every held-out frame (up to {@code max}), then
     * the middles of the shots none of those is in, evenly spread over the shot list; when the
     * film has fewer shots than that, evenly spaced frames fill up.
     */
    public static List<Integer> spread(int frameCount, List<Shot> shots, List<Integer> heldOut, int max) {
        TreeSet<Integer> chosen = new TreeSet<>();
        heldOut.stream().filter(f -> f >= 0 && f < frameCount).limit(max).forEach(chosen::add);
        List<Integer> middles = shots.stream().filter(s -> chosen.subSet(s.first(), true, s.last(), true).isEmpty())
                .map(Shot::middle).toList();
        addSpread(chosen, middles, max);
        List<Integer> even = new ArrayList<>();
        int slots = Math.min(max, frameCount);
        for (int k = 0; k < slots; k++) {
            even.add((int) ((k + 0.5) * frameCount / slots));
        }
        addSpread(chosen, even, max);
        return List.copyOf(chosen);
    }

    /** Adds evenly spread members of {@code candidates} until {@code chosen} holds {@code max}. */
    private static void addSpread(TreeSet<Integer> chosen, List<Integer> candidates, int max) {
        List<Integer> fresh = candidates.stream().filter(f -> !chosen.contains(f)).distinct().toList();
        int room = max - chosen.size();
        for (int k = 0; k < Math.min(room, fresh.size()); k++) {
            chosen.add(fresh.get((int) ((k + 0.5) * fresh.size() / Math.min(room, fresh.size()))));
        }
    }
}
