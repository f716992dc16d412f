package org.emulsion.pipeline.report.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.emulsion.pipeline.RunFolder;

import com.google.gson.JsonObject;

/**
 * The report page of a run: its sections in reading order (pictures and the verdict first, the
 * tables and the treatment record last), each written when the run has its data, in one
 * self-contained HTML file with screen and print styles.
 */
public final class ReportBuilder {
    /** Every section, in page order. A new kind of figure or picture is a new section here, not a new report. */
    private static final List<Section> SECTIONS = List.of(new Summary(), new BeforeAfter(), new DamageSection(), new SourcesSection(),
            new PaletteSection(), new AlignmentSection(), new PairsSection(), new TrainingSection(), new ContactSheetsSection(),
            new FiguresSection(), new TreatmentRecord(), new OtherFacts(), new EveryFrame());

    private ReportBuilder() {
    }

    /**
     * The page of the run in {@code folder} whose {@code report.json} is {@code report}; pictures
     * are written into the folder's {@value Previews#DIR}/ as the page needs them.
     *
     * @param run        the run folder opened, or null when its records cannot be read
     * @param runProblem why {@code run} is null (shown where the pictures would be)
     */
    public static String render(Path folder, JsonObject report, RunFolder run, String runProblem) throws IOException {
        Page page = new Page(folder, report, run, new Previews(folder, run, runProblem, SourcesSection.values(report)));
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        h.text("Restoration report: " + Summary.name(Json.text(Json.object(report, "provenance"), "sourceElement")) + " ("
                + Json.text(report, "workflow") + ")");
        h.raw("</title>\n<style>").raw(STYLE).raw("</style></head>\n<body>\n");
        for (Section s : SECTIONS) {
            if (s.present(page)) {
                s.write(page, h);
            }
        }
        h.raw("<script>").raw(SCRIPT).raw("</script>\n</body></html>\n");
        return h.toString();
    }

    /** A picture that does not load says so (a report copied without its files); printing opens the folded lists. */
    private static final String SCRIPT = """
            document.querySelectorAll('img').forEach(function (img) {
              function missing() {
                var f = img.closest('figure');
                if (f) { f.classList.add('missing'); f.setAttribute('data-missing', img.getAttribute('src')); }
              }
              if (img.complete && img.naturalWidth === 0) { missing(); } else { img.addEventListener('error', missing); }
            });
            window.addEventListener('beforeprint', function () {
              document.querySelectorAll('details').forEach(function (d) { d.open = true; });
            });
            """;

    private static final String STYLE = """
            :root { --ink: #1d1d1f; --muted: #666; --rule: #d9d9d9; --better: #2a9d4b; --same: #c98a00; --worse: #c0392b; }
            body { font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif; color: var(--ink);
              margin: 0 auto; padding: 1.5em 2em 4em; max-width: 78em; }
            h1 { font-size: 1.9em; margin: 0.1em 0 0.2em; }
            h2 { font-size: 1.35em; margin: 1.8em 0 0.5em; padding-top: 0.4em; border-top: 1px solid var(--rule); }
            h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
            .kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8em; color: var(--muted); margin: 0; }
            .subtitle { color: var(--muted); margin: 0 0 1em; }
            .verdict { font-size: 1.25em; line-height: 1.4; margin: 0.8em 0; padding: 0.7em 1em; background: #f6f6f6;
              border-left: 6px solid var(--same); }
            .verdict.better { border-color: var(--better); } .verdict.worse { border-color: var(--worse); }
            .verdict.unscored { border-color: var(--rule); }
            .links, .note, .method, .remark { color: var(--muted); font-size: 0.9em; }
            .method { word-break: break-word; }
            table { border-collapse: collapse; margin: 0.4em 0 1em; }
            th, td { border: 1px solid var(--rule); padding: 3px 9px; text-align: left; vertical-align: top; }
            th { background: #f2f2f2; font-weight: 600; }
            td.count { text-align: right; font-variant-numeric: tabular-nums; }
            table.facts th { width: 16em; } table.facts td.count { text-align: left; }
            table.strip { width: 100%; table-layout: fixed; }
            table.strip th.frame { width: 8.5em; font-weight: normal; font-size: 0.9em; }
            table.strip td { padding: 4px; }
            .name { color: var(--muted); font-size: 0.85em; word-break: break-all; }
            .badge { display: inline-block; margin-top: 0.3em; padding: 0 0.5em; border-radius: 0.8em; font-size: 0.85em;
              background: #6a3d9a; color: #fff; }
            figure { margin: 0; }
            figure img { display: block; width: 100%; height: auto; background: #eee; }
            figure.missing img { display: none; }
            figure.missing::before { content: 'picture not found: ' attr(data-missing); color: var(--worse); font-size: 0.85em; }
            figure.wide { margin: 0.5em 0; }
            figcaption { font-size: 0.85em; color: var(--muted); margin-top: 0.2em; }
            .absent { display: flex; align-items: center; justify-content: center; min-height: 6em; padding: 0.5em;
              background: repeating-linear-gradient(45deg, #f4f4f4, #f4f4f4 6px, #ebebeb 6px, #ebebeb 12px);
              color: var(--muted); font-size: 0.85em; text-align: center; }
            svg.chart { width: 100%; height: auto; background: #fff; } svg.curve { max-width: 48em; }
            svg .tick { font-size: 11px; fill: #555; }
            .legend span { margin-right: 1.2em; white-space: nowrap; }
            .legend i { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.35em; vertical-align: -0.1em; }
            .pairs { display: flex; flex-wrap: wrap; gap: 10px; }
            .pair { width: 17em; padding: 5px; border: 2px solid var(--better); border-radius: 4px; }
            .pair.rejected { border-color: var(--worse); background: #fdf3f2; }
            .pair figure { display: inline-block; width: calc(50% - 3px); vertical-align: top; }
            td.artwork figure { display: inline-block; width: calc(33% - 6px); margin: 0 6px 6px 0; vertical-align: top; }
            .pair p { margin: 0.3em 0 0; font-size: 0.85em; }
            .sheet { margin: 0.6em 0; } .sheet img { max-width: min(100%, 36em); width: auto; }
            .rollbacks { border-left: 4px solid var(--worse); padding-left: 0.8em; }
            dl.record { display: grid; grid-template-columns: 14em 1fr; gap: 0.35em 1em; }
            dl.record dt { font-weight: 600; } dl.record dd { margin: 0; word-break: break-word; }
            .palette { display: flex; flex-wrap: wrap; gap: 8px; }
            .swatch i { display: block; width: 4em; height: 4em; border: 1px solid var(--rule); }
            details { margin: 0.4em 0; } summary { cursor: pointer; color: #1a5fb4; }
            code { font-size: 0.85em; word-break: break-all; }
            @page { size: A4; margin: 14mm 12mm; }
            @media print {
              body { font-size: 10.5pt; max-width: none; padding: 0; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              .noprint, summary { display: none; }
              a { color: inherit; text-decoration: none; }
              h2 { break-after: avoid; } h3 { break-after: avoid; }
              tr, figure, .pair, .verdict, svg { break-inside: avoid; }
              #before-after, #alignment { break-inside: auto; }
              .pair { width: 14em; }
            }
            """;
}
