package org.emulsion.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.RestoreCase;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.project.ElementKind;
import org.emulsion.core.project.FilmElement;
import org.emulsion.core.project.FilmProject;
import org.emulsion.core.project.RestorationRun;
import org.emulsion.simulator.Truth;
import org.emulsion.ui.internal.monitor.TrainingMonitorView;
import org.emulsion.ui.internal.projects.OpenProjects;
import org.emulsion.ui.internal.projects.ProjectExplorerView;
import org.emulsion.ui.internal.projects.RunNode;
import org.emulsion.ui.internal.viewer.ViewerView;
import org.emulsion.ui.internal.wizards.RestoreJob;
import org.emulsion.ui.internal.wizards.RestoreWizard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dvd-chroma wizard, opened from the Restore menu of the running workbench for a film project
 * selected in the Film Projects view, on a tiny simulated film: the scan and the DVD are picked
 * from the project's elements, every page is filled and photographed, the preparation runs when
 * the alignment check opens, one frame is rejected there and another pair unticked in the review,
 * Finish starts the RestoreJob, the training monitor follows it and the viewer opens on its
 * results, the project records the run, and the run's files show both choices were honoured.
 */
@ExtendWith(Workbench.class)
class RestoreWizardTest {
    private static final Duration PREPARE = Duration.ofMinutes(3);
    private static final Duration RESTORE = Duration.ofMinutes(6);
    /** A small 16:9 film, enough frames for the temporal aligner to find the DVD's speed-up and lead-in. */
    private static final int WIDTH = 384;
    private static final int HEIGHT = 216;
    private static final int FRAMES = 24;

    @TempDir
    Path dir;

    @Test
    void dvdChromaWizardPreparesReviewsAndRestoresATinySimulatedFilm() throws Exception {
        RestoreCase material;
        try (Truth truth = Truth.create(new Truth.Spec(WIDTH, HEIGHT, FRAMES, 2, 71))) {
            material = RestoreCase.simulate(truth, CaseSpec.ReferenceKind.DVD, 71, dir.resolve("case"));
        }
        Shell window = Ui.ui(() -> Ui.window().getShell());

        // A film project holding the scan and the DVD, selected in the Film Projects view.
        FilmProject project = FilmProject.create(dir.resolve("film"), "Tiny simulated film");
        project.addElement(new FilmElement("Faded print scan", ElementKind.PRINT, material.scan(), ""));
        project.addElement(new FilmElement("PAL DVD", ElementKind.DVD, material.reference(), ""));
        project.save();
        Ui.ui(() -> {
            OpenProjects.get().add(project);
            IWorkbenchPage page = Ui.window().getActivePage();
            ProjectExplorerView explorer = (ProjectExplorerView) page.showView(ProjectExplorerView.ID);
            page.activate(explorer);
            explorer.reveal(project);
            return null;
        });

        // The Restore menu lists the installed workflows; its dvd-chroma item opens the wizard.
        WorkflowContribution dvd = WorkflowRegistry.get().get("dvd-chroma");
        List<String> items = Ui.ui(() -> Arrays.stream(restoreMenu(window).getItems()).map(MenuItem::getText).toList());
        for (WorkflowContribution w : WorkflowRegistry.get().all()) {
            assertTrue(items.contains(w.name() + "\u2026"), w.id() + " in " + items);
        }
        Ui.async(() -> Arrays.stream(restoreMenu(window).getItems()).filter(i -> i.getText().equals(dvd.name() + "\u2026"))
                .findFirst().orElseThrow().notifyListeners(SWT.Selection, new Event()));
        Shell shell = Ui.shell("Restore Film \u2014 " + dvd.name(), Duration.ofSeconds(30));
        WizardDialog dialog = Ui.ui(() -> (WizardDialog) shell.getData());

        // Material: the scan picked from the project, the few training steps as a generated field,
        // the output folder a new one in the project's runs.
        assertEquals("material", page(dialog).getName());
        Ui.run(() -> {
            pick(pathAfter(shell, "scan:"), "Faded print scan (");
            Ui.type(Ui.textAfter(shell, "steps:"), "24");
        });
        assertEquals(material.scan().toString(), Ui.ui(() -> pathAfter(shell, "scan:").getText()));
        Path out = Path.of(Ui.ui(() -> pathAfter(shell, "Output folder:").getText()));
        assertEquals(project.folder().resolve(FilmProject.RUNS_FOLDER), out.getParent());
        Screenshots.save(shell, "wizard-dvd-1-material");
        next(shell);

        // The DVD bundle's reference page.
        assertEquals("dvd-chroma.reference", page(dialog).getName());
        Text reference = Ui.ui(() -> Ui.find((Composite) page(dialog).getControl(), Text.class, t -> true));
        Ui.run(() -> pick(reference, "PAL DVD ("));
        assertEquals(material.reference().toString(), Ui.ui(reference::getText));
        Screenshots.save(shell, "wizard-dvd-2-reference");
        next(shell);

        // The alignment check: prepared while the dialog's progress bar runs, then a frame list and a preview.
        Ui.waitUntil("the preparation and the alignment check", PREPARE,
                () -> page(dialog).getName().equals("alignment") && page(dialog).isPageComplete());
        assertTrue(Files.isRegularFile(out.resolve("pairs.json")) && Files.isRegularFile(out.resolve("alignment/alignment.json")));
        assertFalse(Files.exists(out.resolve("frames")), "nothing restored before Finish");
        Table frames = Ui.ui(() -> Ui.find(shell, Table.class, Control::isVisible));
        assertEquals(FRAMES, (int) Ui.ui(frames::getItemCount));
        Ui.waitUntil("the preview of the selected frame", Duration.ofSeconds(30), () -> Ui.findAll(shell, Label.class,
                l -> l.isVisible() && l.getText().startsWith("Scan ") && l.getText().contains("registered")).size() == 1);
        Screenshots.save(shell, "wizard-dvd-3-alignment");
        String rejected = Ui.ui(() -> untickFirstTicked(frames, Set.of()));

        next(shell);
        assertEquals("pairs", page(dialog).getName());
        Table pairs = Ui.ui(() -> Ui.find(shell, Table.class, Control::isVisible));
        assertFalse(Ui.ui(() -> row(pairs, rejected).getChecked()), "the frame rejected in the alignment check is unticked here");
        String unticked = Ui.ui(() -> untickFirstTicked(pairs, Set.of(rejected)));
        assertNotEquals(rejected, unticked);
        Screenshots.save(shell, "wizard-dvd-4-pairs");

        next(shell);
        assertEquals("training", page(dialog).getName());
        Screenshots.save(shell, "wizard-dvd-5-training");

        RestoreWizard wizard = Ui.ui(() -> (RestoreWizard) page(dialog).getWizard());
        Ui.run(() -> Ui.click(Ui.button(shell, "Finish")));
        RestoreJob job = wizard.job();
        assertEquals(out.toAbsolutePath().normalize(), job.outputDirectory());
        assertTrue(Ui.ui(shell::isDisposed), "the wizard closes; the run goes on as a job");
        // on a busy machine the Progress view may take a while to list it; a job that already ended cannot be listed
        Ui.waitUntil("the restore job in the Progress view", Duration.ofSeconds(120), () -> {
            IViewPart progress = Ui.window().getActivePage().findView("org.eclipse.ui.views.ProgressView");
            return job.getResult() != null || progress != null && !Ui.findAll((Composite) progress.getSite().getShell(),
                    Label.class, l -> l.isVisible() && showsJob(l.getText(), job.getName())).isEmpty();
        });
        Screenshots.save(window, "wizard-dvd-6-running-progress-and-monitor");
        waitForRestoreJobs();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());

        for (String result : List.of("frames", "baseline")) {
            try (var files = Files.list(out.resolve(result))) {
                assertEquals(FRAMES, files.count(), result);
            }
        }
        for (String result : List.of("report.json", "provenance.json", "report.html")) {
            assertTrue(Files.isRegularFile(out.resolve(result)), result);
        }
        JsonObject report = json(out.resolve("report.json"));
        assertEquals(2, report.getAsJsonObject("pairs").get("overriddenByRestorer").getAsInt(), report.getAsJsonObject("pairs").toString());
        Set<String> trained = new HashSet<>();
        for (JsonElement model : json(out.resolve("provenance.json")).getAsJsonArray("models")) {
            model.getAsJsonObject().getAsJsonArray("pairs").forEach(p -> trained.add(p.getAsJsonObject().get("scanFrame").getAsString()));
        }
        assertFalse(trained.isEmpty());
        assertFalse(trained.contains(rejected), rejected + " was rejected in the alignment check but trained: " + trained);
        assertFalse(trained.contains(unticked), unticked + " was unticked in the pair review but trained: " + trained);

        // The monitor followed the run, the viewer opened on its results, and the project lists the run.
        IWorkbenchPage page = Ui.ui(() -> Ui.window().getActivePage());
        assertEquals(out, Ui.ui(() -> ((TrainingMonitorView) page.findView(TrainingMonitorView.ID)).folder()));
        Ui.waitUntil("the run viewer on the results", Duration.ofSeconds(30),
                () -> page.findView(ViewerView.ID) instanceof ViewerView viewer && viewer.runFolder() != null
                        && viewer.runFolder().folder().equals(out));
        Screenshots.save(window, "wizard-dvd-7-finished-monitor-and-viewer");
        assertEquals(List.of(out), FilmProject.open(project.folder()).runs().stream().map(RestorationRun::output).toList());

        // A double-click on the run in the Film Projects view opens the viewer on it again.
        Ui.run(() -> page.hideView(page.findView(ViewerView.ID)));
        Ui.ui(() -> {
            ProjectExplorerView explorer = (ProjectExplorerView) page.findView(ProjectExplorerView.ID);
            RunNode run = new RunNode(project, project.runs().get(0));
            explorer.viewer().setSelection(new StructuredSelection(run), true);
            Tree tree = explorer.viewer().getTree();
            Event doubleClick = new Event();
            doubleClick.item = tree.getSelection()[0];
            tree.notifyListeners(SWT.DefaultSelection, doubleClick);
            return null;
        });
        Ui.waitUntil("the run viewer opened from the Film Projects view", Duration.ofSeconds(30),
                () -> page.findView(ViewerView.ID) instanceof ViewerView viewer && viewer.runFolder() != null
                        && viewer.runFolder().folder().equals(out));
    }

    /** Whether {@code label} shows {@code name}, which the Progress view shortens in the middle ("Restoring dvd-c...recovery)"). */
    private static boolean showsJob(String label, String name) {
        int cut = label.indexOf("...");
        return cut < 0 ? label.startsWith(name)
                : cut > 0 && name.startsWith(label.substring(0, cut)) && name.endsWith(label.substring(cut + 3));
    }

    /** Chooses the project element whose label starts with {@code label} in the list beside {@code field}; UI thread. */
    private static void pick(Text field, String label) {
        Combo elements = Ui.find(field.getParent(), Combo.class, c -> true);
        int index = Arrays.asList(elements.getItems()).indexOf(
                Arrays.stream(elements.getItems()).filter(i -> i.startsWith(label)).findFirst().orElseThrow(
                        () -> new AssertionError("no element " + label + " in " + Arrays.toString(elements.getItems()))));
        elements.select(index);
        elements.notifyListeners(SWT.Selection, new Event());
    }

    /** The Restore menu of the window's menu bar, filled as when the restorer opens it; UI thread. */
    private static Menu restoreMenu(Shell window) {
        MenuItem restore = Arrays.stream(window.getMenuBar().getItems()).filter(i -> i.getText().replace("&", "").equals("Restore"))
                .findFirst().orElseThrow(() -> new AssertionError("no Restore menu"));
        Menu menu = restore.getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        return menu;
    }

    static IWizardPage page(WizardDialog dialog) {
        return Ui.ui(dialog::getCurrentPage);
    }

    /** Presses Next without waiting: the dialog may run the preparation in a modal context. */
    static void next(Shell shell) {
        Ui.waitUntil("Next to be enabled", Duration.ofSeconds(10), () -> Ui.button(shell, "Next >").isEnabled());
        Ui.async(() -> Ui.click(Ui.button(shell, "Next >")));
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The text of the path field beside the label {@code label} (a text with browse buttons); UI thread. */
    static Text pathAfter(Composite root, String label) {
        Label caption = Ui.find(root, Label.class, l -> l.isVisible() && label.equals(l.getText()));
        Control[] siblings = caption.getParent().getChildren();
        Composite field = (Composite) siblings[List.of(siblings).indexOf(caption) + 1];
        return Ui.find(field, Text.class, t -> true);
    }

    /** Unticks the first ticked row whose first column is not in {@code skip}, as a click on its box; returns that column; UI thread. */
    private static String untickFirstTicked(Table table, Set<String> skip) {
        TableItem item = Arrays.stream(table.getItems()).filter(i -> i.getChecked() && !skip.contains(frameName(table, i)))
                .findFirst().orElseThrow(() -> new AssertionError("no ticked row"));
        untick(table, item);
        return frameName(table, item);
    }

    /** Unticks {@code item} as a click on its box does; UI thread. */
    static void untick(Table table, TableItem item) {
        item.setChecked(false);
        Event click = new Event();
        click.item = item;
        click.detail = SWT.CHECK;
        table.notifyListeners(SWT.Selection, click);
    }

    /** The scan frame a row shows: the alignment table's first column, the pair table's second. */
    private static String frameName(Table table, TableItem item) {
        return item.getText(table.getColumn(0).getText().equals("Shot") ? 1 : 0);
    }

    static TableItem row(Table table, String frame) {
        return Arrays.stream(table.getItems()).filter(i -> frameName(table, i).equals(frame)).findFirst().orElseThrow();
    }

    static void waitForRestoreJobs() {
        long deadline = System.nanoTime() + RESTORE.toNanos();
        while (Job.getJobManager().find(RestoreJob.FAMILY).length > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the restore job did not finish within " + RESTORE);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }
}
