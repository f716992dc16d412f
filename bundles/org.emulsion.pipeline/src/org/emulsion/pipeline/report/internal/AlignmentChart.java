package org.emulsion.pipeline.report.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every scan frame on one time line, as inline SVG: a bar as high as its alignment confidence,
 * coloured by what the frame became (training pair, held out, matched but not used, rejected,
 * no counterpart in the reference), the confidence threshold, the cuts between shots and the
 * scenes as bands. Each bar names its frame, reference frame and verdict on hover.
 */
public final class AlignmentChart {
    private static final int WIDTH = 1100;
    private static final int LEFT = 44;
    private static final int RIGHT = 8;
    private static final int TOP = 22;
    private static final int BARS = 120;
    private static final int LANE = 10;
    private static final int HEIGHT = TOP + BARS + 6 + LANE + 26;

    /** What a scan frame became. */
    public enum Status {
        PAIR("training pair", "#2a9d4b"), HELD_OUT("held out (scored)", "#6a3d9a"), MATCHED("matched, not used", "#8fb3d9"),
        REJECTED("rejected", "#e08a1e"), NONE("no counterpart in the reference", "#bdbdbd");

        public final String label;
        public final String colour;

        Status(String label, String colour) {
            this.label = label;
            this.colour = colour;
        }
    }

    /**
     * One scan frame.
     *
     * @param confidence its alignment confidence, NaN when it has no reference frame or none could be aligned
     * @param why        why it was rejected, or null
     */
    public record Frame(String name, String referenceFrame, double confidence, Status status, String why) {
    }

    private AlignmentChart() {
    }

    /** How many frames have each status. */
    public static Map<Status, Integer> counts(List<Frame> frames) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        frames.forEach(f -> counts.merge(f.status(), 1, Integer::sum));
        return counts;
    }

    /**
     * @param shots         the shots in frame order (their first and last frame index)
     * @param scenes        the scenes, likewise
     * @param minConfidence the confidence below which an alignment is not used, or NaN
     */
    public static String svg(List<Frame> frames, List<FrameChoice.Shot> shots, List<FrameChoice.Shot> scenes, double minConfidence) {
        int n = Math.max(1, frames.size());
        double step = (double) (WIDTH - LEFT - RIGHT) / n;
        StringBuilder svg = new StringBuilder(64 + 160 * frames.size());
        svg.append(String.format(Locale.ROOT, "<svg id=\"alignment-chart\" class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
                + "aria-label=\"alignment of every scan frame\" xmlns=\"http://www.w3.org/2000/svg\">", WIDTH, HEIGHT));
        for (int s = 0; s < scenes.size(); s++) { // scenes as alternate bands
            if (s % 2 == 1) {
                svg.append(rect(LEFT + scenes.get(s).first() * step, TOP, (scenes.get(s).last() - scenes.get(s).first() + 1) * step,
                        BARS, "#f1f1f1", "scene " + (s + 1)));
            }
        }
        for (double y : new double[] {0, 0.5, 1}) {
            double py = TOP + BARS * (1 - y);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%.1f</text>", LEFT, WIDTH - RIGHT, py, py,
                    LEFT - 4, py + 4, y));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" class=\"tick\" transform=\"rotate(-90 10 %d)\" "
                + "text-anchor=\"middle\">confidence</text>", TOP + BARS / 2, TOP + BARS / 2));
        double gap = step > 3 ? 1 : 0;
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            String title = f.name() + (f.referenceFrame() == null ? "" : " ← " + f.referenceFrame())
                    + (Double.isFinite(f.confidence()) ? ", confidence " + Figures.confidence(f.confidence()) : "") + ": "
                    + f.status().label + (f.why() == null ? "" : " (" + f.why() + ")");
            double x = LEFT + i * step;
            if (Double.isFinite(f.confidence())) {
                double h = BARS * Math.max(0, Math.min(1, f.confidence()));
                svg.append(rect(x, TOP + BARS - h, step - gap, h, f.status().colour, title));
            }
            svg.append(String.format(Locale.ROOT, "<rect class=\"frame %s\" x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" "
                    + "fill=\"%s\"><title>%s</title></rect>", f.status().name().toLowerCase(Locale.ROOT).replace('_', '-'), x,
                    TOP + BARS + 6, Math.max(0.5, step - gap), LANE, f.status().colour, Html.esc(title)));
        }
        if (Double.isFinite(minConfidence)) {
            double py = TOP + BARS * (1 - minConfidence);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c0392b\" "
                    + "stroke-dasharray=\"4 3\"><title>alignments below %s are not used</title></line>", LEFT, WIDTH - RIGHT, py, py,
                    Figures.confidence(minConfidence)));
        }
        for (int s = 0; s < shots.size(); s++) {
            FrameChoice.Shot shot = shots.get(s);
            double x = LEFT + shot.first() * step;
            if (s > 0) {
                svg.append(String.format(Locale.ROOT, "<line class=\"cut\" x1=\"%.2f\" x2=\"%.2f\" y1=\"%d\" y2=\"%d\" stroke=\"#222\" "
                        + "stroke-width=\"1.2\"><title>cut before %s</title></line>", x, x, TOP - 6, TOP + BARS + 6 + LANE,
                        "frame " + (shot.first() + 1)));
            }
            double width = (shot.last() - shot.first() + 1) * step;
            if (width > 40) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">shot %d</text>",
                        x + width / 2, TOP - 8, s + 1));
            }
        }
        for (int tick : ticks(frames.size())) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%d</text>",
                    LEFT + (tick - 0.5) * step, HEIGHT - 8, tick));
        }
        return svg.append("</svg>\n").toString();
    }

    /** Frame numbers (from 1) to label: the first, the last and round numbers between. */
    static List<Integer> ticks(int frames) {
        List<Integer> ticks = new ArrayList<>();
        if (frames == 0) {
            return ticks;
        }
        int every = 1;
        for (int base = 1; frames / every > 10; base *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                every = base * m;
                if (frames / every <= 10) {
                    break;
                }
            }
        }
        ticks.add(1);
        for (int t = every; t < frames; t += every) {
            if (t - 1 > every / 3 && frames - t > every / 3) {
                ticks.add(t);
            }
        }
        if (frames > 1) {
            ticks.add(frames);
        }
        return ticks;
    }

    private static String rect(double x, double y, double w, double h, String fill, String title) {
        return String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"><title>%s</title></rect>",
                x, y, Math.max(0.5, w), h, fill, Html.esc(title));
    }
}
