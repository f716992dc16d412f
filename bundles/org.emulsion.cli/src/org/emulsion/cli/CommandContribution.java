package org.emulsion.cli;

import org.eclipse.core.runtime.IConfigurationElement;
import org.emulsion.core.extensions.Contribution;

/** A command as its contribution declares it: its word ({@link #id()}) and whether it uses the ML engine. */
public final class CommandContribution extends Contribution<Command> {

    CommandContribution(IConfigurationElement element, Class<Command> type) {
        super(element, type);
    }

    /** Whether the command trains or infers, and so takes the global {@code --device} and {@code --precision}. */
    public boolean usesEngine() {
        return Boolean.parseBoolean(attribute("engine", "false"));
    }
}
