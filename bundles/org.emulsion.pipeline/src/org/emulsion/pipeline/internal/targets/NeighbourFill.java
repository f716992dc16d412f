package org.emulsion.pipeline.internal.targets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.align.internal.Motion;
import org.emulsion.align.internal.ValidBlur;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.RobustSpread;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.Evidence;
import org.emulsion.quality.Planes;

/**
 * What the neighbouring moments of the film show where no print is intact, as a restorer fills
 * dirt from the frame before or after: each neighbouring frame's composite (its own best intact
 * print per pixel) warped onto the frame, with DIS optical flow between the two composites, the
 * flow inside and next to the hole continued from around it (the damage has no motion worth
 * following), or with the camera's motion alone. A hole takes such a candidate only if, on a ring
 * of intact pixels around the hole, it agrees with the frame as closely as the two frames agree
 * over the whole picture (their grain and the flow's usual error), in spread and in level: where
 * the picture changes (an occlusion, a moving object, a cut) the ring disagrees and the hole is
 * left to the fill. Each pixel takes the best agreeing candidate that shows it, never an average
 * (which would halve the grain), shifted by the ring's median difference (flicker). A neighbour's
 * own holes give nothing.
 * <p>
 * Damage that stays on the film across frames (a scratch the camera does not move over) is in
 * the neighbour too, where its own damage map marks it, and so is never copied.
 */
public final class NeighbourFill {
    /** Width in pixels of the ring a neighbour is checked on. */
    private static final int RING = 4;
    /** The ring's spread of differences may reach this many times the frame's (units of the frames' own noise). */
    private static final double AGREE = 2;
    /**
     * The flow is continued from around a hole over this many pixels beyond it: the flow next to
     * damage follows the damage's edge (and the inpainting the flow is found on) as much as the picture.
     */
    private static final int BRIDGE = 8;
    /** A ring with fewer comparable pixels than this tells nothing. */
    private static final int MIN_RING = 12;
    /** The witness is compared over the grain: differences smoothed by a Gaussian of this σ in pixels. */
    private static final double WITNESS_SMOOTHING = 1.5;
    /** The share of the frame's intact pixels, per mille, whose difference from the witness a neighbour's pixel may exceed. */
    private static final int WITNESS_EXCESS_PER_MILLE = 5;

    private NeighbourFill() {
    }

    /**
     * The holes of {@code composite} (the frame's) filled from its neighbouring frames' composites
     * where one shows them and agrees around them, Y and the colour the same neighbour shows there
     * ({@link PrintChroma}); NaN wherever no neighbour does, and outside the holes.
     */
    static Filled of(Evidence frame, MultiPrintInput tones, PrintComposite composite) {
        List<Seen> neighbours = new ArrayList<>();
        for (Evidence neighbour : new Evidence[] { frame.previous(), frame.next() }) {
            if (neighbour != null) {
                PrintComposite seen = PrintComposite.of(neighbour, tones);
                neighbours.add(new Seen(seen.hard(), seen.inpainted(), seen.chroma(neighbour).hard(seen)));
            }
        }
        return fill(composite.width, composite.height, new Seen(composite.hard(), composite.inpainted(), null), neighbours, null);
    }

    /** A hole's fill: Y, and Cb and Cr (NaN where no neighbour fills the pixel, and outside the holes). */
    record Filled(float[] y, float[] cb, float[] cr) {
    }

    /**
     * A frame's composite, NaN in its holes ({@code hard}), the same with its holes inpainted
     * ({@code whole}: what the flow is found on), and its Cb and Cr, NaN in its holes ({@code colour};
     * null where only Y is carried over).
     */
    private record Seen(float[] hard, float[] whole, float[][] colour) {
        Seen(float[] hard, int width, int height) {
            this(hard, PrintComposite.inpaint(hard, PrintComposite.holes(hard, width, height), width, height), null);
        }
    }

    /**
     * {@code frame}'s holes (its NaN pixels; one channel, {@code width}×{@code height}) filled from
     * {@code neighbours} (the neighbouring frames, NaN where they show nothing), each hole from the
     * neighbour that agrees best around it, where one does; NaN wherever none does, and outside the holes.
     */
    public static float[] fill(int width, int height, float[] frame, List<float[]> neighbours) {
        return fill(width, height, frame, neighbours, null);
    }

    /**
     * As {@link #fill(int, int, float[], List)}, with a witness of the frame's own moment inside its
     * holes ({@code witness}: another element's picture of this frame brought to its tone, softer or
     * grainier; NaN where it shows nothing; null for none). A neighbour's pixel is refused where it
     * disagrees with the witness, smoothed over the grain, more than the frame's own intact pixels
     * ever do but for {@value #WITNESS_EXCESS_PER_MILLE} per mille of them (the witness's softness at
     * the sharpest edges, its registration): there the neighbour shows another moment, such as the
     * edge of an object that moved, which the ring around a thin hole can miss.
     */
    public static float[] fill(int width, int height, float[] frame, List<float[]> neighbours, float[] witness) {
        return fill(width, height, new Seen(frame, width, height), neighbours.stream().map(n -> new Seen(n, width, height)).toList(),
                witness).y();
    }

    private static Filled fill(int w, int h, Seen frame, List<Seen> neighbours, float[] witness) {
        int n = w * h;
        float[] out = new float[n];
        float[][] colour = {new float[n], new float[n]};
        Arrays.fill(out, Float.NaN);
        Arrays.fill(colour[0], Float.NaN);
        Arrays.fill(colour[1], Float.NaN);
        Filled filled = new Filled(out, colour[0], colour[1]);
        float[] hard = frame.hard();
        Image holes = PrintComposite.holes(hard, w, h);
        int[] region = PrintComposite.regions(holes);
        int regions = Arrays.stream(region).max().orElse(0) + 1;
        if (regions < 2 || neighbours.isEmpty()) {
            return filled;
        }
        int[] ringOf = ringOf(region, w, h);
        Image whole = new Image(w, h, 1, frame.whole());
        float[] unknown = dilated(holes.data(), w, h, BRIDGE);
        List<float[]> candidates = new ArrayList<>();
        List<float[]> candidateColours = new ArrayList<>(); // Cb, Cr interleaved, or null
        for (Seen neighbour : neighbours) {
            Image otherHard = new Image(w, h, 1, neighbour.hard());
            Image otherColour = neighbour.colour() == null ? null : Image.ofPlanes(w, h, neighbour.colour());
            Motion flow = Motion.between(whole, new Image(w, h, 1, neighbour.whole()), 1);
            Motion camera = flow.camera(whole);
            for (Motion motion : camera == null ? List.of(flow.bridging(unknown)) : List.of(flow.bridging(unknown), camera)) {
                candidates.add(motion.warp(otherHard).data());
                candidateColours.add(otherColour == null ? null : motion.warp(otherColour).data());
            }
        }
        int m = candidates.size();
        double[] level = new double[m]; // each candidate's median difference from the frame: the flicker between them
        double noise = Double.POSITIVE_INFINITY; // the closest the frames come: the best motion's
        for (int c = 0; c < m; c++) {
            double[] d = difference(hard, candidates.get(c));
            level[c] = d[0];
            noise = d[1] > 0 ? Math.min(noise, d[1]) : noise;
        }
        // per hole, each candidate's spread on its ring (infinite where refused) and offset; a ring
        // must agree in its spread and in its level (a uniform change is a change too)
        double[][] spread = new double[regions][m];
        float[][] offset = new float[regions][m];
        for (int c = 0; c < m; c++) {
            Ring[] rings = rings(hard, candidates.get(c), ringOf, regions);
            for (int r = 1; r < regions; r++) {
                double s = Double.POSITIVE_INFINITY;
                double o = 0;
                if (rings[r].count >= MIN_RING) {
                    o = rings[r].median();
                    s = Math.abs(o - level[c]) <= AGREE * noise ? rings[r].spread() : s;
                }
                spread[r][c] = s <= AGREE * noise ? s : Double.POSITIVE_INFINITY;
                offset[r][c] = (float) o;
            }
        }
        boolean[][] refused = witness == null ? null : refusedByWitness(w, h, hard, region, candidates, offset, witness);
        // each pixel of a hole from the best agreeing candidate that shows it
        for (int i = 0; i < n; i++) {
            int r = region[i];
            if (r == 0) {
                continue;
            }
            double bestSpread = Double.POSITIVE_INFINITY;
            for (int c = 0; c < m; c++) {
                float v = candidates.get(c)[i];
                if (spread[r][c] < bestSpread && Float.isFinite(v) && (refused == null || !refused[c][i])) {
                    bestSpread = spread[r][c];
                    out[i] = v + offset[r][c];
                    float[] cc = candidateColours.get(c); // the colour the same neighbour shows there
                    colour[0][i] = cc == null ? Float.NaN : cc[2 * i];
                    colour[1][i] = cc == null ? Float.NaN : cc[2 * i + 1];
                }
            }
        }
        return filled;
    }

    /**
     * Per candidate, the hole pixels where it disagrees with the witness ({@link #fill(int, int, float[], List, float[])}):
     * its difference from the witness, smoothed over {@value #WITNESS_SMOOTHING} px, beyond the
     * frame's own intact difference at its {@code 1 − }{@value #WITNESS_EXCESS_PER_MILLE}‰ rank.
     */
    private static boolean[][] refusedByWitness(int w, int h, float[] hard, int[] region, List<float[]> candidates, float[][] offset,
            float[] witness) {
        int n = hard.length;
        float[] own = new float[n];
        for (int i = 0; i < n; i++) {
            own[i] = hard[i] - witness[i]; // NaN in the holes and where the witness shows nothing
        }
        float[] ownSmooth = ValidBlur.blur(own, w, h, 1, WITNESS_SMOOTHING);
        for (int i = 0; i < n; i++) {
            ownSmooth[i] = Float.isFinite(own[i]) ? Math.abs(ownSmooth[i]) : Float.NaN;
        }
        float limit = Planes.ranked(ownSmooth, 1000 - WITNESS_EXCESS_PER_MILLE, 1000);
        boolean[][] refused = new boolean[candidates.size()][n];
        for (int c = 0; c < candidates.size(); c++) {
            float[] candidate = candidates.get(c);
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                d[i] = region[i] > 0 ? candidate[i] + offset[region[i]][c] - witness[i] : Float.NaN;
            }
            float[] smooth = ValidBlur.blur(d, w, h, 1, WITNESS_SMOOTHING);
            for (int i = 0; i < n; i++) {
                refused[c][i] = region[i] > 0 && Float.isFinite(d[i]) && !(Math.abs(smooth[i]) <= limit);
            }
        }
        return refused;
    }

    /** The differences of frame and warped neighbour on each hole's ring. */
    private static final class Ring {
        float[] values = new float[16];
        int count;

        void add(float v) {
            if (count == values.length) {
                values = Arrays.copyOf(values, 2 * count);
            }
            values[count++] = v;
        }

        double median() {
            float[] v = Arrays.copyOf(values, count);
            Arrays.sort(v);
            return v[count / 2];
        }

        /**
         * The spread of the differences about their median, as a standard deviation, from their
         * upper quartile (|x| of a normal variable is below 1.15 σ three times in four): a ring
         * may cross a little damage its frame's map missed without being refused for it.
         */
        double spread() {
            float m = (float) median();
            float[] v = new float[count];
            for (int i = 0; i < count; i++) {
                v[i] = Math.abs(values[i] - m);
            }
            Arrays.sort(v);
            return v[(3 * count) / 4] / 1.15;
        }
    }

    private static Ring[] rings(float[] hard, float[] warped, int[] ringOf, int regions) {
        Ring[] rings = new Ring[regions];
        for (int r = 0; r < regions; r++) {
            rings[r] = new Ring();
        }
        for (int i = 0; i < hard.length; i++) {
            if (ringOf[i] > 0 && Float.isFinite(hard[i]) && Float.isFinite(warped[i])) {
                rings[ringOf[i]].add(hard[i] - warped[i]);
            }
        }
        return rings;
    }

    /**
     * How frame and warped neighbour usually differ: the median of their difference over every
     * pixel both show and its spread as a standard deviation, robustly (scaled median absolute
     * deviation) so that moving objects and the holes' surroundings do not count; {0, 0} when
     * they share too few pixels.
     */
    private static double[] difference(float[] hard, float[] warped) {
        float[] d = new float[hard.length];
        int m = 0;
        for (int i = 0; i < hard.length; i++) {
            if (Float.isFinite(hard[i]) && Float.isFinite(warped[i])) {
                d[m++] = hard[i] - warped[i];
            }
        }
        return m < MIN_RING ? new double[2] : RobustSpread.of(d, m);
    }

    /** Per pixel outside the holes within {@value #RING} pixels of one, that hole's region (the highest nearby on a tie); else 0. */
    private static int[] ringOf(int[] region, int w, int h) {
        float[] labels = new float[region.length];
        for (int i = 0; i < region.length; i++) {
            labels[i] = region[i];
        }
        float[] grown = dilated(labels, w, h, RING);
        int[] out = new int[region.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = region[i] == 0 ? Math.round(grown[i]) : 0;
        }
        return out;
    }

    /** {@code values} dilated by a square of side {@code 2 × radius + 1}: each pixel the largest value that near. */
    static float[] dilated(float[] values, int w, int h, int radius) {
        try (PointerScope scope = new PointerScope()) {
            Mat out = new Mat();
            opencv_imgproc.dilate(OpenCv.toMat(new Image(w, h, 1, values)), out,
                    opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_RECT, new Size(2 * radius + 1, 2 * radius + 1)));
            return OpenCv.toImage(out).data();
        }
    }
}
