package org.emulsion.workflow.tests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, as a reader's browser: the DOM after the page's pictures
 * loaded and its script ran, a screenshot, a print to PDF. Each call starts a fresh browser with
 * its own profile and nothing reaching out to the network.
 */
final class Chromium {
    private static final long TIMEOUT_SECONDS = 120;
    private final Path executable;
    private final Path work;

    private Chromium(Path executable, Path work) {
        this.executable = executable;
        this.work = work;
    }

    /** The browser on the PATH ({@code chromium}, else {@code chromium-browser}), or empty. */
    static Optional<Chromium> find(Path work) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new Chromium(candidate, work));
                }
            }
        }
        return Optional.empty();
    }

    /** The page's DOM once it has loaded (pictures included) and its script has run. */
    String dumpDom(Path page, int width, int height) throws IOException {
        return run(page, width, height, "--dump-dom");
    }

    void screenshot(Path page, Path png, int width, int height) throws IOException {
        run(page, width, height, "--screenshot=" + png.toAbsolutePath());
    }

    void printToPdf(Path page, Path pdf) throws IOException {
        run(page, 1280, 1600, "--print-to-pdf=" + pdf.toAbsolutePath(), "--no-pdf-header-footer");
    }

    private String run(Path page, int width, int height, String... mode) throws IOException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Path out = Files.createTempFile(work, "chromium", ".out");
        Path err = Files.createTempFile(work, "chromium", ".err");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--hide-scrollbars", "--virtual-time-budget=10000",
                "--window-size=" + width + "," + height));
        command.addAll(List.of(mode));
        command.add(page.toUri().toString());
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(executable + " did not finish within " + TIMEOUT_SECONDS + " s: " + tail(err));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + executable + " ran", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(executable + " exited with " + process.exitValue() + ": " + tail(err));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
        }
        return text;
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.substring(Math.max(0, text.length() - 2000));
    }
}
