package org.emulsion.ui.tests;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.emulsion.ui.internal.EmulsionWorkbenchAdvisor;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the Emulsion workbench (the product's advisor, perspective and views) on its own UI thread
 * beside the tests, once per test run, and closes it when the run ends. Test classes use it with
 * {@code @ExtendWith(Workbench.class)}; {@link Ui} starts it on first use as well.
 * <p>
 * Tycho's UI harness would do the same, but it requires the IDE application bundle, which the
 * workbench product does not ship; on GTK, SWT's UI thread need not be the JVM's main thread.
 */
public final class Workbench implements BeforeAllCallback {
    private static final long START_SECONDS = 120;
    private static Thread uiThread;
    private static final AtomicReference<Throwable> failure = new AtomicReference<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
        // Closed once, after the last test class of the run.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Workbench.class, key -> (ExtensionContext.Store.CloseableResource) Workbench::close);
    }

    /** Starts the workbench unless it runs already, and waits for its window. */
    static synchronized void start() {
        if (uiThread != null) {
            return;
        }
        if (System.getenv("DISPLAY") == null) {
            throw new AssertionError("no DISPLAY: the UI tests need an X display (releng/test.sh starts Xvfb)");
        }
        CountDownLatch running = new CountDownLatch(1);
        uiThread = new Thread(() -> {
            Display display = PlatformUI.createDisplay();
            display.asyncExec(running::countDown);
            try {
                PlatformUI.createAndRunWorkbench(display, new EmulsionWorkbenchAdvisor());
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                running.countDown();
                display.dispose();
            }
        }, "Emulsion workbench (UI thread)");
        uiThread.setDaemon(true);
        uiThread.start();
        try {
            if (!running.await(START_SECONDS, TimeUnit.SECONDS) || failure.get() != null) {
                throw new AssertionError("the workbench did not start within " + START_SECONDS + " s", failure.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the workbench started", e);
        }
    }

    private static void close() throws InterruptedException {
        if (PlatformUI.isWorkbenchRunning()) {
            Display display = PlatformUI.getWorkbench().getDisplay();
            display.syncExec(() -> PlatformUI.getWorkbench().close());
        }
        uiThread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
