package org.emulsion.ui.internal;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/** Hands the results of background work (Jobs, pollers) to the UI thread. */
public final class UiThread {
    private UiThread() {
    }

    /**
     * Runs {@code update} on the UI thread soon, unless {@code control} has been disposed by then:
     * background work may outlive the view or page that started it.
     */
    public static void later(Control control, Runnable update) {
        if (control.isDisposed()) {
            return;
        }
        Display display = control.getDisplay();
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!control.isDisposed()) {
                    update.run();
                }
            });
        }
    }
}
