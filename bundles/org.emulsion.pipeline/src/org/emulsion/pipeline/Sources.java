package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.ReferenceRecipe;
import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.image.FrameSource;

/** Which reference source opens a location: the one rule for scans, references and run folders. */
public final class Sources {
    static final String IMAGE_SEQUENCE = "org.emulsion.media.imageSequence";
    static final String VIDEO_FILE = "org.emulsion.media.videoFile";

    private Sources() {
    }

    /** The frame-folder or video-file source when one recognises {@code location}, else null. */
    public static ReferenceSource plain(Path location) {
        for (String id : List.of(IMAGE_SEQUENCE, VIDEO_FILE)) {
            ReferenceSource source = ReferenceSourceRegistry.get().get(id).instance();
            if (source.canOpen(location)) {
                return source;
            }
        }
        return null;
    }

    /**
     * The source that opens a scan: a folder of frames or a video file.
     *
     * @param option the option that named it, for the message
     */
    public static ReferenceSource scan(Path location, String option) throws EmulsionException {
        ReferenceSource source = plain(location);
        if (source == null) {
            throw new EmulsionException(option + " " + location + " is neither a folder of frames (.dpx, .tif, .png, .exr) nor a video file");
        }
        return source;
    }

    /** The recipe's reference source when it recognises {@code location}, else the frame-folder or video-file source. */
    public static ReferenceSource reference(ReferenceRecipe recipe, Path location) throws EmulsionException {
        ReferenceSource declared = recipe.sourceId().isEmpty() ? null : recipe.source();
        ReferenceSource source = declared != null && declared.canOpen(location) ? declared : plain(location);
        if (source == null) {
            throw new EmulsionException("--" + recipe.option() + " " + location + " is not " + recipe.kinds() + "; give one of those");
        }
        return source;
    }

    /** Opens {@code location} with {@code source}; a failure names the file and the option. */
    public static FrameSource open(ReferenceSource source, Path location, String option) throws EmulsionException {
        try {
            return source.open(location);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage() + " (" + option + ")", e);
        }
    }
}
