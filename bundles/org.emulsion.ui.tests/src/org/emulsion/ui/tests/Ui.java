package org.emulsion.ui.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * Drives the running workbench from the test thread (the UI harness runs tests off the UI thread,
 * SWTBot is not available): every widget access goes through {@link #ui}, waiting polls with
 * {@link #waitUntil} while the workbench's own event loop keeps running, and widgets are found by
 * type and label as a restorer would find them.
 */
public final class Ui {
    private static final Duration POLL = Duration.ofMillis(50);

    private Ui() {
    }

    /** The workbench's display, once the workbench runs (the harness starts tests while it opens). */
    public static Display display() {
        Workbench.start();
        waitUntilOffUi("the workbench to start", Duration.ofMinutes(2), PlatformUI::isWorkbenchRunning);
        return PlatformUI.getWorkbench().getDisplay();
    }

    /** The workbench window, once it is open. */
    public static IWorkbenchWindow window() {
        display();
        waitUntil("the workbench window", Duration.ofMinutes(2), () -> PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0);
        return ui(() -> PlatformUI.getWorkbench().getWorkbenchWindows()[0]);
    }

    /** Runs {@code action} on the UI thread and returns its value; its exception is rethrown here. */
    public static <T> T ui(Callable<T> action) {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        display().syncExec(() -> {
            try {
                value.set(action.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return value.get();
    }

    /** Runs {@code action} on the UI thread. */
    public static void run(Runnable action) {
        ui(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs {@code action} on the UI thread without waiting for it: for whatever opens a modal dialog,
     * whose {@code open()} only returns when the dialog closes.
     */
    public static void async(Runnable action) {
        display().asyncExec(action);
    }

    /** Polls {@code condition} on the UI thread until it holds; fails naming {@code what} after {@code timeout}. */
    public static void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
        waitUntilOffUi(what, timeout, () -> ui(condition::getAsBoolean));
    }

    private static void waitUntilOffUi(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Waits for a shell with this title (a dialog or wizard opened by {@link #async}). */
    public static Shell shell(String title, Duration timeout) {
        AtomicReference<Shell> found = new AtomicReference<>();
        waitUntil("a window titled \"" + title + "\"", timeout, () -> {
            for (Shell shell : display().getShells()) {
                if (!shell.isDisposed() && shell.isVisible() && title.equals(shell.getText())) {
                    found.set(shell);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    /** Every control of {@code type} under {@code root} (depth first, in layout order) that {@code test} accepts; UI thread. */
    public static <W extends Control> List<W> findAll(Composite root, Class<W> type, Predicate<W> test) {
        List<W> found = new ArrayList<>();
        collect(root, type, test, found);
        return found;
    }

    /** The one control of {@code type} under {@code root} that {@code test} accepts; UI thread. */
    public static <W extends Control> W find(Composite root, Class<W> type, Predicate<W> test) {
        List<W> found = findAll(root, type, test);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " " + type.getSimpleName() + " controls match under " + root);
        }
        return found.get(0);
    }

    /** The button labelled {@code label} (mnemonics ignored); UI thread. */
    public static Button button(Composite root, String label) {
        return find(root, Button.class, b -> b.isVisible() && label.equals(b.getText().replace("&", "")));
    }

    /** The text field that follows the label {@code label} in its parent (the usual label/field grid); UI thread. */
    public static Text textAfter(Composite root, String label) {
        Label caption = find(root, Label.class, l -> l.isVisible() && label.equals(l.getText().replace("&", "")));
        Control[] siblings = caption.getParent().getChildren();
        for (int i = List.of(siblings).indexOf(caption) + 1; i < siblings.length; i++) {
            if (siblings[i] instanceof Text text) {
                return text;
            }
        }
        throw new AssertionError("no text field after the label \"" + label + "\"");
    }

    /** Presses a button as a click would: selection toggled for checks and radios, then the selection event; UI thread. */
    public static void click(Button button) {
        if ((button.getStyle() & (SWT.CHECK | SWT.TOGGLE)) != 0) {
            button.setSelection(!button.getSelection());
        } else if ((button.getStyle() & SWT.RADIO) != 0) {
            button.setSelection(true);
        }
        button.notifyListeners(SWT.Selection, new Event());
    }

    /** Types {@code value} into {@code text} as a user would: the text changes and modify listeners run; UI thread. */
    public static void type(Text text, String value) {
        text.setText(value);
        text.notifyListeners(SWT.Modify, new Event());
    }

    private static <W extends Control> void collect(Composite root, Class<W> type, Predicate<W> test, List<W> found) {
        for (Control child : root.getChildren()) {
            if (type.isInstance(child) && test.test(type.cast(child))) {
                found.add(type.cast(child));
            }
            if (child instanceof Composite composite) {
                collect(composite, type, test, found);
            }
        }
    }
}
