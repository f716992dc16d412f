package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * maps it takes part in ({@link #forgetBefore} lets go of those no frame asked for next needs).
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
    List<DamageMap> detectEach(int frame, int frameCount) throws IOException {
        int shot = shots.shotOf(frame);
        Observation previous = frame > 0 && shots.shotOf(frame - 1) == shot ? observe(frame - 1) : null;
        Observation next = frame + 1 < frameCount && shots.shotOf(frame + 1) == shot ? observe(frame + 1) : null;
        return detector.detectEach(elements(previous), elements(observe(frame)), elements(next));
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
    DamageMap detect(int frame, int frameCount) throws IOException {
        int shot = shots.shotOf(frame);
        Observation previous = frame > 0 && shots.shotOf(frame - 1) == shot ? observe(frame - 1) : null;
        Observation next = frame + 1 < frameCount && shots.shotOf(frame + 1) == shot ? observe(frame + 1) : null;
        return detector.detect(previous, observe(frame), next);
    }

    /** Lets go of the observations of the frames before {@code frame}. */
    synchronized void forgetBefore(int frame) {
        recent.keySet().removeIf(f -> f < frame);
    }

    /** The frame's observation, read once (reads are one at a time: the sources are not shared between threads). */
    private synchronized Observation observe(int frame) throws IOException {
        Observation known = recent.get(frame);
        if (known == null) {
            Evidence e = reader.read(frame);
            known = new Observation(e.scan(), new ArrayList<>(e.references())); // null where a reference does not show the frame
            recent.put(frame, known);
        }
        return known;
    }
}
