package org.emulsion.workflow.artwork.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.swt.graphics.ImageData;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.FrameSource;
import org.emulsion.pipeline.Sources;
import org.emulsion.pipeline.internal.FrameRange;
import org.emulsion.pipeline.internal.ShotDetector;
import org.emulsion.pipeline.internal.ShotList;
import org.emulsion.ui.internal.compare.DisplayImages;
import org.emulsion.workflow.artwork.internal.ArtworkFolder;

/**
 * What the assignment page shows, read off the UI thread: the scan's shots as the run finds them
 * ({@link ShotDetector}, so the numbers agree with the run's and the report's), the artwork folder as
 * the run reads it (usable and skipped files), and small thumbnails of each shot's middle frame and of
 * each usable artwork (pixel data only: the page makes the SWT images).
 *
 * @param scan     the scan it was found for
 * @param artwork  the artwork folder it was found for
 * @param frames   how many frames the scan has
 */
record AssignmentMaterial(Path scan, Path artwork, int frames, ShotList shots, ArtworkFolder folder, List<ImageData> shotPictures,
        List<ImageData> artworkPictures) {
    /** Thumbnail height in pixels: enough to recognise a shot or a painting in a table row. */
    static final int THUMBNAIL_HEIGHT = 40;

    /**
     * Opens the scan as the run opens it (a folder of frames or a video file) and the artwork folder,
     * and finds the shots.
     *
     * @throws EmulsionException in one line naming the scan or the folder when it cannot be read
     * @throws OperationCanceledException when {@code monitor} is cancelled
     */
    static AssignmentMaterial find(Path scanPath, Path artworkPath, IProgressMonitor monitor) throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, Texts.get("assign.finding", scanPath.getFileName()), 100);
        ArtworkFolder folder;
        try {
            progress.subTask(Texts.get("assign.readingArtwork", artworkPath.getFileName()));
            folder = ArtworkFolder.read(artworkPath);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
        progress.worked(15);
        List<ImageData> artworkPictures = new ArrayList<>();
        for (int i = 0; i < folder.artworks().size(); i++) {
            cancelled(progress);
            try {
                artworkPictures.add(DisplayImages.thumbnail(folder.read(i), THUMBNAIL_HEIGHT));
            } catch (IOException e) {
                throw new EmulsionException(folder.artworks().get(i).file() + " cannot be read (" + e.getMessage() + ")", e);
            }
        }
        progress.worked(5);
        String option = Texts.get("assign.scan");
        try (FrameSource scan = Sources.open(Sources.scan(scanPath, option), scanPath, option)) {
            ShotList shots;
            try {
                shots = ShotDetector.detect(scan, progress.split(75));
            } catch (IOException e) {
                throw new EmulsionException(Texts.get("assign.shotsFailed", scanPath, e.getMessage()), e);
            }
            List<ImageData> shotPictures = new ArrayList<>();
            for (FrameRange shot : shots.shots()) {
                cancelled(progress);
                int middle = (shot.first() + shot.last()) / 2;
                try {
                    shotPictures.add(DisplayImages.thumbnail(scan.read(middle), THUMBNAIL_HEIGHT));
                } catch (IOException e) {
                    throw new EmulsionException(Texts.get("assign.shotsFailed", scanPath, e.getMessage()), e);
                }
            }
            progress.worked(5);
            return new AssignmentMaterial(scanPath, artworkPath, scan.frameCount(), shots, folder, List.copyOf(shotPictures),
                    List.copyOf(artworkPictures));
        }
    }

    private static void cancelled(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
