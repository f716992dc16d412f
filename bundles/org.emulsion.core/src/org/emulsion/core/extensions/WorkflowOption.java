package org.emulsion.core.extensions;

import java.util.List;
import java.util.Locale;

/**
 * An option a workflow declares in {@code plugin.xml}; front ends (CLI flags, wizard fields)
 * are generated from these, so both offer the same choices.
 *
 * @param name         option name, used as {@code --name} on the command line
 * @param type         one of {@code string, integer, double, boolean, path, paths} ({@code paths}: one
 *                     or more paths, e.g. {@code --prints a b c}; the resolved value joins them with
 *                     {@link #PATH_SEPARATOR})
 * @param defaultValue value used when none is given, or null if the option is required
 * @param description  one-line help text
 * @param choices      the only values allowed (e.g. output formats; case is ignored), or empty for any value of the type
 * @param minimum      the smallest value allowed for a number, or null
 */
public record WorkflowOption(String name, String type, String defaultValue, String description, List<String> choices,
        Double minimum) {

    public static final List<String> TYPES = List.of("string", "integer", "double", "boolean", "path", "paths");
    /** Separates the paths of a {@code paths} option's value (a character no file name holds in practice). */
    public static final String PATH_SEPARATOR = "\n";

    public WorkflowOption {
        choices = List.copyOf(choices);
    }

    /** An option that takes any value of its type. */
    public WorkflowOption(String name, String type, String defaultValue, String description) {
        this(name, type, defaultValue, description, List.of(), null);
    }

    public boolean required() { return defaultValue == null; }

    /** Whether the option takes several paths ({@code --prints a b c}). */
    public boolean multiple() { return "paths".equals(type); }

    /** The paths of a {@code paths} option's value, in order (blank entries dropped). */
    public static List<String> paths(String value) {
        return java.util.Arrays.stream(value.split(PATH_SEPARATOR)).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * Checks {@code value} against the declared type, choices and minimum.
     *
     * @return null when valid, else what is wrong
     */
    public String validate(String value) {
        if (!multiple() && value.contains(PATH_SEPARATOR)) {
            return "--" + name + " takes one value, not several: '" + value.replace(PATH_SEPARATOR, " ") + "'";
        }
        if (!choices.isEmpty() && choices.stream().noneMatch(c -> c.equalsIgnoreCase(value.strip()))) {
            return "--" + name + " takes one of " + String.join(", ", choices) + ", not '" + value + "'";
        }
        String kind = type.equals("integer") ? "a whole number" : "a number";
        try {
            double number = switch (type) {
                case "integer" -> Long.parseLong(value);
                case "double" -> Double.parseDouble(value);
                default -> Double.NaN;
            };
            if (minimum != null && number < minimum) {
                return "--" + name + " takes " + kind + " of at least " + (type.equals("integer") ? Long.toString(minimum.longValue())
                        : minimum.toString()) + ", not '" + value + "'";
            }
        } catch (NumberFormatException e) {
            return "--" + name + " takes " + kind + ", not '" + value + "'";
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (type.equals("boolean") && !v.equals("true") && !v.equals("false")) {
            return "--" + name + " takes true or false, not '" + value + "'";
        }
        if (type.equals("paths") && paths(value).isEmpty()) {
            return "--" + name + " needs at least one path";
        }
        return null; // string and path accept anything else; paths are checked where used
    }
}
