package org.emulsion.ui.internal.wizards;

import java.io.IOException;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.emulsion.ui.internal.UiThread;

/**
 * Reads a review page's preview pictures off the UI thread, one frame at a time: a new request
 * cancels the one still reading, what was read is shown unless it was cancelled meanwhile, and a
 * file that cannot be read is named in the page's note instead.
 */
final class PreviewLoader {
    /** Reads the pictures of one frame (the page decides which); a long read stops early when {@code monitor} is cancelled. */
    @FunctionalInterface
    interface Read {
        ImageData[] read(IProgressMonitor monitor) throws IOException;
    }

    private final Label note;
    private Job loading;

    PreviewLoader(Label note) {
        this.note = note;
    }

    /**
     * @param title what is being read, shown in the note meanwhile
     * @param show  runs on the UI thread with what {@code read} returned, unless cancelled
     */
    void load(String title, Read read, Control view, Consumer<ImageData[]> show) {
        note.setText(title);
        cancel();
        loading = Job.create(title, monitor -> {
            try {
                ImageData[] pictures = read.read(monitor);
                UiThread.later(view, () -> {
                    if (!monitor.isCanceled()) {
                        show.accept(pictures);
                    }
                });
                return Status.OK_STATUS;
            } catch (IOException e) {
                UiThread.later(note, () -> note.setText(e.getMessage()));
                return Status.CANCEL_STATUS;
            }
        });
        loading.setSystem(true);
        loading.schedule();
    }

    /** Whether a preview is being read (tests wait for it before a screenshot). */
    boolean isLoading() {
        return loading != null && loading.getState() != Job.NONE;
    }

    void cancel() {
        if (loading != null) {
            loading.cancel();
        }
    }
}
