package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.emulsion.core.image.Image;
import org.emulsion.pipeline.Alignments;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.RestorationJob;

/**
 * Reads a scan frame's {@link Evidence}: the scan, each reference registered on it (the stored
 * warp of a pair or held-out frame, else the reference frame warped again with its stored
 * alignment; at the scan's size unless a reduced grid is asked for) and its damage map. Not thread-safe: one reader per thread (frame sources are not).
 */
final class EvidenceReader {
    private final RestorationJob job;
    private final ResumeFolder resume;
    private final boolean withReferences;
    private final boolean withDamage;
    private final double referenceScale;
    private final List<List<ResumeFolder.StoredFrame>> registrations = new ArrayList<>();
    /** The last frames read with {@link #readWithNeighbours}, by index: each serves itself and the frames it neighbours. */
    private final Map<Integer, Evidence> recent = new HashMap<>();
    /** The same frames as neighbours at the references' scale ({@link #neighbour}). */
    private final Map<Integer, Evidence> shrunk = new HashMap<>();

    /**
     * @param withReferences whether to read the registered references (a target rendering from the scan alone needs none)
     * @param withDamage     whether to read the damage maps (they must have been written)
     */
    EvidenceReader(RestorationJob job, ResumeFolder resume, boolean withReferences, boolean withDamage) throws IOException {
        this(job, resume, withReferences, withDamage, 1);
    }

    /**
     * @param referenceScale the references are registered on the scan reduced to this scale ({@link Evidence#scale}'s
     *                       grid), warped straight into it: for a target whose model alone reads them at its working
     *                       scale ({@link org.emulsion.pipeline.RestorationTarget#referenceScaleToRender})
     */
    EvidenceReader(RestorationJob job, ResumeFolder resume, boolean withReferences, boolean withDamage, double referenceScale)
            throws IOException {
        this.job = job;
        this.resume = resume;
        this.withReferences = withReferences;
        this.withDamage = withDamage;
        this.referenceScale = referenceScale;
        if (withReferences) {
            for (int k = 0; k < job.references().size(); k++) {
                List<ResumeFolder.StoredFrame> frames = resume.frames(k);
                if (frames == null) {
                    throw new IOException("the registration of " + job.references().get(k).location() + " is missing from "
                            + job.outputDirectory() + "; run the restore again to register it");
                }
                registrations.add(frames);
            }
        }
    }

    Evidence read(int frame) throws IOException {
        Image scan = job.scan().read(frame);
        List<Image> references = new ArrayList<>();
        if (withReferences) {
            for (int k = 0; k < job.references().size(); k++) {
                references.add(registered(k, frame, scan.width(), scan.height()));
            }
        }
        Image damage = withDamage ? DamageMaps.read(job, frame) : null;
        List<Image> referenceDamage = new ArrayList<>();
        if (withDamage && job.restoration().needsReferenceDamage()) {
            for (int k = 0; k < job.references().size(); k++) {
                referenceDamage.add(references.size() > k && references.get(k) == null ? null : DamageMaps.readReference(job, k, frame));
            }
        }
        return new Evidence(frame, job.scan().frameName(frame), scan, references, damage, referenceDamage);
    }

    /**
     * The frame's evidence with its neighbours of the same shot ({@link Evidence#previous},
     * {@link Evidence#next}): the adjacent frames, or with {@code shownByReference} the nearest frames
     * before and after that the primary reference shows. Asked for in order, each frame is read once (the
     * frame after a cut twice: once shrunk as the cut's neighbour, once as itself).
     */
    Evidence readWithNeighbours(int frame, ShotList shots, boolean shownByReference) throws IOException {
        int before = shots.previousInShot(frame);
        int after = shots.nextInShot(frame);
        while (shownByReference && before >= 0 && !shows(before)) {
            before = shots.previousInShot(before);
        }
        while (shownByReference && after >= 0 && !shows(after)) {
            after = shots.nextInShot(after);
        }
        List<Integer> kept = List.of(frame - 1, frame, frame + 1, before, after); // a cut's frames share the two around it
        recent.keySet().retainAll(kept);
        shrunk.keySet().retainAll(kept);
        Evidence evidence = cached(frame).withNeighbours(before < 0 ? null : neighbour(before), after < 0 ? null : neighbour(after));
        if (referenceScale < 0.999) { // a neighbour across a cut is kept shrunk only, not at full size too
            recent.keySet().retainAll(List.of(frame - 1, frame, frame + 1));
        }
        return evidence;
    }

    /** Whether the primary reference shows {@code frame}: it has a usable registration there ({@link #registered} is not null). */
    private boolean shows(int frame) {
        return withReferences && !registrations.isEmpty()
                && (resume.hasRegistered(0, frame) || Alignments.usable(registrations.get(0).get(frame).alignment()));
    }

    /**
     * A neighbour as the target reads it: where the references are registered at a working scale, its
     * scan and damage shrunk to that scale too, so that a frame waiting to be rendered holds no
     * neighbour at full size (an archive-size scan frame is 174 MB).
     */
    private Evidence neighbour(int frame) throws IOException {
        if (referenceScale >= 0.999) {
            return cached(frame);
        }
        Evidence known = shrunk.get(frame); // shrunk once for all the frames it neighbours
        if (known == null) {
            Evidence e = cached(frame);
            known = new Evidence(e.frame(), e.name(), Evidence.scale(e.scan(), referenceScale), e.references(),
                    Evidence.scale(e.damage(), referenceScale), e.referenceDamage());
            shrunk.put(frame, known);
        }
        return known;
    }

    private Evidence cached(int frame) throws IOException {
        Evidence known = recent.get(frame);
        if (known == null) {
            known = read(frame);
            recent.put(frame, known);
        }
        return known;
    }

    /** Reference {@code k} registered on {@code frame}, or null when no usable registration shows it. */
    private Image registered(int k, int frame, int width, int height) throws IOException {
        ResumeFolder.StoredFrame stored = registrations.get(k).get(frame);
        RestorationJob.Reference reference = job.references().get(k);
        int gridWidth = Evidence.scaled(width, referenceScale);
        int gridHeight = Evidence.scaled(height, referenceScale);
        if (resume.hasRegistered(k, frame)) {
            return resume.registered(k, frame, stored.alignment(), reference.aligner(), width, height, gridWidth, gridHeight);
        }
        if (!Alignments.usable(stored.alignment())) {
            return null;
        }
        return Warps.into(reference.aligner(), reference.source().read(stored.referenceFrame()), stored.alignment(), width, height,
                gridWidth, gridHeight);
    }
}
