package org.emulsion.align.damage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.emulsion.core.image.Image;

/**
 * One moment of a film element as the damage detector sees it: a frame and its witnesses — other
 * elements' pictures of the same moment (a reference print, the other prints), each already
 * registered on the frame's grid, NaN where it does not cover the frame, in its own tones
 * (the detector matches them). Witness {@code k} must be the same element in the observations of
 * neighbouring frames; an element that lacks this moment is a null entry.
 *
 * @param frame     the frame (RGB or grey; may hold NaN where the element itself does not cover the grid)
 * @param witnesses the registered witnesses, in a fixed order; entries may be null
 */
public record Observation(Image frame, List<Image> witnesses) {

    public Observation {
        if (frame == null) {
            throw new IllegalArgumentException("an observation needs its frame");
        }
        for (Image w : witnesses) {
            if (w != null && (w.width() != frame.width() || w.height() != frame.height() || w.channels() != frame.channels())) {
                throw new IllegalArgumentException("witness " + w + " is not registered on the frame " + frame);
            }
        }
        witnesses = Collections.unmodifiableList(new ArrayList<>(witnesses));
    }

    /** A frame with no witness: only its own neighbours can tell its damage. */
    public Observation(Image frame) {
        this(frame, List.of());
    }

    /** Witness {@code k}, or null when there is none at this moment. */
    Image witness(int k) {
        return k < witnesses.size() ? witnesses.get(k) : null;
    }
}
