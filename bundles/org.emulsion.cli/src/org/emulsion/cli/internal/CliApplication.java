package org.emulsion.cli.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.emulsion.cli.UsageException;
import org.emulsion.core.EmulsionException;

/**
 * The headless application ({@code org.emulsion.cli.app}) behind the {@code ./emulsion} script.
 * Errors a restorer can act on are printed as one line; anything else is printed as one line
 * too, with the stack trace saved to a file for a bug report.
 */
public final class CliApplication implements IApplication {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        context.applicationRunning();
        return run(List.of(args), System.out, System.err);
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(Commands.usage());
            return args.isEmpty() ? USAGE : OK;
        }
        try {
            return Commands.run(args.get(0), args.subList(1, args.size()), out, err);
        } catch (EmulsionException e) {
            err.println("emulsion: " + e.getMessage());
            return FAILED;
        } catch (UsageException e) {
            err.println("emulsion: " + e.getMessage() + " (see ./emulsion help)");
            return USAGE;
        } catch (RuntimeException | Error e) {
            err.println("emulsion: internal error: " + e + " (details in " + saveTrace(e) + "; please report it)");
            return FAILED;
        }
    }

    private static String saveTrace(Throwable e) {
        try {
            Path file = Files.createTempFile("emulsion-error-", ".txt");
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            Files.writeString(file, trace.toString());
            return file.toString();
        } catch (java.io.IOException io) {
            return "no file: " + io.getMessage() + "; " + Arrays.toString(e.getStackTrace());
        }
    }

    @Override
    public void stop() {
        // runs to completion; nothing to interrupt
    }
}
