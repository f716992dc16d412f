package org.emulsion.pipeline.report.internal;

import java.io.IOException;
import java.util.List;

/** Frames side by side, a row per frame and a column per view, each picture clickable to a larger view. */
final class Strip {
    /** A column: its heading and what it shows. */
    record Column(String label, Previews.View view) {
    }

    private Strip() {
    }

    static void write(Page page, Html h, String id, List<Integer> frames, List<Column> columns) throws IOException {
        List<Integer> heldOut = page.heldOut();
        h.raw("<table id=\"" + id + "\" class=\"strip\"><tr><th></th>");
        columns.forEach(c -> h.raw("<th>" + Html.esc(c.label()) + "</th>"));
        h.raw("</tr>\n");
        for (int f : frames) {
            int shot = page.shotOf(f);
            h.raw("<tr><th class=\"frame\">frame " + Figures.count(f + 1) + "<br><span class=\"name\">" + Html.esc(page.nameOf(f))
                    + "</span>" + (shot < 0 ? "" : "<br>shot " + Figures.count(shot + 1))
                    + (heldOut.contains(f) ? "<br><span class=\"badge held-out\" title=\"kept out of training and scored\">held out</span>"
                            : "")
                    + "</th>");
            for (Column c : columns) {
                h.raw("<td>" + page.figure(f, c.view(), c.label(), null, true) + "</td>");
            }
            h.raw("</tr>\n");
        }
        h.raw("</table>\n");
    }
}
