package org.emulsion.pipeline.report;

import java.io.IOException;
import java.nio.file.Path;

import org.emulsion.core.EmulsionException;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.core.JsonFiles;
import org.emulsion.pipeline.RunFolder;
import org.emulsion.pipeline.report.internal.ReportBuilder;

import com.google.gson.JsonObject;

/**
 * {@value #FILE}: the page a restorer hands to a curator with the restored element, made from
 * what the run wrote — its {@code report.json} and its folder read through {@link RunFolder} —
 * for every workflow alike. Pictures and the verdict first, then alignment, pairs, training,
 * the figures and the treatment record; sections whose data a run lacks are left out, so a
 * workflow that writes more (damage masks, source maps, a palette) gets more page, not another
 * report. Its pictures go to {@code report-files/} in the run folder; it prints cleanly to PDF.
 */
public final class ReportPage {
    public static final String FILE = RunLayout.REPORT_HTML;

    private ReportPage() {
    }

    /**
     * Writes {@value #FILE} (and its pictures) into {@code runFolder}, which holds a finished
     * run's {@code report.json}. Missing pictures (moved material) are named on the page.
     *
     * @return the page
     * @throws IOException naming the file when {@code report.json} is missing or damaged, or the page cannot be written
     */
    public static Path write(Path runFolder) throws IOException {
        Path folder = runFolder.toAbsolutePath().normalize();
        Path json = folder.resolve(RunLayout.REPORT_JSON);
        JsonObject report;
        try {
            report = JsonFiles.read(json);
        } catch (IOException | RuntimeException e) {
            throw new IOException(json + " cannot be read (" + e.getMessage() + "); the report page is made from a finished run's "
                    + RunLayout.REPORT_JSON, e);
        }
        RunFolder run = null;
        String problem = null;
        try {
            run = RunFolder.open(folder);
        } catch (EmulsionException e) {
            problem = e.getMessage();
        }
        try {
            Path page = folder.resolve(FILE);
            JsonFiles.writeText(page, ReportBuilder.render(folder, report, run, problem));
            return page;
        } finally {
            if (run != null) {
                run.close();
            }
        }
    }
}
