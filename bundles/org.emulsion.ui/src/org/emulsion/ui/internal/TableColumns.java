package org.emulsion.ui.internal;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;

/** Text columns of table viewers (the wizards' tables). */
public final class TableColumns {
    private TableColumns() {
    }

    /** Adds a column titled {@code title} showing {@code text} of each row, the rows being {@code type}. */
    public static <T> void add(TableViewer table, Class<T> type, String title, int width, Function<T, String> text) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(type.cast(element));
            }
        });
    }
}
