package org.emulsion.ui.internal;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * The Emulsion workbench's window and perspective: used by the application and by the UI tests,
 * which run the same workbench beside their test thread.
 */
public final class EmulsionWorkbenchAdvisor extends WorkbenchAdvisor {
    @Override
    public String getInitialWindowPerspectiveId() {
        return EmulsionPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new WindowAdvisor(configurer);
    }

    private static final class WindowAdvisor extends WorkbenchWindowAdvisor {
        WindowAdvisor(IWorkbenchWindowConfigurer configurer) {
            super(configurer);
        }

        @Override
        public void preWindowOpen() {
            IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
            configurer.setTitle(Labels.get("windowTitle"));
            configurer.setInitialSize(new Point(1200, 700));
            configurer.setShowCoolBar(false);
            configurer.setShowPerspectiveBar(false);
            configurer.setShowStatusLine(false);
        }
    }
}
