package org.emulsion.ui.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** The one perspective: the plugins view filling the window (no editor area yet). */
public final class EmulsionPerspective implements IPerspectiveFactory {
    public static final String ID = "org.emulsion.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        layout.addStandaloneView(PluginsView.ID, true, IPageLayout.LEFT, 0.95f, layout.getEditorArea());
        layout.getViewLayout(PluginsView.ID).setCloseable(false);
    }
}
