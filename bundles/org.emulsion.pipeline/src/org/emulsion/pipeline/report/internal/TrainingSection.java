package org.emulsion.pipeline.report.internal;

import java.util.List;

import com.google.gson.JsonObject;

/** How each model learnt: its loss and validation curves, the step whose weights were kept, and any rollbacks. */
final class TrainingSection implements Section {
    @Override
    public boolean present(Page page) {
        return Json.object(page.report(), "training") != null;
    }

    @Override
    public void write(Page page, Html h) {
        JsonObject training = Json.object(page.report(), "training");
        JsonObject granularity = Json.object(page.report(), "granularity");
        List<JsonObject> models = Json.objects(training, "perModel");
        h.raw("<section id=\"training\">\n");
        h.element("h2", "", "Training");
        StringBuilder s = new StringBuilder(Figures.of(models.isEmpty() ? Json.number(training, "models") : models.size(), "model",
                "models"));
        if (granularity != null) {
            s.append(" (one per ").append(Json.text(granularity, "chosen")).append(": ").append(Json.text(granularity, "reason"))
                    .append(')');
        }
        s.append(", ").append(Json.text(training, "architecture")).append(", trained for ")
                .append(Figures.of(Json.number(training, "steps"), "step", "steps")).append(" in ")
                .append(Figures.minutes(Json.number(training, "seconds"))).append(" on ").append(Json.text(training, "device"))
                .append(" from ").append(Figures.of(Json.number(training, "pairs"), "pair", "pairs")).append('.');
        h.element("p", "", s.toString());
        for (JsonObject m : models) {
            h.element("h3", "", "Model " + Json.text(m, "id") + " (" + Json.text(m, "covers") + ")");
            h.raw("<figure class=\"wide\">").raw(CurveChart.svg(m)).raw("</figure>\n");
            h.element("p", "", Figures.of(Json.number(m, "pairs"), "pair", "pairs") + ", " + Figures.of(Json.number(m, "steps"),
                    "step", "steps") + " in " + Figures.minutes(Json.number(m, "seconds")) + "; the weights of step "
                    + Figures.count(Json.number(m, "bestStep")) + " were kept (the lowest loss on the held-out frames).");
            List<JsonObject> rollbacks = Json.objects(m, "rollbacks");
            if (!rollbacks.isEmpty()) {
                h.raw("<div class=\"rollbacks\"><p><b>Training was rolled back " + Figures.of(rollbacks.size(), "time", "times")
                        + "</b> (a numerical failure; the weights were never updated with it):</p><ul>");
                for (JsonObject r : rollbacks) {
                    h.raw("<li>" + Html.esc("at step " + Figures.count(Json.number(r, "failedStep")) + " (" + Json.text(r, "cause")
                            + ") back to step " + Figures.count(Json.number(r, "toStep")) + ", learning rate × "
                            + Figures.plain(Json.number(r, "learningRateScale"))) + "</li>");
                }
                h.raw("</ul></div>\n");
            }
        }
        h.raw("</section>\n");
    }
}
