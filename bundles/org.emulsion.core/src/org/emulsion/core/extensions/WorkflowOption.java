package org.emulsion.core.extensions;

import java.util.List;
import java.util.Locale;

/**
 * An option a workflow declares in {@code plugin.xml}; front ends (CLI flags, wizard fields)
 * are generated from these, so both offer the same choices.
 *
 * @param name         option name, used as {@code --name} on the command line
 * @param type         one of {@code string, integer, double, boolean, path}
 * @param defaultValue value used when none is given, or null if the option is required
 * @param description  one-line help text
 */
public record WorkflowOption(String name, String type, String defaultValue, String description) {

    public static final List<String> TYPES = List.of("string", "integer", "double", "boolean", "path");

    public boolean required() { return defaultValue == null; }

    /**
     * Checks {@code value} against the declared type.
     *
     * @return null when valid, else what is wrong
     */
    public String validate(String value) {
        try {
            switch (type) {
                case "integer" -> Long.parseLong(value);
                case "double" -> Double.parseDouble(value);
                case "boolean" -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    if (!v.equals("true") && !v.equals("false")) {
                        return "--" + name + " takes true or false, not '" + value + "'";
                    }
                }
                default -> { /* string and path accept anything; paths are checked where used */ }
            }
            return null;
        } catch (NumberFormatException e) {
            return "--" + name + " takes " + (type.equals("integer") ? "a whole number" : "a number") + ", not '" + value + "'";
        }
    }
}
