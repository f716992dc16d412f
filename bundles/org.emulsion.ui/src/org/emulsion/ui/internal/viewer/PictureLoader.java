package org.emulsion.ui.internal.viewer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.emulsion.core.image.Image;
import org.emulsion.engine.ContactSheets;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.RunFolder;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.compare.DisplayImages;

/**
 * Decodes what the viewer shows off the UI thread: the latest request wins (requests made while
 * one is decoding replace each other, so scrubbing never queues up frames), and each result is
 * handed to the consumer, which the viewer runs through {@code Display.asyncExec}.
 */
final class PictureLoader extends Job {
    /**
     * What to show: frame {@code frame}'s sources A and B, with its damage and confidence maps over
     * them when {@code overlay}, and row {@code row} of contact sheet {@code sheet} (or null).
     */
    record Request(RunFolder run, int frame, Source a, Source b, boolean overlay, Path sheet, int row) {
    }

    /** One side: its samples (for read-outs) and their 8-bit display, or nulls with the reason it is missing. */
    record Side(Image samples, ImageData image, String note) {
        static Side of(Image samples, String note) {
            return new Side(samples, samples == null ? null : DisplayImages.toImageData(samples), note);
        }
    }

    /**
     * @param frame     the frame's place in the run, or null without one (read here: the run serialises its reads)
     * @param overlays  the frame's maps as translucent overlays (none unless asked for, or where the run made none)
     * @param sheetRows the rows of the contact sheet (0 without one)
     */
    record Result(Request request, RunFolder.FrameInfo frame, Side a, Side b, List<ImageData> overlays, ImageData sheet,
            int sheetRows) {
    }

    /** Damage in red, opaque enough to see the picture under it. */
    private static final RGB DAMAGE = new RGB(255, 40, 40);
    /** Where a composite or fill is unsure, in blue. */
    private static final RGB UNSURE = new RGB(40, 120, 255);
    private static final int OVERLAY_ALPHA = 128;

    private final Consumer<Result> consumer;
    private Request pending;
    private Path cachedSheet;
    private Image cachedSheetImage;
    private ImageData cachedSheetData;

    PictureLoader(Consumer<Result> consumer) {
        super(Labels.get("viewer.loading"));
        this.consumer = consumer;
        setSystem(true);
    }

    void request(Request request) {
        synchronized (this) {
            pending = request;
        }
        schedule();
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        while (!monitor.isCanceled()) {
            Request request;
            synchronized (this) {
                request = pending;
                pending = null;
            }
            if (request == null) {
                break;
            }
            consumer.accept(load(request));
        }
        return Status.OK_STATUS;
    }

    private Result load(Request request) {
        ImageData sheet = null;
        List<ContactSheets.Row> rows = null;
        String sheetProblem = null;
        if (request.sheet() != null) {
            try {
                if (!request.sheet().equals(cachedSheet)) {
                    cachedSheetImage = ImageFiles.read(request.sheet()).image();
                    cachedSheetData = DisplayImages.toImageData(cachedSheetImage);
                    cachedSheet = request.sheet();
                }
                sheet = cachedSheetData;
                rows = ContactSheets.rows(cachedSheetImage);
            } catch (IOException | IllegalArgumentException e) {
                cachedSheet = null;
                sheetProblem = e.getMessage();
            }
        }
        RunFolder.FrameInfo frame = request.run() == null || request.frame() < 0 ? null : request.run().frame(request.frame());
        return new Result(request, frame, side(request, request.a(), rows, sheetProblem),
                side(request, request.b(), rows, sheetProblem), overlays(request), sheet, rows == null ? 0 : rows.size());
    }

    /** The damage map and the confidence map of the frame, where the run wrote them. */
    private static List<ImageData> overlays(Request request) {
        if (!request.overlay() || request.run() == null || request.frame() < 0) {
            return List.of();
        }
        List<ImageData> overlays = new java.util.ArrayList<>();
        try {
            RunFolder.Picture damage = request.run().read(request.frame(), RunFolder.Layer.DAMAGE_MASK);
            if (damage.present()) {
                overlays.add(DisplayImages.overlay(damage.image(), DAMAGE, OVERLAY_ALPHA, false));
            }
            RunFolder.Picture confidence = request.run().read(request.frame(), RunFolder.Layer.CONFIDENCE_MAP);
            if (confidence.present()) {
                overlays.add(DisplayImages.overlay(confidence.image(), UNSURE, OVERLAY_ALPHA, true));
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // the sides name what cannot be read
        }
        return overlays;
    }

    private static Side side(Request request, Source source, List<ContactSheets.Row> rows, String sheetProblem) {
        if (source.layer() == null) {
            if (rows == null) {
                return Side.of(null, sheetProblem != null ? sheetProblem : Labels.get("viewer.noSheet"));
            }
            ContactSheets.Row row = rows.get(Math.min(request.row(), rows.size() - 1));
            Image tile = switch (source) {
                case TILE_INPUT -> row.input();
                case TILE_TARGET -> row.target();
                default -> row.output();
            };
            return Side.of(tile, null);
        }
        if (request.run() == null || request.frame() < 0) {
            return Side.of(null, Labels.get("viewer.noFrame"));
        }
        try {
            RunFolder.Picture picture = request.run().read(request.frame(), source.layer());
            return Side.of(picture.image(), picture.note());
        } catch (IOException | RuntimeException e) {
            return Side.of(null, e.getMessage());
        }
    }
}
