package org.emulsion.ui.internal.projects;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.EmulsionPreferences;
import org.emulsion.core.project.FilmElement;
import org.emulsion.core.project.FilmProject;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.TableColumns;

/**
 * New Film Project: the film's title, notes and project folder (by default a folder named after
 * the title in the work folder preference), then the elements the restoration will draw on. On
 * finish the project file is written and the project opened in the explorer.
 */
public final class NewFilmProjectWizard extends Wizard {
    private final ProjectPage projectPage = new ProjectPage();
    private final ElementsPage elementsPage = new ElementsPage();
    private FilmProject created;

    public NewFilmProjectWizard() {
        setWindowTitle(Labels.get("newProject.title"));
        setNeedsProgressMonitor(false);
    }

    @Override
    public void addPages() {
        addPage(projectPage);
        addPage(elementsPage);
    }

    /** The project made by {@link #performFinish()}, or null. */
    public FilmProject created() {
        return created;
    }

    @Override
    public boolean performFinish() {
        try {
            FilmProject project = FilmProject.create(projectPage.folder(), projectPage.title.getText().trim());
            project.setNotes(projectPage.notes.getText());
            elementsPage.elements.forEach(project::addElement);
            project.save();
            created = OpenProjects.get().add(project);
            return true;
        } catch (EmulsionException e) {
            ((WizardPage) getContainer().getCurrentPage()).setErrorMessage(e.getMessage());
            return false;
        }
    }

    /** Title, notes, folder. */
    private static final class ProjectPage extends WizardPage {
        private Text title;
        private Text notes;
        private Text folder;
        /** The folder follows the title until the restorer edits it. */
        private boolean folderEdited;
        private boolean settingFolder;

        ProjectPage() {
            super("project");
            setTitle(Labels.get("newProject.page.project.title"));
            setDescription(Labels.get("newProject.page.project.description"));
        }

        @Override
        public void createControl(Composite parent) {
            Composite page = new Composite(parent, SWT.NONE);
            GridLayoutFactory.swtDefaults().numColumns(3).applyTo(page);
            label(page, "newProject.filmTitle");
            title = new Text(page, SWT.BORDER);
            GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(title);
            label(page, "newProject.folder");
            folder = new Text(page, SWT.BORDER);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(folder);
            Button browse = new Button(page, SWT.PUSH);
            browse.setText(Labels.get("newProject.browse"));
            browse.addListener(SWT.Selection, e -> {
                DirectoryDialog dialog = new DirectoryDialog(getShell());
                dialog.setFilterPath(EmulsionPreferences.workFolder().toString());
                String chosen = dialog.open();
                if (chosen != null) {
                    folder.setText(chosen);
                }
            });
            Label notesLabel = label(page, "newProject.notes");
            GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(notesLabel);
            notes = new Text(page, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
            GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(SWT.DEFAULT, 90).applyTo(notes);

            title.addListener(SWT.Modify, e -> {
                if (!folderEdited) {
                    settingFolder = true;
                    folder.setText(EmulsionPreferences.workFolder().resolve(folderName(title.getText())).toString());
                    settingFolder = false;
                }
                validate();
            });
            folder.addListener(SWT.Modify, e -> {
                folderEdited |= !settingFolder;
                validate();
            });
            setControl(page);
            setPageComplete(false);
        }

        /** The title as a folder name: characters other systems refuse in names become '_'. */
        private static String folderName(String title) {
            String name = title.trim().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
            return name.startsWith(".") ? "_" + name.substring(1) : name;
        }

        Path folder() {
            return Path.of(folder.getText().trim());
        }

        private void validate() {
            String problem = null;
            if (title.getText().isBlank()) {
                problem = Labels.get("newProject.error.title");
            } else {
                try {
                    Path chosen = folder();
                    if (folder.getText().isBlank() || !chosen.isAbsolute()) {
                        problem = Labels.get("newProject.error.folder");
                    } else if (FilmProject.isProject(chosen)) {
                        problem = Labels.get("newProject.error.exists", chosen);
                    } else if (Files.exists(chosen) && !Files.isDirectory(chosen)) {
                        problem = Labels.get("newProject.error.notFolder", chosen);
                    }
                } catch (InvalidPathException e) {
                    problem = Labels.get("newProject.error.folder");
                }
            }
            setErrorMessage(problem);
            setPageComplete(problem == null);
        }
    }

    /** The elements: a table with Add... and Remove. */
    private static final class ElementsPage extends WizardPage {
        private final List<FilmElement> elements = new ArrayList<>();
        private TableViewer table;

        ElementsPage() {
            super("elements");
            setTitle(Labels.get("newProject.page.elements.title"));
            setDescription(Labels.get("newProject.page.elements.description"));
        }

        @Override
        public void createControl(Composite parent) {
            Composite page = new Composite(parent, SWT.NONE);
            GridLayoutFactory.swtDefaults().numColumns(2).applyTo(page);
            table = new TableViewer(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
            table.getTable().setHeaderVisible(true);
            table.getTable().setLinesVisible(true);
            TableColumns.add(table, FilmElement.class, Labels.get("projects.column.name"), 160, e -> e.name());
            TableColumns.add(table, FilmElement.class, Labels.get("projects.column.kind"), 100, e -> e.kind().label());
            TableColumns.add(table, FilmElement.class, Labels.get("projects.column.location"), 300, e -> e.path().toString());
            TableColumns.add(table, FilmElement.class, Labels.get("projects.column.notes"), 160,
                    e -> e.notes().lines().findFirst().orElse(""));
            table.setContentProvider(ArrayContentProvider.getInstance());
            table.setInput(elements);
            GridDataFactory.fillDefaults().grab(true, true).span(1, 2).hint(SWT.DEFAULT, 160).applyTo(table.getControl());

            Button add = new Button(page, SWT.PUSH);
            add.setText(Labels.get("newProject.add"));
            GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(add);
            add.addListener(SWT.Selection, e -> {
                ElementDialog dialog = new ElementDialog(getShell());
                if (dialog.open() == Window.OK) {
                    elements.add(dialog.element());
                    table.refresh();
                }
            });
            Button remove = new Button(page, SWT.PUSH);
            remove.setText(Labels.get("newProject.remove"));
            GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(remove);
            remove.setEnabled(false);
            table.addSelectionChangedListener(e -> remove.setEnabled(!e.getStructuredSelection().isEmpty()));
            remove.addListener(SWT.Selection, e -> {
                elements.removeAll(table.getStructuredSelection().toList());
                table.refresh();
            });
            setControl(page);
        }
    }

    private static Label label(Composite parent, String key) {
        Label label = new Label(parent, SWT.NONE);
        label.setText(Labels.get(key));
        return label;
    }
}
