package org.emulsion.workflow.artwork.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;

/**
 * {@code org.emulsion.workflow.artwork.folder}: a folder of artwork ({@link ArtworkFolder}) as a
 * frame source, one artwork a frame, each at its own size (the placement scales it onto the scan).
 * The information names the first artwork's size; stills have no frame rate (1 is given).
 */
public final class ArtworkFolderSource implements ReferenceSource {

    @Override
    public boolean canOpen(Path location) {
        return Files.isDirectory(location);
    }

    @Override
    public FrameSource open(Path location) throws IOException {
        return new Frames(ArtworkFolder.read(location));
    }

    /** The artwork of a folder, frame by frame. */
    static final class Frames implements FrameSource {
        private final ArtworkFolder folder;
        private final SourceInfo info;

        Frames(ArtworkFolder folder) {
            this.folder = folder;
            ArtworkFolder.Artwork first = folder.artworks().get(0);
            info = new SourceInfo(first.width(), first.height(), folder.artworks().size(), 1, 1, 8, ArtworkFolder.COLOUR_ENCODING);
        }

        ArtworkFolder folder() {
            return folder;
        }

        @Override
        public SourceInfo info() {
            return info;
        }

        @Override
        public String frameName(int index) {
            return folder.artworks().get(index).name();
        }

        @Override
        public Image read(int index) throws IOException {
            return folder.read(index);
        }

        @Override
        public void close() {
            // nothing held open: each artwork is decoded when read
        }
    }
}
