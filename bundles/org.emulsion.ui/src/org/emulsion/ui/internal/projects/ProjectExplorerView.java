package org.emulsion.ui.internal.projects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.statushandlers.StatusManager;
import org.emulsion.core.extensions.Contribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.project.FilmElement;
import org.emulsion.core.project.FilmProject;
import org.emulsion.core.project.RestorationRun;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.UiThread;
import org.emulsion.ui.internal.viewer.ViewerView;

/**
 * "Film Projects": the open projects, each with its elements (kind, where the material is, and a
 * warning when it is not there any more) and the restoration runs made for it. Its context menu
 * ({@code popup:org.emulsion.ui.views.projects}) and toolbar are filled from plugin.xml.
 */
public final class ProjectExplorerView extends ViewPart {
    public static final String ID = "org.emulsion.ui.views.projects";
    private static final DateTimeFormatter RUN_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private TreeViewer viewer;
    private final Consumer<FilmProject> refresh = project -> {
        if (viewer != null) {
            UiThread.later(viewer.getControl(), this::refresh);
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.FULL_SELECTION | SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        addColumn("projects.column.name", 190, ProjectExplorerView::name, true);
        addColumn("projects.column.kind", 100, ProjectExplorerView::kind, false);
        addColumn("projects.column.location", 360, ProjectExplorerView::location, false);
        addColumn("projects.column.notes", 240, ProjectExplorerView::firstLineOfNotes, false);
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.setContentProvider(new ProjectContentProvider());
        viewer.setInput(OpenProjects.get());
        viewer.expandToLevel(2);
        viewer.addDoubleClickListener(event -> {
            Object selected = viewer.getStructuredSelection().getFirstElement();
            if (selected instanceof RunNode run) {
                openRun(run);
            } else if (selected != null && viewer.isExpandable(selected)) {
                viewer.setExpandedState(selected, !viewer.getExpandedState(selected));
            }
        });
        MenuManager menu = new MenuManager();
        viewer.getControl().setMenu(menu.createContextMenu(viewer.getControl()));
        getSite().registerContextMenu(ID, menu, viewer);
        getSite().setSelectionProvider(viewer);
        OpenProjects.get().addListener(refresh);
    }

    /** Shows the results of {@code run} in the run viewer (a double-click on the run does this). */
    public void openRun(RunNode run) {
        try {
            ViewerView.open(run.run().output());
        } catch (PartInitException e) {
            StatusManager.getManager().handle(e.getStatus(), StatusManager.SHOW | StatusManager.LOG);
        }
    }

    /** The film project of the first selected project, element or run, if any. */
    public static Optional<FilmProject> projectOf(ISelection selection) {
        Object first = selection instanceof IStructuredSelection s ? s.getFirstElement() : null;
        return Optional.ofNullable(switch (first) {
            case FilmProject project -> project;
            case ElementNode element -> element.project();
            case RunNode run -> run.project();
            case null, default -> null;
        });
    }

    /** Shows and selects {@code project} (after the New Film Project wizard or Open Film Project). */
    public void reveal(FilmProject project) {
        refresh();
        viewer.setExpandedState(project, true);
        viewer.setSelection(new StructuredSelection(project), true);
    }

    /** The tree, for tests that read what it shows. */
    public TreeViewer viewer() {
        return viewer;
    }

    private void refresh() {
        if (!viewer.getControl().isDisposed()) {
            viewer.refresh();
        }
    }

    @Override
    public void dispose() {
        OpenProjects.get().removeListener(refresh);
        super.dispose();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    private void addColumn(String labelKey, int width, Function<Object, String> text, boolean withIcon) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(Labels.get(labelKey));
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(element);
            }

            @Override
            public Image getImage(Object element) {
                return withIcon ? icon(element) : null;
            }

            @Override
            public String getToolTipText(Object element) {
                String notes = notes(element);
                return notes.isEmpty() ? null : notes;
            }
        });
    }

    private static String name(Object node) {
        return switch (node) {
            case FilmProject p -> p.title();
            case ElementNode e -> e.element().name();
            case RunNode r -> Labels.get("projects.run", RUN_DATE.format(r.run().date()));
            default -> String.valueOf(node);
        };
    }

    private static String kind(Object node) {
        return switch (node) {
            case FilmProject p -> Labels.get("projects.kind.project");
            case ElementNode e -> e.element().kind().label();
            case RunNode r -> workflowName(r.run().workflowId());
            default -> "";
        };
    }

    /** The workflow's name while it is installed; its id once its feature is gone. */
    private static String workflowName(String id) {
        return WorkflowRegistry.get().find(id).map(Contribution::name).orElse(id);
    }

    /** Where it is on disk; material or output that is gone is marked missing (drives get unplugged, folders moved). */
    private static String location(Object node) {
        return switch (node) {
            case FilmProject p -> p.folder().toString();
            case ElementNode e -> shown(e.project(), e.element().path());
            case RunNode r -> shown(r.project(), r.run().output());
            default -> "";
        };
    }

    /** Relative inside the project folder (as in the project file), else absolute; marked when missing. */
    private static String shown(FilmProject project, Path path) {
        String text = path.startsWith(project.folder()) ? project.folder().relativize(path).toString() : path.toString();
        return Files.exists(path) ? text : Labels.get("projects.missing", text);
    }

    private static boolean missing(Object node) {
        return switch (node) {
            case ElementNode e -> !e.element().exists();
            case RunNode r -> !Files.exists(r.run().output());
            default -> false;
        };
    }

    private static String notes(Object node) {
        return switch (node) {
            case FilmProject p -> p.notes();
            case ElementNode e -> e.element().notes();
            default -> "";
        };
    }

    private static String firstLineOfNotes(Object node) {
        return notes(node).lines().findFirst().orElse("");
    }

    private static Image icon(Object node) {
        String key = missing(node) ? ISharedImages.IMG_OBJS_WARN_TSK : switch (node) {
            case FilmProject p -> ISharedImages.IMG_OBJ_FOLDER;
            case ElementNode e -> ISharedImages.IMG_OBJ_FILE;
            default -> ISharedImages.IMG_OBJ_ELEMENT;
        };
        return PlatformUI.getWorkbench().getSharedImages().getImage(key);
    }

    /** Input: {@link OpenProjects}; a project's children are its elements, then its runs. */
    private static final class ProjectContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return ((OpenProjects) input).projects().toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            if (!(parent instanceof FilmProject project)) {
                return new Object[0];
            }
            List<Object> children = new ArrayList<>();
            for (FilmElement element : project.elements()) {
                children.add(new ElementNode(project, element));
            }
            for (RestorationRun run : project.runs()) {
                children.add(new RunNode(project, run));
            }
            return children.toArray();
        }

        @Override
        public Object getParent(Object node) {
            return switch (node) {
                case ElementNode e -> e.project();
                case RunNode r -> r.project();
                default -> null;
            };
        }

        @Override
        public boolean hasChildren(Object node) {
            return node instanceof FilmProject project && !(project.elements().isEmpty() && project.runs().isEmpty());
        }
    }
}
