package org.emulsion.cli;

import java.util.Set;

import org.eclipse.core.runtime.IConfigurationElement;
import org.emulsion.core.extensions.ContributionRegistry;

/** Registry of the {@code org.emulsion.cli.commands} extension point ({@link Command} contributions). */
public final class CommandRegistry extends ContributionRegistry<Command, CommandContribution> {
    public static final String EXTENSION_POINT = "org.emulsion.cli.commands";
    /** The command line's own words, which no contribution may take. */
    public static final Set<String> BUILT_IN = Set.of("plugins", "doctor", "demo", "restore", "run", "plan", "train", "render", "finish",
            "cluster", "help");
    private static final CommandRegistry INSTANCE = new CommandRegistry();

    private CommandRegistry() {
        super(EXTENSION_POINT, "command", Command.class, CommandContribution::new);
    }

    public static CommandRegistry get() { return INSTANCE; }

    @Override
    protected String validate(IConfigurationElement element) {
        String word = element.getAttribute("id");
        if (BUILT_IN.contains(word) || word.startsWith("-")) {
            return "'" + word + "' is a built-in command word or an option; choose another id";
        }
        return null;
    }
}
