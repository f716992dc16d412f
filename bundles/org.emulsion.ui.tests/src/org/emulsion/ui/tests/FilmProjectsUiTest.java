package org.emulsion.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.IHandlerService;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.EmulsionPreferences;
import org.emulsion.core.extensions.Contribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.project.ElementKind;
import org.emulsion.core.project.FilmElement;
import org.emulsion.core.project.FilmProject;
import org.emulsion.core.project.RestorationRun;
import org.emulsion.ui.internal.projects.OpenProjects;
import org.emulsion.ui.internal.projects.ProjectExplorerView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A restorer creates a film project through the New Film Project wizard and finds it in the Film Projects view. */
@ExtendWith(Workbench.class)
class FilmProjectsUiTest {
    private static final Duration DIALOG = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @AfterEach
    void closeProjectsAndResetTheWorkFolder() {
        OpenProjects.get().projects().forEach(OpenProjects.get()::close);
        InstanceScope.INSTANCE.getNode(EmulsionPreferences.QUALIFIER).remove(EmulsionPreferences.WORK_FOLDER);
    }

    @Test
    void newFilmProjectWithTwoElements() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path work = temp.resolve("work");
        InstanceScope.INSTANCE.getNode(EmulsionPreferences.QUALIFIER).put(EmulsionPreferences.WORK_FOLDER, work.toString());
        Path scan = Files.createDirectories(temp.resolve("archive/reel1-scan"));
        Path dvd = temp.resolve("discs/NOSFERATU/VIDEO_TS"); // not there: the explorer says so

        execute(window, "org.emulsion.ui.projects.new");
        Shell wizard = Ui.shell("New Film Project", DIALOG);
        Ui.run(() -> Ui.type(Ui.textAfter(wizard, "Title:"), "Nosferatu"));
        Ui.run(() -> Ui.type(Ui.textAfter(wizard, "Notes:"), "1922, tinted nitrate print."));
        Path folder = work.resolve("Nosferatu");
        assertEquals(folder.toString(), Ui.ui(() -> Ui.textAfter(wizard, "Folder:").getText()), "the folder follows the title");
        Screenshots.save(wizard, "new-film-project-1-film");
        Ui.run(() -> Ui.click(Ui.button(wizard, "Next >")));

        addElement(wizard, "Reel 1 print", ElementKind.PRINT, scan, "BFI, 35 mm", "new-film-project-element-dialog");
        addElement(wizard, "DVD", ElementKind.DVD, dvd, "", null);
        Screenshots.save(wizard, "new-film-project-2-elements");
        Ui.run(() -> Ui.click(Ui.button(wizard, "Finish")));
        Ui.waitUntil("the wizard to close", DIALOG, wizard::isDisposed);

        FilmProject saved = FilmProject.open(folder);
        assertEquals("Nosferatu", saved.title());
        assertEquals("1922, tinted nitrate print.", saved.notes());
        assertEquals(List.of(new FilmElement("Reel 1 print", ElementKind.PRINT, scan, "BFI, 35 mm"),
                new FilmElement("DVD", ElementKind.DVD, dvd, "")), saved.elements());
        String file = Files.readString(folder.resolve(FilmProject.FILE_NAME));
        assertTrue(file.contains("\"kind\": \"dvd\"") && file.contains("\"format\": 1"), file);
        assertTrue(InstanceScope.INSTANCE.getNode("org.emulsion.ui").get("openProjects", "").contains(folder.toString()),
                "remembered for the next session");

        Ui.waitUntil("the film projects view in the Emulsion perspective", DIALOG,
                () -> window.getActivePage().findView(ProjectExplorerView.ID) != null);
        ProjectExplorerView view = Ui.ui(() -> (ProjectExplorerView) window.getActivePage().findView(ProjectExplorerView.ID));
        List<List<String>> rows = Ui.ui(() -> {
            Tree tree = view.viewer().getTree();
            TreeItem project = Arrays.stream(tree.getItems()).filter(i -> i.getText(0).equals("Nosferatu")).findFirst().orElseThrow();
            view.viewer().expandAll();
            return Arrays.stream(project.getItems()).map(i -> List.of(i.getText(0), i.getText(1), i.getText(2))).toList();
        });
        assertEquals(List.of(List.of("Reel 1 print", "Print", scan.toString()), List.of("DVD", "DVD", dvd + " (missing)")), rows);
        Screenshots.save(Ui.ui(window::getShell), "film-projects-explorer");
    }

    @Test
    void addElementEditNotesAndRunsOnAnOpenProject() throws Exception {
        IWorkbenchWindow window = Ui.window();
        Path folder = temp.resolve("Metropolis");
        FilmProject project = OpenProjects.get().add(FilmProject.create(folder, "Metropolis"));
        Path telecine = Files.createFile(temp.resolve("telecine.mov"));
        ProjectExplorerView view = Ui.ui(() -> (ProjectExplorerView) window.getActivePage().showView(ProjectExplorerView.ID));
        Ui.run(() -> view.reveal(project));

        execute(window, "org.emulsion.ui.projects.addElement");
        Shell dialog = Ui.shell("Film Element", DIALOG);
        Ui.run(() -> {
            Ui.type(Ui.textAfter(dialog, "Name:"), "1969 telecine");
            Combo kinds = Ui.find(dialog, Combo.class, c -> true);
            kinds.select(Arrays.asList(kinds.getItems()).indexOf("Telecine"));
            kinds.notifyListeners(SWT.Selection, new Event());
            Ui.type(Ui.textAfter(dialog, "Material:"), telecine.toString());
            Ui.click(Ui.button(dialog, "OK"));
        });
        Ui.waitUntil("the element dialog to close", DIALOG, dialog::isDisposed);
        // the handler saves after the dialog has closed: wait for the file, not for the dialog
        List<FilmElement> added = List.of(new FilmElement("1969 telecine", ElementKind.TELECINE, telecine, ""));
        Ui.waitUntil("the element saved in the project file", DIALOG, () -> {
            try {
                return FilmProject.open(folder).elements().equals(added);
            } catch (EmulsionException e) {
                return false; // not written yet
            }
        });
        assertEquals(added, FilmProject.open(folder).elements());

        Ui.run(() -> view.reveal(project)); // the project selected: its notes
        execute(window, "org.emulsion.ui.projects.editNotes");
        Shell notes = Ui.shell("Edit Notes", DIALOG);
        Ui.run(() -> {
            Ui.type(Ui.textAfter(notes, "Notes on Metropolis:"), "Reel 4 missing.\nCheck the 1927 programme.");
            Ui.click(Ui.button(notes, "OK"));
        });
        Ui.waitUntil("the notes dialog to close", DIALOG, notes::isDisposed);
        assertEquals("Reel 4 missing.\nCheck the 1927 programme.", FilmProject.open(folder).notes());

        // What the restore wizard does when a run starts: the explorer lists it under the project.
        Instant start = Instant.parse("2026-11-25T04:00:00Z");
        Path output = Files.createDirectories(project.defaultRunFolder("telecine-chroma", start));
        project.addRun(new RestorationRun("telecine-chroma", output, start));
        OpenProjects.get().save(project);
        String workflow = WorkflowRegistry.get().find("telecine-chroma").map(Contribution::name)
                .orElse("telecine-chroma"); // the name while the workflow is installed
        Ui.waitUntil("the run in the explorer", DIALOG, () -> {
            view.viewer().expandAll();
            TreeItem item = Arrays.stream(view.viewer().getTree().getItems()).filter(i -> i.getText(0).equals("Metropolis"))
                    .findFirst().orElseThrow();
            return item.getItemCount() == 2 && item.getItem(1).getText(1).equals(workflow)
                    && item.getItem(1).getText(2).equals("runs/telecine-chroma-20261125-040000");
        });
        assertEquals(1, FilmProject.open(folder).runs().size());
        Screenshots.save(Ui.ui(window::getShell), "film-projects-explorer-with-run");
    }

    private static void addElement(Shell wizard, String name, ElementKind kind, Path material, String notes, String screenshot) {
        Ui.async(() -> Ui.click(Ui.button(wizard, "Add..."))); // opens a modal dialog
        Shell dialog = Ui.shell("Film Element", DIALOG);
        Ui.run(() -> {
            Ui.type(Ui.textAfter(dialog, "Name:"), name);
            Combo kinds = Ui.find(dialog, Combo.class, c -> true);
            kinds.select(Arrays.asList(kinds.getItems()).indexOf(kind.label()));
            kinds.notifyListeners(SWT.Selection, new Event());
            Ui.type(Ui.textAfter(dialog, "Material:"), material.toString());
            Ui.type(Ui.textAfter(dialog, "Notes:"), notes);
        });
        if (screenshot != null) {
            Screenshots.save(dialog, screenshot);
        }
        Ui.run(() -> Ui.click(Ui.button(dialog, "OK")));
        Ui.waitUntil("the element dialog to close", DIALOG, dialog::isDisposed);
    }

    /** Runs a command as its menu item would; without waiting, since it opens a dialog. */
    static void execute(IWorkbenchWindow window, String commandId) {
        Ui.async(() -> {
            try {
                window.getService(IHandlerService.class).executeCommand(commandId, null);
            } catch (Exception e) {
                throw new IllegalStateException(commandId + " failed", e);
            }
        });
    }
}
