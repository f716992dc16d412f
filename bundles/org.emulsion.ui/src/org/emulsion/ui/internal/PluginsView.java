package org.emulsion.ui.internal;

import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;

/**
 * "Installed Workflows &amp; Plugins": the five extension points, what is contributed to each (name,
 * id, contributing bundle, description; workflows with their options) and the rejected
 * contributions.
 */
public final class PluginsView extends ViewPart {
    public static final String ID = "org.emulsion.ui.views.plugins";

    private TreeViewer viewer;

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.FULL_SELECTION | SWT.H_SCROLL | SWT.V_SCROLL);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        addColumn("column.name", 300, Row::name, true);
        addColumn("column.id", 290, Row::id, false);
        addColumn("column.bundle", 170, Row::bundle, false);
        addColumn("column.description", 600, Row::description, false);
        ColumnViewerToolTipSupport.enableFor(viewer);
        viewer.setContentProvider(new RowContentProvider());
        viewer.setInput(ContributionTree.build());
        viewer.expandAll();
        getSite().setSelectionProvider(viewer);
    }

    private void addColumn(String labelKey, int width, Function<Row, String> text, boolean withIcon) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(Labels.get(labelKey));
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Row) element);
            }

            @Override
            public Image getImage(Object element) {
                return withIcon ? icon(((Row) element).kind()) : null;
            }

            @Override
            public String getToolTipText(Object element) {
                String description = ((Row) element).description();
                return description.isEmpty() ? null : description;
            }
        });
    }

    private static Image icon(Row.Kind kind) {
        String key = switch (kind) {
            case EXTENSION_POINT -> ISharedImages.IMG_OBJ_FOLDER;
            case CONTRIBUTION -> ISharedImages.IMG_OBJ_ELEMENT;
            case OPTION -> ISharedImages.IMG_OBJS_INFO_TSK;
            case PROBLEMS, PROBLEM -> ISharedImages.IMG_OBJS_ERROR_TSK;
        };
        return PlatformUI.getWorkbench().getSharedImages().getImage(key);
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    private static final class RowContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return ((List<?>) input).toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            return ((Row) parent).children().toArray();
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return !((Row) element).children().isEmpty();
        }
    }
}
