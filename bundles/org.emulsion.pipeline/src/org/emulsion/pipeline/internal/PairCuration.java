package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.pipeline.Alignments;
import org.emulsion.core.JsonFiles;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.pipeline.SequenceAligner;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Chooses the training pairs among the aligned frames, shot by shot, and lets the restorer
 * overrule the choice.
 * <p>
 * <b>Which frames are tried.</b> In every shot: frames spread evenly over it (one per
 * {@code trainEvery} frames, at most {@value #MAX_SPREAD}), plus its brightest, darkest and most
 * colourful frames (by the scan's statistics from {@link ShotDetector}) — so the pairs cover the
 * shot's lighting, subjects and extremes, and no shot gets more than {@value #MAX_SPREAD} + 3.
 * <p>
 * <b>What is rejected</b>, with the reason recorded: an alignment the aligner refused or whose
 * confidence is below {@link Alignments#MIN_CONFIDENCE}; a black reference frame (mean luma
 * below {@value #BLACK_LUMA}); and a reference showing content the scan lacks — a logo or a
 * subtitle. The last is a heuristic: after registration the reference should have edges only
 * where the scan has them; over a {@value #GRID_COLUMNS}×{@value #GRID_ROWS} grid of cells, a cell
 * whose edges score above {@value #OVERLAY_SCORE} (see {@link #overlay}) is taken for burnt-in
 * content (named a subtitle when it lies in the bottom quarter of the frame, else a logo). It can
 * miss faint or small overlays and refuse a frame whose reference really is sharper somewhere
 * (e.g. a scan frame with a large blurred patch); the restorer's override settles such cases. A rejected frame is replaced by the next frame of
 * the shot that passes (at most {@value #MAX_TRIES} tries).
 * <p>
 * <b>Overrides.</b> Every tried frame is listed in {@value #FILE} in the output folder. To
 * overrule the choice, set {@code "chosen"} to {@code true} or {@code false} on any listed
 * candidate and run again with the same output folder: the alignment is reused, the edited
 * choice is honoured (and reported as the restorer's), models whose pairs changed are trained
 * again and the frames they restore are rendered again. {@code "proposed"} keeps Emulsion's own
 * choice; the other fields are for reading.
 */
public final class PairCuration {
    /** The restorer's list of candidates, in the output folder. */
    public static final String FILE = RunLayout.PAIRS;
    static final int MAX_SPREAD = 8;
    static final int MAX_TRIES = 4;
    static final double BLACK_LUMA = 0.05;
    static final int GRID_COLUMNS = 16;
    static final int GRID_ROWS = 12;
    static final double OVERLAY_SCORE = 2.5;

    /**
     * A frame tried as a training pair.
     *
     * @param role     why it was tried (spread over the shot, brightest, ..., in place of a rejected frame)
     * @param proposed Emulsion's choice
     * @param reason   why it was rejected, or null
     * @param chosen   whether it trains: the proposal, or the restorer's edit of {@value #FILE}
     */
    public record Candidate(int scanFrame, int referenceFrame, int shot, String role, boolean proposed, String reason,
            boolean chosen) {
        public boolean overridden() {
            return chosen != proposed;
        }

        Candidate choose(boolean choice) {
            return new Candidate(scanFrame, referenceFrame, shot, role, proposed, reason, choice);
        }
    }

    private final ShotList shots;
    /** Per shot: planned frame → its role, in frame order. */
    private final List<TreeMap<Integer, String>> plan = new ArrayList<>();
    /** Per shot: roles of passed planned frames still without an accepted pair. */
    private final List<Deque<String>> owed = new ArrayList<>();
    private final int[] tries;
    private final Set<Integer> reserved;
    private final Map<Integer, Integer> planPointer = new HashMap<>();

    /**
     * Plans the frames to try (see the class comment).
     *
     * @param reserved frames kept out of the plan (e.g. held out for validation); a spread position
     *                 on one moves to the next frame of the shot
     */
    public PairCuration(ShotList shots, int trainEvery, Set<Integer> reserved) {
        this.shots = shots;
        this.reserved = Set.copyOf(reserved);
        this.tries = new int[shots.shots().size()];
        for (FrameRange shot : shots.shots()) {
            TreeMap<Integer, String> roles = new TreeMap<>();
            int n = Math.max(1, Math.min(MAX_SPREAD, (shot.length() + trainEvery - 1) / Math.max(1, trainEvery)));
            for (int k = 0; k < n; k++) {
                int f = shot.first() + (int) ((k + 0.5) * shot.length() / n);
                while (reserved.contains(f) && f < shot.last()) {
                    f++;
                }
                if (!reserved.contains(f)) {
                    roles.put(f, "spread over the shot");
                }
            }
            addExtreme(roles, shot, reserved, s -> s.luma(), "brightest of the shot");
            addExtreme(roles, shot, reserved, s -> -s.luma(), "darkest of the shot");
            addExtreme(roles, shot, reserved, s -> s.chroma(), "most colourful of the shot");
            plan.add(roles);
            owed.add(new ArrayDeque<>());
        }
    }

    private void addExtreme(TreeMap<Integer, String> roles, FrameRange shot, Set<Integer> reserved,
            ToDoubleFunction<ShotList.FrameStats> value, String role) {
        int best = -1;
        for (int f = shot.first(); f <= shot.last(); f++) {
            if (!reserved.contains(f) && (best < 0 || value.applyAsDouble(shots.frames().get(f)) > value.applyAsDouble(shots.frames().get(best)))) {
                best = f;
            }
        }
        if (best >= 0) {
            roles.merge(best, role, (a, b) -> a + "; " + b);
        }
    }

    /**
     * Whether frame {@code frame} is to be tried; call once per aligned frame, in frame order.
     * Planned frames without a reference count as rejected: a later frame of the shot stands in
     * (never a reserved one).
     *
     * @return its role, or null when it is not tried
     */
    public String roleOf(int frame) {
        int shot = shots.shotOf(frame);
        TreeMap<Integer, String> roles = plan.get(shot);
        int from = planPointer.getOrDefault(shot, Integer.MIN_VALUE);
        roles.subMap(from, true, frame, true).forEach((f, role) -> {
            if (f != frame) {
                owed.get(shot).add(role + " (in place of frame " + f + ", which has no usable reference)");
            }
        });
        planPointer.put(shot, frame + 1);
        if (roles.containsKey(frame)) {
            owed.get(shot).addFirst(roles.get(frame));
            tries[shot] = 0;
        }
        Deque<String> open = owed.get(shot);
        return open.isEmpty() || reserved.contains(frame) ? null : open.peekFirst();
    }

    /**
     * Records the verdict on a frame {@link #roleOf} asked for.
     *
     * @param reason why it is rejected, or null when it is accepted
     */
    public Candidate verdict(int frame, int referenceFrame, String reason) {
        int shot = shots.shotOf(frame);
        Deque<String> open = owed.get(shot);
        String role = open.peekFirst();
        if (reason == null) {
            open.removeFirst();
            tries[shot] = 0;
        } else if (++tries[shot] >= MAX_TRIES) {
            open.removeFirst();
            tries[shot] = 0;
        } else if (!role.contains("in place of")) {
            open.removeFirst();
            open.addFirst(role + " (in place of rejected frame " + frame + ")");
        }
        return new Candidate(frame, referenceFrame, shot, role, reason == null, reason, reason == null);
    }

    /**
     * Why a pair must not train, or null when it may (see the class comment).
     *
     * @param scan      the scan frame, at least {@link #OVERLAY_WIDTH} wide unless smaller whole
     * @param reference the reference frame as read
     * @param aligner   what registered it: the reference is warped onto a reduced copy of the scan frame for the overlay check
     */
    public static String rejection(SpatialAlignment alignment, SequenceAligner.ScanView scan, Image reference, Aligner aligner) {
        double luma = meanLuma(reference);
        if (luma < BLACK_LUMA) { // first: a black frame is also one the aligner refuses, for want of features
            return String.format(Locale.ROOT, "the reference frame is black (mean luma %.3f)", luma);
        }
        String unusable = Alignments.whyNot(alignment);
        return unusable != null ? unusable
                : overlay(scan.atMostWide(OVERLAY_WIDTH),
                        Warps.atMostWide(aligner, reference, alignment, scan.width(), scan.height(), OVERLAY_WIDTH));
    }

    /**
     * Why a reference that is placed on the frame rather than registered (artwork of other moments)
     * may not serve: it is black, or its placement was refused; its content is not compared with the scan's.
     */
    public static String unplaced(SpatialAlignment alignment, Image reference) {
        double luma = meanLuma(reference);
        if (luma < BLACK_LUMA) {
            return String.format(Locale.ROOT, "the reference frame is black (mean luma %.3f)", luma);
        }
        return Alignments.whyNot(alignment);
    }

    private static double meanLuma(Image rgb) {
        float[] d = rgb.data();
        double sum = 0;
        for (int i = 0; i < d.length; i += 3) {
            sum += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
        }
        return sum / (d.length / 3.0);
    }

    /**
     * Burnt-in content of the reference: a cell where the reference has far more edges than the
     * scan explains. Per cell of the grid, {@code E} is the mean gradient magnitude of the (lightly
     * smoothed) luma; {@code g}, the median over cells of {@code E_ref / E_scan}, takes out the two
     * elements' overall contrast and sharpness; a cell scores {@code E_ref / (g E_scan + median E_ref)}.
     * Edges both elements have (however the fade changed their contrast) score about 1; text or a
     * logo on the reference over plain picture scores far higher.
     */
    static String overlay(Image scan, Image warped) {
        // a check of coarse structure (cells, smoothing relative to the width): an archive-size frame is
        // checked on a reduced copy, the reference warped straight into its grid
        int w = scan.width();
        int h = scan.height();
        float[] r = Colour.luma(warped, Float.NaN);
        float[] covered = new float[r.length];
        for (int p = 0; p < r.length; p++) {
            covered[p] = Float.isNaN(r[p]) ? 0 : 1;
            r[p] = Float.isNaN(r[p]) ? 0 : r[p];
        }
        float[] valid = inner(covered, w, h);
        float[] scanCells = cells(edges(Colour.luma(scan, 0), valid, w, h), w, h);
        float[] referenceCells = cells(edges(r, valid, w, h), w, h);
        float[] cover = cells(valid, w, h);
        List<Double> ratios = new ArrayList<>();
        List<Double> energies = new ArrayList<>();
        for (int c = 0; c < cover.length; c++) {
            if (cover[c] >= 0.9) {
                ratios.add((double) referenceCells[c] / Math.max(1e-6, scanCells[c]));
                energies.add((double) referenceCells[c] / cover[c]);
            }
        }
        if (ratios.size() < GRID_COLUMNS * GRID_ROWS / 4) {
            return "the reference covers too little of the scan frame";
        }
        double gain = median(ratios);
        double floor = median(energies);
        int worst = -1;
        double worstScore = 0;
        for (int c = 0; c < cover.length; c++) {
            if (cover[c] >= 0.9) {
                double score = referenceCells[c] / (gain * scanCells[c] + floor * cover[c]);
                if (score > worstScore) {
                    worstScore = score;
                    worst = c;
                }
            }
        }
        if (worstScore > OVERLAY_SCORE) {
            int row = worst / GRID_COLUMNS;
            int column = worst % GRID_COLUMNS;
            String what = row >= GRID_ROWS * 3 / 4 ? "a subtitle?" : "a logo?";
            return String.format(Locale.ROOT, "the reference shows content the scan lacks around (%d%%, %d%%) of the frame"
                    + " (edge score %.1f > %.1f) — %s", (int) ((column + 0.5) * 100 / GRID_COLUMNS),
                    (int) ((row + 0.5) * 100 / GRID_ROWS), worstScore, OVERLAY_SCORE, what);
        }
        return null;
    }

    /** Widest frame {@link #overlay} compares at. */
    public static final int OVERLAY_WIDTH = 1024;

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** Covered pixels whose 5×5 neighbourhood is covered too: the coverage border's own edge must not count. */
    private static float[] inner(float[] covered, int w, int h) {
        try (Mat src = OpenCv.toMat(new Image(w, h, 1, covered)); Mat box = new Mat()) {
            opencv_imgproc.blur(src, box, new Size(5, 5));
            float[] b = OpenCv.toImage(box).data();
            float[] inner = new float[b.length];
            for (int p = 0; p < b.length; p++) {
                inner[p] = b[p] > 0.999f ? 1 : 0;
            }
            return inner;
        }
    }

    /** Gradient magnitude of the luma smoothed over about a 256th of the width (grain is not an edge), 0 outside {@code valid}. */
    private static float[] edges(float[] y, float[] valid, int w, int h) {
        double sigma = Math.max(1, w / 256.0);
        try (Mat src = OpenCv.toMat(new Image(w, h, 1, y)); Mat smooth = new Mat(); Mat dx = new Mat(); Mat dy = new Mat();
                Mat magnitude = new Mat()) {
            opencv_imgproc.GaussianBlur(src, smooth, new Size(0, 0), sigma);
            opencv_imgproc.Sobel(smooth, dx, -1, 1, 0);
            opencv_imgproc.Sobel(smooth, dy, -1, 0, 1);
            org.bytedeco.opencv.global.opencv_core.magnitude(dx, dy, magnitude);
            float[] m = OpenCv.toImage(magnitude).data();
            for (int p = 0; p < m.length; p++) {
                m[p] *= valid[p];
            }
            return m;
        }
    }

    /** Means over the cells of the grid (area resampling). */
    private static float[] cells(float[] values, int w, int h) {
        return OpenCv.resize(new Image(w, h, 1, values), GRID_COLUMNS, GRID_ROWS).data();
    }

    /** Writes the candidates for the restorer to read and edit. */
    public static void write(Path file, List<Candidate> candidates, FrameSource scan, FrameSource reference) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("howToEdit", "Set \"chosen\" to true or false on any candidate, then run again with the same output"
                + " folder: the alignment is reused and the edited choice is honoured. \"proposed\" is Emulsion's own choice.");
        JsonArray list = new JsonArray();
        for (Candidate c : candidates) {
            JsonObject o = new JsonObject();
            o.addProperty("scanFrame", scan.frameName(c.scanFrame()));
            o.addProperty("scanIndex", c.scanFrame());
            o.addProperty("referenceFrame", reference.frameName(c.referenceFrame()));
            o.addProperty("shot", c.shot());
            o.addProperty("chosen", c.chosen());
            o.addProperty("proposed", c.proposed());
            o.addProperty("tried", c.role());
            if (c.reason() != null) {
                o.addProperty("rejected", c.reason());
            }
            list.add(o);
        }
        root.add("candidates", list);
        JsonFiles.write(file, root);
    }

    /**
     * The candidates with the restorer's choices from {@code file} (if it exists).
     *
     * @throws EmulsionException naming the file when it is not valid JSON or lists a frame that is not a candidate
     */
    public static List<Candidate> applyEdits(Path file, List<Candidate> candidates) throws EmulsionException {
        if (!Files.isRegularFile(file)) {
            return candidates;
        }
        Map<Integer, Boolean> edits = new HashMap<>();
        try {
            JsonObject root = JsonFiles.read(file);
            for (JsonElement e : root.getAsJsonArray("candidates")) {
                JsonObject o = e.getAsJsonObject();
                edits.put(o.get("scanIndex").getAsInt(), o.get("chosen").getAsBoolean());
            }
        } catch (IOException | RuntimeException e) { // JsonParseException, IllegalStateException, NullPointerException: a damaged edit
            throw new EmulsionException(file + " cannot be read (" + e.getMessage() + "); fix the edit (each candidate needs"
                    + " \"scanIndex\" and \"chosen\": true or false) or delete the file to get Emulsion's proposal back", e);
        }
        Map<Integer, Candidate> byFrame = new LinkedHashMap<>();
        candidates.forEach(c -> byFrame.put(c.scanFrame(), c));
        for (Integer frame : edits.keySet()) {
            if (!byFrame.containsKey(frame)) {
                throw new EmulsionException(file + ": scan frame " + frame + " is not one of the candidates; only listed"
                        + " candidates can be chosen or rejected");
            }
        }
        return candidates.stream().map(c -> edits.containsKey(c.scanFrame()) ? c.choose(edits.get(c.scanFrame())) : c).toList();
    }
}
