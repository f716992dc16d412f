package org.emulsion.pipeline.report.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.emulsion.core.extensions.Contribution;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.pipeline.RunFolder;

import com.google.gson.JsonObject;

/**
 * What the report's sections read: the run's {@code report.json}, its folder through
 * {@link RunFolder} (pictures via {@link Previews}), and what follows from them for every
 * section alike (frame indices, shots, each frame's status, names for people).
 */
public final class Page {
    private final Path folder;
    private final JsonObject report;
    private final RunFolder run;
    private final Previews previews;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final Map<Integer, String> nameAt = new HashMap<>();

    /** @param run the run folder, or null when its records cannot be read (the page then shows no pictures) */
    public Page(Path folder, JsonObject report, RunFolder run, Previews previews) {
        this.folder = folder;
        this.report = report;
        this.run = run;
        this.previews = previews;
        List<JsonObject> rows = Json.objects(report, "alignment");
        for (int i = 0; i < rows.size(); i++) {
            JsonObject row = rows.get(i);
            int index = Json.has(row, "index") ? (int) Json.number(row, "index") : i;
            indexOf.put(Json.text(row, "frame"), index);
            nameAt.put(index, Json.text(row, "frame"));
        }
    }

    public Path folder() {
        return folder;
    }

    public JsonObject report() {
        return report;
    }

    /** The run folder, or null when its records cannot be read. */
    public RunFolder run() {
        return run;
    }

    public Previews previews() {
        return previews;
    }

    /** Scan frames the report knows. */
    public int frameCount() {
        return nameAt.size();
    }

    /** The scan frame index of frame {@code name}, or -1. */
    public int indexOf(String name) {
        return indexOf.getOrDefault(name, -1);
    }

    /** The name of scan frame {@code index}. */
    public String nameOf(int index) {
        return nameAt.getOrDefault(index, "frame " + (index + 1));
    }

    /** The shots ({@code report.json}'s {@code shots}), or the scenes with {@code key = "scenes"}. */
    public List<FrameChoice.Shot> ranges(String key) {
        return Json.objects(report, key).stream()
                .map(o -> new FrameChoice.Shot((int) Json.number(o, "first"), (int) Json.number(o, "last"))).toList();
    }

    /** The shot (from 0) of frame {@code index}, or -1. */
    public int shotOf(int index) {
        List<FrameChoice.Shot> shots = ranges("shots");
        for (int s = 0; s < shots.size(); s++) {
            if (index >= shots.get(s).first() && index <= shots.get(s).last()) {
                return s;
            }
        }
        return -1;
    }

    /** The scored frames the model never trained on. */
    public List<Integer> heldOut() {
        JsonObject heldOut = Json.object(report, "heldOut");
        return heldOut == null ? List.of() : Verdict.heldOutFrames(heldOut).stream().map(this::indexOf).filter(i -> i >= 0).toList();
    }

    /** Every scan frame with its alignment and what it became. */
    public List<AlignmentChart.Frame> frames() {
        Map<String, String> pairRejections = new HashMap<>();
        for (JsonObject c : Json.objects(report, "pairs", "candidates")) {
            if (!Json.flag(c, "chosen")) {
                pairRejections.put(Json.text(c, "scanFrame"), Json.has(c, "rejected") ? Json.text(c, "rejected") : "not chosen");
            }
        }
        List<Integer> heldOut = heldOut();
        List<AlignmentChart.Frame> frames = new ArrayList<>();
        for (JsonObject row : Json.objects(report, "alignment")) {
            String name = Json.text(row, "frame");
            String reference = Json.has(row, "referenceFrame") ? Json.text(row, "referenceFrame") : null;
            AlignmentChart.Status status;
            String why = null;
            if (Json.flag(row, "usedForTraining")) {
                status = AlignmentChart.Status.PAIR;
            } else if (Json.flag(row, "heldOut") || heldOut.contains(indexOf(name))) {
                status = AlignmentChart.Status.HELD_OUT;
            } else if (reference == null) {
                status = AlignmentChart.Status.NONE;
            } else if (Json.has(row, "rejected") || pairRejections.containsKey(name)) {
                status = AlignmentChart.Status.REJECTED;
                why = Json.has(row, "rejected") ? Json.text(row, "rejected") : pairRejections.get(name);
            } else {
                status = AlignmentChart.Status.MATCHED;
            }
            frames.add(new AlignmentChart.Frame(name, reference, Json.number(row, "confidence"), status, why));
        }
        return frames;
    }

    /** What the baseline is called in sentences ("the match grade"). */
    public String baselineName() {
        String label = Json.text(Json.object(report, "baseline"), "label");
        return label.isBlank() ? "the baseline" : "the " + label;
    }

    /** The workflow's name as its plugin gives it, else its id. */
    public String workflowName() {
        return workflow().map(Contribution::name).orElse(Json.text(report, "workflow"));
    }

    /** The kind of reference the workflow reads, as its source plugin names it ("DVD (PAL or NTSC)"), or "". */
    public String referenceKind() {
        return workflow().map(w -> w.references().stream()
                .map(r -> ReferenceSourceRegistry.get().find(r.sourceId()).map(Contribution::name).orElse(r.sourceId()))
                .distinct().collect(java.util.stream.Collectors.joining(", "))).orElse("");
    }

    private java.util.Optional<WorkflowContribution> workflow() {
        try {
            return WorkflowRegistry.get().find(Json.text(report, "workflow"));
        } catch (RuntimeException e) { // outside a running platform: no names, only ids
            return java.util.Optional.empty();
        }
    }

    /**
     * A figure: the thumbnail of {@code view} of frame {@code index}, linked to its large preview when
     * {@code full}, or the reason there is none; {@code label} names it (alt text), {@code caption}
     * (markup, may be null) is written under it.
     */
    public String figure(int index, Previews.View view, String label, String caption, boolean full) throws IOException {
        return figure(previews.show(index, nameOf(index), view, full), view.name().toLowerCase(java.util.Locale.ROOT),
                label + ", " + nameOf(index), caption);
    }

    /** A picture outside the run (an artwork file: the colour evidence), thumbnailed under {@code folderName}. */
    public String figure(Path file, String folderName, String caption) throws IOException {
        return figure(previews.show(file, folderName), folderName, file.getFileName().toString(), caption);
    }

    private static String figure(Previews.Shown shown, String cssClass, String alt, String caption) {
        StringBuilder f = new StringBuilder("<figure class=\"view ").append(cssClass).append("\">");
        if (shown.present()) {
            String img = "<img src=\"" + Html.esc(shown.thumbnail()) + "\" alt=\"" + Html.esc(alt) + "\">";
            f.append(shown.full() == null ? img : "<a href=\"" + Html.esc(shown.full()) + "\">" + img + "</a>");
        } else {
            f.append("<div class=\"absent\">").append(Html.esc(shown.note() == null ? "no picture" : shown.note())).append("</div>");
        }
        String remark = shown.present() && shown.note() != null ? "<span class=\"remark\">" + Html.esc(shown.note()) + "</span>" : "";
        if (caption != null || !remark.isEmpty()) {
            f.append("<figcaption>").append(caption == null ? "" : caption).append(remark).append("</figcaption>");
        }
        return f.append("</figure>").toString();
    }
}
