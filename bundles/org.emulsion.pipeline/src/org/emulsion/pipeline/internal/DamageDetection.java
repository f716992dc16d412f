package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import org.emulsion.align.damage.DamageDetector;
import org.emulsion.align.damage.DamageMap;
import org.emulsion.align.damage.Observation;
import org.emulsion.core.image.Image;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.RestorationJob;

/**
 * Finds the damage of the scan's frames with {@link DamageDetector}: each frame against its
 * registered references (the witnesses) and its neighbours of the same shot. Frames are asked for
 * in order, a few at a time from several threads, so each is read and registered once for the three
 * maps it takes part in ({@link #keepOnly} lets go of those no frame asked for next needs).
 */
final class DamageDetection {
    private final EvidenceReader reader;
    private final ShotList shots;
    private final DamageDetector detector = new DamageDetector();
    /** The observations of the last frames read, by frame index (at most three are kept). */
    private final Map<Integer, Observation> recent = new HashMap<>();

    DamageDetection(RestorationJob job, ResumeFolder resume, ShotList shots) throws IOException {
        this.reader = new EvidenceReader(job, resume, true, false);
        this.shots = shots;
    }

    /**
     * The damage maps of every element at scan frame {@code frame}: the scan's first, then each
     * reference's registered on it (null where a reference lacks the frame). All elements witness
     * each other, each with its own neighbours of the shot.
     */
    List<DamageMap> detectEach(int frame) throws IOException {
        return detector.detectEach(elements(observe(shots.previousInShot(frame))), elements(observe(frame)),
                elements(observe(shots.nextInShot(frame))));
    }

    private static List<Image> elements(Observation o) {
        if (o == null) {
            return null;
        }
        List<Image> all = new ArrayList<>();
        all.add(o.frame());
        all.addAll(o.witnesses());
        return all;
    }

    /** The damage map of scan frame {@code frame}. */
    DamageMap detect(int frame) throws IOException {
        return detector.detect(observe(shots.previousInShot(frame)), observe(frame), observe(shots.nextInShot(frame)));
    }

    /** Whether scan frame {@code frame} has a witness: some reference shows it. */
    boolean witnessed(int frame) throws IOException {
        return observe(frame).witnesses().stream().anyMatch(w -> w != null);
    }

    /**
     * The map of scan frame {@code frame}, which no reference shows, found again with the
     * references of frame {@code source} as witnesses ({@link DamageDetector#detectBorrowing}),
     * each blanked where its own map at {@code source} marks damage ({@code sourceMaps}, null
     * entries where none is known); {@code known} is the frame's map so far.
     */
    DamageMap detectBorrowing(int frame, int source, List<Image> sourceMaps, Image known) throws IOException {
        Observation there = observe(source);
        List<Image> witnesses = new ArrayList<>();
        for (int k = 0; k < there.witnesses().size(); k++) {
            Image w = there.witnesses().get(k);
            Image map = k < sourceMaps.size() ? sourceMaps.get(k) : null;
            witnesses.add(w == null || map == null ? w : blanked(w, map));
        }
        int before = shots.previousInShot(frame);
        int after = shots.nextInShot(frame);
        DamageMap out = detector.detectBorrowing(before < 0 ? null : observe(before).frame(), observe(frame).frame(),
                after < 0 ? null : observe(after).frame(), there.frame(), witnesses, known);
        keepOnly(f -> f >= Math.min(frame, source) - 1); // the frames are visited out of order
        return out;
    }

    /** {@code image} with NaN where {@code map} marks damage. */
    private static Image blanked(Image image, Image map) {
        float[] d = image.data().clone();
        int c = image.channels();
        float[] m = map.data();
        for (int p = 0; p < m.length; p++) {
            if (m[p] >= 0.5f) {
                java.util.Arrays.fill(d, p * c, p * c + c, Float.NaN);
            }
        }
        return new Image(image.width(), image.height(), c, d);
    }

    /**
     * The scan frame's map found without a witness ({@code map}) with the lasting damage of its
     * neighbour {@code from} (whose map is {@code fromMap}) added: {@link DamageDetector#withLasting}.
     */
    DamageMap withLasting(DamageMap map, int frame, int from, Image fromMap) throws IOException {
        DamageMap out = detector.withLasting(map, observe(frame).frame(), observe(from).frame(), fromMap);
        keepOnly(f -> f == frame || f == from); // the frames are visited out of order
        return out;
    }

    /** {@code mask} with the line-scratch candidates a neighbouring frame confirms: {@link DamageDetector#withLineScratches}. */
    Image withLineScratches(Image mask, Image candidates, Image before, Image after) {
        return detector.withLineScratches(mask, candidates, before, after);
    }

    /** Lets go of the observations of the frames not {@code needed}. */
    synchronized void keepOnly(IntPredicate needed) {
        recent.keySet().removeIf(f -> !needed.test(f));
    }

    /** The frame's observation, read once (reads are one at a time: the sources are not shared between threads); null for frame -1. */
    private synchronized Observation observe(int frame) throws IOException {
        if (frame < 0) {
            return null;
        }
        Observation known = recent.get(frame);
        if (known == null) {
            Evidence e = reader.read(frame);
            known = new Observation(e.scan(), new ArrayList<>(e.references())); // null where a reference does not show the frame
            recent.put(frame, known);
        }
        return known;
    }
}
