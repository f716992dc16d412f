package org.emulsion.pipeline.internal.targets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.emulsion.align.internal.FeatureEccAligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.Image;

/**
 * The camera's motion between two frames of a run, at the work scale: a homography from features
 * ({@link FeatureEccAligner}, as references are registered), remembered for the pair. Frame k's next
 * neighbour is frame k+1's previous one, so each pair is matched once. It is always matched from the
 * earlier frame to the later, the other direction being its inverse, so that a frame's result does not
 * depend on which frames were restored before it (a render unit of a cluster starts anywhere): a match
 * costs about half a second at archive size.
 */
public final class CameraMotions {
    /** Pairs remembered: enough for a frame's two neighbours and the next frame's, in the order frames are restored. */
    private static final int KEPT = 8;

    private final Map<Long, Optional<double[]>> matched = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Optional<double[]>> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * The homography taking frame {@code from}'s pixels ({@code fromScan}) to frame {@code to}'s
     * ({@code toScan}, the same size); null when the two scans do not match.
     */
    public synchronized double[] between(int from, Image fromScan, int to, Image toScan) {
        if (from > to) {
            double[] back = between(to, toScan, from, fromScan);
            return back == null ? null : SpatialAlignment.invert(back);
        }
        Optional<double[]> known = matched.computeIfAbsent(((long) from << 32) | (to & 0xffffffffL), k -> {
            SpatialAlignment camera = new FeatureEccAligner().align(fromScan, toScan);
            return camera.isRejected() ? Optional.empty() : Optional.of(camera.homography());
        });
        return known.map(double[]::clone).orElse(null);
    }
}
