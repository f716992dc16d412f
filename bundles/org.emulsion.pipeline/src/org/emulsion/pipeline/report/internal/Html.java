package org.emulsion.pipeline.report.internal;

import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The page's markup as it is written: escaped text, tables whose count cells are marked
 * ({@code class="count"}) and a rendering of facts whose shape only the run knows (a workflow's
 * extra report blocks) as nested tables, never as JSON.
 */
public final class Html {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** Appends markup as is. */
    public Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends escaped text. */
    public Html text(String text) {
        out.append(esc(text));
        return this;
    }

    /** {@code <tag attributes>escaped text</tag>}. */
    public Html element(String tag, String attributes, String text) {
        out.append('<').append(tag).append(attributes.isEmpty() ? "" : " " + attributes).append('>').append(esc(text))
                .append("</").append(tag).append(">\n");
        return this;
    }

    /** A table with a header row. */
    public Html tableStart(String... headers) {
        out.append("<table>");
        if (headers.length > 0) {
            out.append("<tr>");
            for (String h : headers) {
                out.append("<th>").append(esc(h)).append("</th>");
            }
            out.append("</tr>");
        }
        out.append('\n');
        return this;
    }

    /** A row of cells, each a {@link Cell}. */
    public Html row(Cell... cells) {
        out.append("<tr>");
        for (Cell c : cells) {
            out.append(c.header ? "<th" : "<td").append(c.count ? " class=\"count\"" : "").append('>').append(c.markup)
                    .append(c.header ? "</th>" : "</td>");
        }
        out.append("</tr>\n");
        return this;
    }

    public Html tableEnd() {
        out.append("</table>\n");
        return this;
    }

    /** A table of label → value rows, values given as cells. */
    public Html facts(Map<String, Cell> rows) {
        out.append("<table class=\"facts\">\n");
        rows.forEach((label, value) -> row(Cell.header(label), value));
        return tableEnd();
    }

    /**
     * A JSON value whose shape the report does not know: a primitive as formatted text, an object
     * as a table of its keys (in words), an array of primitives as a list, an array of objects as
     * a table with a column per key; series of points are summarised by their length.
     */
    public Html value(JsonElement v) {
        if (v == null || v.isJsonNull()) {
            out.append(Figures.NONE);
        } else if (v.isJsonPrimitive()) {
            out.append(esc(v.getAsJsonPrimitive().isNumber() ? Figures.plain(v.getAsDouble()) : v.getAsString()));
        } else if (v.isJsonObject()) {
            JsonObject o = v.getAsJsonObject();
            if (o.isEmpty()) {
                out.append(Figures.NONE);
                return this;
            }
            out.append("<table class=\"facts\">");
            o.entrySet().forEach(e -> {
                out.append("<tr><th>").append(esc(Figures.words(e.getKey()))).append("</th><td>");
                value(e.getValue());
                out.append("</td></tr>");
            });
            out.append("</table>");
        } else {
            array(v.getAsJsonArray());
        }
        return this;
    }

    private void array(JsonArray a) {
        if (a.isEmpty()) {
            out.append(Figures.NONE);
        } else if (a.get(0).isJsonArray()) {
            out.append(esc(Figures.count(a.size()) + " points"));
        } else if (a.get(0).isJsonObject()) {
            List<String> keys = a.asList().stream().filter(JsonElement::isJsonObject)
                    .flatMap(e -> e.getAsJsonObject().keySet().stream()).distinct().toList();
            out.append("<table><tr>");
            keys.forEach(k -> out.append("<th>").append(esc(Figures.words(k))).append("</th>"));
            out.append("</tr>");
            for (JsonElement e : a) {
                out.append("<tr>");
                for (String k : keys) {
                    out.append("<td>");
                    value(e.isJsonObject() ? e.getAsJsonObject().get(k) : null);
                    out.append("</td>");
                }
                out.append("</tr>");
            }
            out.append("</table>");
        } else {
            for (int i = 0; i < a.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                value(a.get(i));
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A table cell: escaped text or markup, a count (checked by the report's test), or a row header. */
    public record Cell(String markup, boolean count, boolean header) {
        public static Cell text(String text) {
            return new Cell(esc(text), false, false);
        }

        public static Cell markup(String markup) {
            return new Cell(markup, false, false);
        }

        /** An integer count. */
        public static Cell count(double n) {
            return new Cell(esc(Figures.count(n)), true, false);
        }

        public static Cell header(String text) {
            return new Cell(esc(text), false, true);
        }

        /** A value of unknown shape ({@link Html#value}). */
        public static Cell value(JsonElement v) {
            return new Cell(new Html().value(v).toString(), false, false);
        }
    }
}
