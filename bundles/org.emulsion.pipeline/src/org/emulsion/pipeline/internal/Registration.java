package org.emulsion.pipeline.internal;

import java.util.List;

import org.emulsion.pipeline.Evidence;

/**
 * The result of the preparation stage, shared by the models and by baselines fitted on the same pairs.
 *
 * @param frames     every scan frame against the primary reference
 * @param pairs      the chosen training frames (after the restorer's edits), in frame order, with every
 *                   reference registered on them and their damage maps: read from the output folder
 *                   each time one is asked for ({@link StoredEvidence}, while the job's sources are open), so scale
 *                   or drop it after use
 * @param heldOut    a few confidently aligned frames spread over the film that are not training pairs:
 *                   the models are validated on them and show them on their contact sheets; read as
 *                   the pairs are
 * @param heldOutFrames the held-out scan frames, known without reading them
 * @param shots      the scan's shots and scenes
 * @param candidates every frame tried as a training pair, chosen or rejected and why
 */
public record Registration(List<Registered> frames, List<Evidence> pairs, List<Evidence> heldOut, List<Integer> heldOutFrames,
        ShotList shots, List<PairCuration.Candidate> candidates) {
}
