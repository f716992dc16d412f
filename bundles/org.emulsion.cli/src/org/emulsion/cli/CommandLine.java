package org.emulsion.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.emulsion.core.extensions.WorkflowOption;

/** How every command reads its words, so that built-in and contributed commands take options alike. */
public final class CommandLine {

    private CommandLine() {
    }

    /**
     * {@code --name value} (or {@code --name=value}) pairs; a name given without a value is an error.
     * An option followed by several values ({@code --prints a b c}, a {@code paths} option) gets them
     * joined by {@link WorkflowOption#PATH_SEPARATOR}; the option's type decides whether that is allowed.
     */
    public static Map<String, String> options(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException("expected --OPTION VALUE, got '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                StringBuilder values = new StringBuilder(args.get(++i));
                while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    values.append(WorkflowOption.PATH_SEPARATOR).append(args.get(++i));
                }
                value = values.toString();
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            options.put(name, value);
        }
        return options;
    }

    /** Flags without values; anything else is an error. */
    public static Map<String, Boolean> flags(List<String> args, List<String> allowed) {
        Map<String, Boolean> flags = new LinkedHashMap<>();
        for (String a : args) {
            if (!allowed.contains(a)) {
                throw new UsageException("unexpected argument '" + a + "'" + (allowed.isEmpty() ? "" : "; allowed: " + allowed));
            }
            flags.put(a.substring(2), true);
        }
        return flags;
    }

    /** A whole-number option of at least 1, or {@code fallback} when it is not given. */
    public static int intOption(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        try {
            int v = value == null ? fallback : Integer.parseInt(value);
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number of at least 1, not '" + value + "'");
        }
    }
}
