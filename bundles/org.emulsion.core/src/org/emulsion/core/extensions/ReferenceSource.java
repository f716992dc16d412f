package org.emulsion.core.extensions;

import java.io.IOException;
import java.nio.file.Path;

import org.emulsion.core.image.FrameSource;

/**
 * Opens one kind of reference element (an image sequence, a DVD, a telecine capture, an
 * artwork folder...) as a {@link FrameSource} with its timing, geometry and colour encoding.
 * <p>
 * Contributed through the {@code org.emulsion.core.referenceSources} extension point. The class
 * needs a public no-argument constructor; one instance serves every open call, so it must be
 * stateless. Sources never modify the material they read.
 */
public interface ReferenceSource {

    /** Whether {@code location} looks like material of this kind (cheap: no decoding). */
    boolean canOpen(Path location);

    /**
     * Opens {@code location}.
     *
     * @throws IOException naming the file and what is wrong with it when it cannot be read
     */
    FrameSource open(Path location) throws IOException;
}
