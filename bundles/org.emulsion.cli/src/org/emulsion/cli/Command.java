package org.emulsion.cli;

import java.io.PrintStream;
import java.util.List;

import org.emulsion.core.EmulsionException;

/**
 * A command word of {@code ./emulsion} contributed by a bundle through the
 * {@code org.emulsion.cli.commands} extension point ({@code bench} is one), so that the headless
 * core ships only the commands its own features need. One instance serves every call, so it keeps
 * no state.
 */
public interface Command {
    /** Exit status of a command that did its work. */
    int OK = 0;

    /**
     * The command's lines of {@code ./emulsion help}: each form of the command indented by two
     * spaces, its explanation aligned under the other commands' (after 46 spaces), ending with a newline.
     */
    String usage();

    /**
     * Runs the command on the words after its own, the global options ({@code --device},
     * {@code --precision}) already applied and removed when the contribution declares
     * {@code engine="true"}.
     *
     * @return the exit status, {@link #OK} on success
     * @throws UsageException for wrong words (exit status 2, one line)
     * @throws EmulsionException for an error the restorer can act on (exit status 1, one line)
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws EmulsionException;
}
