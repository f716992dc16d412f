package org.emulsion.pipeline.internal.targets;

import org.emulsion.core.image.Image;

/**
 * Where per-pixel colour scores (CIEDE2000 of a held-out frame, or against the truth) are taken: on
 * a regular lattice of at most {@value #MAX_PIXELS} pixels ({@link Image#sampled}). The inputs are
 * sampled before any per-pixel step (compositing, conversion), so each scored pixel has exactly
 * its full-size value; the mean over the lattice estimates the frame's without bias, at a quarter
 * of the cost on an archive-size frame (4400×3300). Frames up to 2K are scored on every pixel.
 */
final class ScoreLattice {
    static final int MAX_PIXELS = 4_000_000;

    private ScoreLattice() {
    }

    /** The lattice's step for frames of {@code frame}'s size. */
    static int step(Image frame) {
        return (int) Math.ceil(Math.sqrt((double) frame.width() * frame.height() / MAX_PIXELS));
    }
}
