package org.emulsion.align.internal;

import java.util.Arrays;

import org.emulsion.core.extensions.TemporalMatch;

/**
 * The monotonic frame map on a matrix of pair scores (scan × reference correlations): per scan
 * frame, a reference frame or {@link TemporalMatch#NONE}, with a confidence per decision.
 * <p>
 * A dynamic programme maximises the summed gain {@code score − THRESHOLD} of the matched frames
 * (NONE gains nothing): the next reference frame after the last match costs nothing, skipping
 * reference frames (dropped scan frames, a lead-in) costs a jump penalty, and showing the same
 * reference frame again costs a repeat penalty — and is only possible where the caller allows it.
 * One film frame is one scan frame, so a reference frame seen twice means a duplicated scan frame
 * or a reference that runs slower than the scan; anywhere else a repeat is how a frame without
 * counterpart (a censor cut in a slow shot) would be passed off as the nearest frame held.
 * <p>
 * Confidence is the decision's margin over the best alternative: a second pass backwards gives,
 * for every frame and every choice (each reference frame, or NONE), the best total of a whole
 * monotonic map that makes that choice; the margin is the chosen map's total minus the best total
 * with the frame decided otherwise, so a match whose neighbour in the reference would do almost as
 * well, given the frames around it, is unsure, and a match held up by the whole shot is sure.
 */
final class MonotonicMatch {
    /** Correlation a pair must exceed to be a match rather than NONE. */
    static final double THRESHOLD = 0.45;
    /** Cost of a repeated reference frame and of skipping reference frames, in correlation units. */
    static final double REPEAT_PENALTY = 0.25;
    static final double JUMP_PENALTY = 0.35;
    /** Margin (correlation units) that gives a confidence of 0.73 (logistic scale). */
    static final double CONFIDENCE_SCALE = 0.05;

    private static final double NEVER = Double.NEGATIVE_INFINITY;

    private final double[][] score;
    private final boolean[] repeatAllowed;
    private final int n;
    private final int m;
    /** matched[i][j]: best total of frames 0..i with scan i shown by reference j. */
    private final double[][] matched;
    /** skipped[i][j]: best total with scan i NONE and the last match j (j = m: no match yet). */
    private final double[][] skipped;
    /** The states the forward totals came from, encoded by {@link #encodeMatched} / {@link #encodeSkipped}. */
    private final int[][] matchedFrom;
    private final int[][] skippedFrom;

    private MonotonicMatch(double[][] score, boolean[] repeatAllowed) {
        this.score = score;
        this.repeatAllowed = repeatAllowed;
        this.n = score.length;
        this.m = score[0].length;
        this.matched = new double[n][m];
        this.skipped = new double[n][m + 1];
        this.matchedFrom = new int[n][m];
        this.skippedFrom = new int[n][m + 1];
    }

    /**
     * The map and its confidences.
     *
     * @param score         scan × reference pair scores (correlations, at most 1)
     * @param repeatAllowed per scan frame, whether it may show the same reference frame as the scan
     *                      frame before it (index 0 is not read)
     */
    static TemporalMatch decide(double[][] score, boolean[] repeatAllowed, String method) {
        int n = score.length;
        if (n == 0 || score[0].length == 0) {
            int[] none = new int[n];
            Arrays.fill(none, TemporalMatch.NONE);
            double[] sure = new double[n];
            Arrays.fill(sure, 1);
            return new TemporalMatch(none, sure, method);
        }
        MonotonicMatch dp = new MonotonicMatch(score, repeatAllowed);
        dp.forward();
        int[] map = dp.backtrack();
        return new TemporalMatch(map, dp.confidences(map), method);
    }

    private double gain(int i, int j) {
        return score[i][j] - THRESHOLD;
    }

    private boolean repeatAt(int i) {
        return i > 0 && repeatAllowed[i];
    }

    private static int encodeMatched(int j) {
        return j;
    }

    private static int encodeSkipped(int j) {
        return -(j + 2);
    }

    private static final int START = Integer.MIN_VALUE;

    private void forward() {
        for (int j = 0; j < m; j++) {
            matched[0][j] = gain(0, j); // the scan may start anywhere in the reference (lead-in, head missing)
            matchedFrom[0][j] = START;
            skipped[0][j] = NEVER;
            skippedFrom[0][j] = START;
        }
        skipped[0][m] = 0;
        skippedFrom[0][m] = START;
        for (int i = 1; i < n; i++) {
            double[] pm = matched[i - 1];
            double[] ps = skipped[i - 1];
            double before = NEVER; // best state of frame i - 1 whose last match is below j - 1
            int beforeState = START;
            for (int j = 0; j < m; j++) {
                double best = ps[m] - (j > 0 ? JUMP_PENALTY : 0); // the first match after NONE frames only
                int from = encodeSkipped(m);
                if (j > 0 && pm[j - 1] > best) {
                    best = pm[j - 1];
                    from = encodeMatched(j - 1);
                }
                if (j > 0 && ps[j - 1] > best) {
                    best = ps[j - 1];
                    from = encodeSkipped(j - 1);
                }
                if (repeatAt(i) && pm[j] - REPEAT_PENALTY > best) {
                    best = pm[j] - REPEAT_PENALTY;
                    from = encodeMatched(j);
                }
                if (before - JUMP_PENALTY > best) {
                    best = before - JUMP_PENALTY;
                    from = beforeState;
                }
                if (j > 0) { // states ending at j - 1 become "before" for j + 1
                    if (pm[j - 1] > before) {
                        before = pm[j - 1];
                        beforeState = encodeMatched(j - 1);
                    }
                    if (ps[j - 1] > before) {
                        before = ps[j - 1];
                        beforeState = encodeSkipped(j - 1);
                    }
                }
                matched[i][j] = best + gain(i, j);
                matchedFrom[i][j] = from;
            }
            for (int j = 0; j < m; j++) {
                boolean fromMatch = pm[j] >= ps[j];
                skipped[i][j] = fromMatch ? pm[j] : ps[j];
                skippedFrom[i][j] = fromMatch ? encodeMatched(j) : encodeSkipped(j);
            }
            skipped[i][m] = ps[m];
            skippedFrom[i][m] = encodeSkipped(m);
        }
    }

    private int[] backtrack() {
        double best = skipped[n - 1][m];
        int state = encodeSkipped(m);
        for (int j = 0; j < m; j++) {
            if (matched[n - 1][j] > best) {
                best = matched[n - 1][j];
                state = encodeMatched(j);
            }
            if (skipped[n - 1][j] > best) {
                best = skipped[n - 1][j];
                state = encodeSkipped(j);
            }
        }
        int[] map = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            if (state >= 0) {
                map[i] = state;
                state = matchedFrom[i][state];
            } else {
                map[i] = TemporalMatch.NONE;
                state = skippedFrom[i][-state - 2];
            }
        }
        return map;
    }

    /**
     * Per frame, the logistic of the margin between the best total with the frame decided as in
     * {@code map} and the best total with it decided any other way (from forward + backward totals).
     */
    private double[] confidences(int[] map) {
        // after[i][j] / afterSkipped[i][j]: best total of frames i+1..n-1 given frame i's state.
        double[] nextMatched = new double[m]; // gain(i + 1, j) + after(i + 1, matched j)
        double[] nextSkipped = new double[m + 1];
        double[] afterMatched = new double[m];
        double[] afterSkipped = new double[m + 1];
        double[] suffix = new double[m + 1]; // suffix[j]: max of nextMatched[j..m-1]
        double[] confidence = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            if (i == n - 1) {
                Arrays.fill(afterMatched, 0);
                Arrays.fill(afterSkipped, 0);
            } else {
                suffix[m] = NEVER;
                for (int j = m - 1; j >= 0; j--) {
                    suffix[j] = Math.max(nextMatched[j], suffix[j + 1]);
                }
                boolean repeat = repeatAt(i + 1);
                for (int j = 0; j < m; j++) {
                    double best = nextSkipped[j];
                    if (j + 1 < m) {
                        best = Math.max(best, nextMatched[j + 1]);
                    }
                    if (j + 2 < m) {
                        best = Math.max(best, suffix[j + 2] - JUMP_PENALTY);
                    }
                    double fromSkipped = best;
                    if (repeat) {
                        best = Math.max(best, nextMatched[j] - REPEAT_PENALTY);
                    }
                    afterMatched[j] = best;
                    afterSkipped[j] = fromSkipped;
                }
                afterSkipped[m] = Math.max(nextSkipped[m], Math.max(nextMatched[0], m > 1 ? suffix[1] - JUMP_PENALTY : NEVER));
            }
            // The best whole-map total for each way of deciding frame i.
            double chosen = NEVER;
            double other = NEVER;
            double none = NEVER;
            for (int j = 0; j <= m; j++) {
                none = Math.max(none, skipped[i][j] + afterSkipped[j]);
            }
            for (int j = 0; j < m; j++) {
                double total = matched[i][j] + afterMatched[j];
                if (j == map[i]) {
                    chosen = total;
                } else {
                    other = Math.max(other, total);
                }
            }
            if (map[i] == TemporalMatch.NONE) {
                chosen = none;
            } else {
                other = Math.max(other, none);
            }
            double margin = other == NEVER ? Double.POSITIVE_INFINITY : chosen - other;
            confidence[i] = 1 / (1 + Math.exp(-margin / CONFIDENCE_SCALE));
            for (int j = 0; j < m; j++) {
                nextMatched[j] = gain(i, j) + afterMatched[j];
            }
            System.arraycopy(afterSkipped, 0, nextSkipped, 0, m + 1);
        }
        return confidence;
    }
}
