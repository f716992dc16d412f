package org.emulsion.ui.internal;

import java.util.List;

/**
 * One line of the plugins view; columns that do not apply are empty.
 *
 * @param kind        what the line stands for (chooses its icon)
 * @param name        label shown in the first column
 * @param id          extension point or contribution id
 * @param bundle      symbolic name of the bundle that declares it
 * @param description one-line description
 * @param children    lines shown below it
 */
record Row(Kind kind, String name, String id, String bundle, String description, List<Row> children) {

    enum Kind {
        EXTENSION_POINT, CONTRIBUTION, OPTION, PROBLEMS, PROBLEM
    }

    Row {
        children = List.copyOf(children);
    }

    static Row leaf(Kind kind, String name, String id, String bundle, String description) {
        return new Row(kind, name, id, bundle, description, List.of());
    }
}
