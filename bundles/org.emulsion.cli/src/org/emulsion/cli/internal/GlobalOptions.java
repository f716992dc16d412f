package org.emulsion.cli.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.emulsion.cli.CommandContribution;
import org.emulsion.cli.CommandRegistry;
import org.emulsion.cli.UsageException;
import org.emulsion.core.EmulsionPreferences;
import org.emulsion.core.EmulsionPreferences.ComputeDevice;
import org.emulsion.core.EmulsionPreferences.ComputePrecision;

/**
 * Options every engine-using command takes, anywhere after the command word: {@code --device
 * auto|cpu|gpu} and {@code --precision fp32|bf16|fp16}. They become the system properties that
 * win over the preferences ({@link EmulsionPreferences#DEVICE_PROPERTY},
 * {@link EmulsionPreferences#PRECISION_PROPERTY}) for this process.
 */
final class GlobalOptions {
    /** The built-in commands that train or infer (and {@code doctor}, which checks what they would get); contributed ones declare {@code engine="true"}. */
    static final List<String> COMMANDS = List.of("demo", "restore", "run", "doctor");

    private GlobalOptions() {
    }

    /** {@code args} without the global options, which are applied; wrong values are usage errors. */
    static List<String> apply(String command, List<String> args) {
        if (!COMMANDS.contains(command) && !CommandRegistry.get().find(command).map(CommandContribution::usesEngine).orElse(false)) {
            return args;
        }
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!name.equals("--device") && !name.equals("--precision")) {
                rest.add(a);
                continue;
            }
            String value;
            if (a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException(name + " needs a value");
            }
            value = value.toLowerCase(Locale.ROOT);
            if (name.equals("--device")) {
                System.setProperty(EmulsionPreferences.DEVICE_PROPERTY, check(name, value, ComputeDevice.class));
            } else {
                System.setProperty(EmulsionPreferences.PRECISION_PROPERTY, check(name, value, ComputePrecision.class));
            }
        }
        return rest;
    }

    private static <E extends Enum<E>> String check(String option, String value, Class<E> choices) {
        List<String> ids = Arrays.stream(choices.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        if (!ids.contains(value)) {
            throw new UsageException(option + " takes " + String.join(", ", ids) + ", not '" + value + "'");
        }
        return value;
    }
}
