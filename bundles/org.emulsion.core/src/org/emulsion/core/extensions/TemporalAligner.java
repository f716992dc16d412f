package org.emulsion.core.extensions;

import java.io.IOException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.image.FrameSource;

/**
 * Finds, for every scan frame, the reference frame that shows the same film frame, or none.
 * <p>
 * Contributed through the {@code org.emulsion.core.temporalAligners} extension point. The
 * elements differ in speed (PAL 25 fps against 24), lead-in, censor cuts, dropped and duplicated
 * frames, framing and grade; the match must be monotonic in time. Implementations read each source
 * once, in order (video sources seek backwards by reopening), and keep only small summaries.
 * Instances must be thread-safe.
 */
public interface TemporalAligner {

    /**
     * Matches {@code scan} against {@code reference}.
     *
     * @throws IOException naming the file when a frame cannot be read
     */
    TemporalMatch match(FrameSource scan, FrameSource reference, IProgressMonitor monitor) throws IOException;
}
