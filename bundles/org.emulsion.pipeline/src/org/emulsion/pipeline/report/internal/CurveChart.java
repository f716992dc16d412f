package org.emulsion.pipeline.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A model's training as inline SVG: the training loss and the validation loss (on the held-out
 * frames) against the step, on a log scale, with the step whose weights were kept and the steps
 * where training was rolled back.
 */
public final class CurveChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 26;
    private static final int BOTTOM = 30;
    private static final String LOSS = "#1f77b4";
    private static final String VALIDATION = "#d62728";

    private CurveChart() {
    }

    /** The chart of one {@code training.perModel[]} entry, or a line saying there is no curve. */
    public static String svg(JsonObject model) {
        List<double[]> loss = points(Json.array(model, "lossCurve"));
        List<double[]> validation = points(Json.array(model, "validationCurve"));
        List<double[]> all = new ArrayList<>(loss);
        all.addAll(validation);
        if (all.isEmpty()) {
            return "<p>No training curve was recorded.</p>\n";
        }
        double maxX = Math.max(1, all.stream().mapToDouble(p -> p[0]).max().orElse(1));
        double minY = Math.log10(all.stream().mapToDouble(p -> p[1]).min().orElse(1));
        double maxY = Math.log10(all.stream().mapToDouble(p -> p[1]).max().orElse(1));
        if (maxY - minY < 1e-6) {
            minY -= 0.5;
            maxY += 0.5;
        }
        Scale s = new Scale(maxX, minY, maxY);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart curve\" viewBox=\"0 0 %d %d\" role=\"img\" "
                + "aria-label=\"training and validation loss\" xmlns=\"http://www.w3.org/2000/svg\">", WIDTH, HEIGHT));
        for (double value : ticks(minY, maxY)) {
            double y = s.y(Math.log10(value));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>", LEFT, WIDTH - RIGHT, y, y, LEFT - 4, y + 4,
                    Figures.plain(value)));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>", LEFT, WIDTH - RIGHT,
                HEIGHT - BOTTOM, HEIGHT - BOTTOM));
        for (int tick : AlignmentChart.ticks((int) maxX)) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>", s.x(tick),
                    HEIGHT - BOTTOM + 14, Figures.count(tick)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">step</text>", WIDTH - RIGHT,
                HEIGHT - 4));
        double best = Json.number(model, "bestStep");
        if (Double.isFinite(best)) {
            svg.append(marker(s.x(best), "#555", "2 2", "weights kept: step " + Figures.count(best)));
        }
        for (JsonObject r : Json.objects(model, "rollbacks")) {
            svg.append(marker(s.x(Json.number(r, "failedStep")), VALIDATION, "5 3", "rolled back at step "
                    + Figures.count(Json.number(r, "failedStep")) + " to step " + Figures.count(Json.number(r, "toStep")) + ": "
                    + Json.text(r, "cause")));
        }
        polyline(svg, loss, s, LOSS);
        polyline(svg, validation, s, VALIDATION);
        for (double[] p : validation) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", s.x(p[0]), s.y(Math.log10(p[1])),
                    VALIDATION));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" class=\"tick\" fill=\"%s\">training loss</text>"
                + "<text x=\"%d\" y=\"16\" class=\"tick\" fill=\"%s\">validation loss (held-out frames)</text>"
                + "<text x=\"%d\" y=\"16\" class=\"tick\" text-anchor=\"end\">log scale</text></svg>\n", LEFT, LOSS, LEFT + 110,
                VALIDATION, WIDTH - RIGHT));
        return svg.toString();
    }

    /** Loss values to label between 10^minLog and 10^maxLog: powers of ten, with 2 and 5 times them when the range is short. */
    static List<Double> ticks(double minLog, double maxLog) {
        List<Double> ticks = new ArrayList<>();
        double[] steps = maxLog - minLog > 2 ? new double[] {1} : new double[] {1, 2, 5};
        for (int e = (int) Math.floor(minLog); e <= Math.ceil(maxLog); e++) {
            for (double m : steps) {
                double log = Math.log10(m) + e;
                if (log >= minLog - 1e-9 && log <= maxLog + 1e-9) {
                    ticks.add(m * Math.pow(10, e));
                }
            }
        }
        return ticks;
    }

    private record Scale(double maxX, double minY, double maxY) {
        double x(double step) {
            return LEFT + (WIDTH - LEFT - RIGHT) * step / maxX;
        }

        double y(double log) {
            return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * (log - minY) / (maxY - minY);
        }
    }

    private static String marker(double x, String colour, String dash, String title) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"%s\">"
                + "<title>%s</title></line>", x, x, TOP, HEIGHT - BOTTOM, colour, dash, Html.esc(title));
    }

    private static void polyline(StringBuilder svg, List<double[]> points, Scale s, String colour) {
        if (points.isEmpty()) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"");
        for (double[] p : points) {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", s.x(p[0]), s.y(Math.log10(p[1]))));
        }
        svg.append("\"/>");
    }

    /** The [step, value] points of a curve with a positive, finite value (a log scale shows no others). */
    private static List<double[]> points(JsonArray series) {
        List<double[]> points = new ArrayList<>();
        for (JsonElement e : series) {
            if (e.isJsonArray() && e.getAsJsonArray().size() == 2 && !e.getAsJsonArray().get(1).isJsonNull()) {
                double step = e.getAsJsonArray().get(0).getAsDouble();
                double value = e.getAsJsonArray().get(1).getAsDouble();
                if (value > 0 && Double.isFinite(value)) {
                    points.add(new double[] {step, value});
                }
            }
        }
        return points;
    }
}
