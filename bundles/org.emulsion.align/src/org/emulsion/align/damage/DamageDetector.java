package org.emulsion.align.damage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.emulsion.align.internal.DamageRegions;
import org.emulsion.align.internal.LastingDamage;
import org.emulsion.align.internal.LineScratches;
import org.emulsion.align.internal.Motion;
import org.emulsion.align.internal.Planes;
import org.emulsion.align.internal.Residual;
import org.emulsion.align.internal.Sharpness;
import org.emulsion.align.internal.ToneCurve;
import org.emulsion.core.image.Image;

/**
 * Finds a frame's physical damage — blotches, flaking, channeling, lifted or softened emulsion,
 * decay, dirt, scratches — from two kinds of evidence, as a restorer does by flipping between
 * copies and frames:
 * <ul>
 * <li><b>witnesses</b>: other elements' pictures of the same moment, registered on the frame
 * (what is left of the registration is corrected first); each is tone-matched to the frame
 * (robust monotone curve per channel) and the sharper of the two softened to the other's
 * sharpness, so another stock, grade, gauge or generation does not read as damage;</li>
 * <li><b>neighbours</b>: the element's previous and next frames warped onto it with DIS optical
 * flow (damage that lives one frame, dirt, stands out from both in the same direction, the picture
 * moving coherently does not) and with the camera's motion alone (damage that stays on the film
 * frame while the camera moves stands out then).</li>
 * </ul>
 * A pixel is damage where the frame disagrees with every sound witness: strongly, or clearly and
 * also against its own neighbours; pixels around grow into the damage while they disagree
 * moderately. A faint line scratch, along a thin vertical line where most pixels disagree a little
 * with every witness and with the frame's own neighbours warped with the flow ({@link LineScratches}),
 * is only a candidate ({@link DamageMap#lineCandidates}) until the previous or next frame shows
 * one at the same place ({@link #withLineScratches}). A patch where a witness disagrees is the
 * witness's own damage, not the frame's, when the witness alone stands out from its own neighbours
 * there (its dirt, its decay while the camera pans). Where no witness covers the frame, only
 * standing out from both neighbours counts: lasting damage, the same on every frame, cannot be
 * seen then, and the confidence says so — unless witnesses of a nearby moment are borrowed along
 * the flow ({@link #detectBorrowing}) or the damage a neighbour's map shows is carried over where
 * it stays on the film frame ({@link #withLasting}). With two elements and a still camera, lasting
 * damage in one cannot be told from the other's: both maps show it.
 * <p>
 * Every threshold is in units of the comparison's own noise: each difference is divided by the
 * robust spread of the differences over the frame among pixels of alike local contrast, so grain,
 * however coarse, never reaches them, and nothing is tuned to a film. The mask is feathered by a
 * couple of pixels.
 * <p>
 * Stateless and thread-safe: frames can be analysed in any order and in parallel.
 */
public final class DamageDetector {
    /** A seed of damage stands this many robust standard deviations out (never reached by grain). */
    private static final double SEED = 6;
    /** Damage grows from seeds through pixels this far out, or seeds where both kinds of evidence reach it. */
    private static final double GROW = 2.5;
    /** Two independent kinds of evidence seed damage where both reach this. */
    private static final double JOINT = 5;
    /** A patch is a witness's damage if at least 1/this of it stands out in the witness alone (and more than in the frame alone). */
    private static final int MIN_ANOMALOUS = 20;
    /** Pixels across a film's position on two frames is trusted to after registration (weave left over). */
    private static final int WEAVE = 2;
    /** Registration and flow are trusted to this many pixels. */
    private static final int SHIFT = 1;
    /**
     * Witnesses are soft (another gauge, a later generation) and only their own dirt and decay is
     * looked for in them: that is done at half resolution.
     */
    private static final double WITNESS_SCALE = 0.5;
    /** The widest margin, as a fraction of the frame's shorter side, that damage is carried across where no witness covers. */
    private static final double MARGIN = 0.05;

    /**
     * The damage map of {@code current}, with the neighbouring moments of the same element when
     * there are any ({@code previous}, {@code next} may be null: first or last frame of a shot,
     * a frame missing).
     */
    public DamageMap detect(Observation previous, Observation current, Observation next) {
        Image frame = current.frame();
        check(frame, previous);
        check(frame, next);
        // the elements' evidence is independent: each is computed on its own core
        List<Supplier<Element>> work = new ArrayList<>();
        work.add(() -> element(frame(previous), frame, frame(next), 1));
        for (int k = 0; k < current.witnesses().size(); k++) {
            Image w = current.witness(k);
            if (w != null) {
                int i = k;
                work.add(() -> element(previous == null ? null : previous.witness(i), w, next == null ? null : next.witness(i),
                        WITNESS_SCALE));
            }
        }
        List<Element> elements = work.parallelStream().map(Supplier::get).toList();
        Element self = elements.get(0);
        List<Element> witnesses = elements.subList(1, elements.size());
        return decide(self, witnesses);
    }

    /**
     * One damage map per print for N prints of the same film registered on one grid (the master's):
     * a pixel that disagrees with the other prints and is not backed by its own neighbours is
     * damage in that print. Lists are indexed by print; a print that lacks a moment is null there
     * (its map is then null too).
     */
    public List<DamageMap> detectEach(List<Image> previous, List<Image> current, List<Image> next) {
        int n = current.size();
        if ((previous != null && previous.size() != n) || (next != null && next.size() != n)) {
            throw new IllegalArgumentException("one entry per print at every moment");
        }
        List<Element> elements = IntStream.range(0, n).parallel().mapToObj(i -> current.get(i) == null ? null
                : element(previous == null ? null : previous.get(i), current.get(i), next == null ? null : next.get(i), 1))
                .toList();
        List<DamageMap> maps = IntStream.range(0, n).parallel().mapToObj(i -> {
            if (elements.get(i) == null) {
                return null;
            }
            List<Element> others = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i && elements.get(j) != null) {
                    others.add(elements.get(j));
                }
            }
            return decide(elements.get(i), others);
        }).toList();
        return maps;
    }

    /**
     * The damage map of a frame that no other element shows, with witnesses borrowed from a
     * nearby moment that others do show: their pictures of moment {@code source} (registered on
     * the element's frame there, NaN where their own maps mark damage), carried onto this frame
     * along the element's own optical flow from {@code sourceFrame}, the flow bridged across the
     * frame's damage as far as {@code knownDamage} (≥ 0.5) marks it. Lasting damage — the same on
     * every frame, which the frame's own neighbours cannot show — disagrees with them as it does
     * with the witnesses of its own moment. The neighbours {@code previous} and {@code next} (may
     * be null) are the element's frames alone.
     */
    public DamageMap detectBorrowing(Image previous, Image frame, Image next, Image sourceFrame, List<Image> sourceWitnesses,
            Image knownDamage) {
        check(frame, new Observation(sourceFrame));
        Motion motion = Motion.between(frame, sourceFrame, 1).bridging(knownDamage.data());
        List<Image> borrowed = new ArrayList<>();
        for (Image w : sourceWitnesses) {
            borrowed.add(w == null ? null : motion.warp(w));
        }
        DamageMap map = detect(previous == null ? null : new Observation(previous), new Observation(frame, borrowed),
                next == null ? null : new Observation(next));
        return new DamageMap(map.mask(), map.confidence(), map.basis() + ", its witnesses borrowed from a nearby frame along the flow");
    }

    /**
     * The map of a frame no witness covered ({@code map}) with the damage of a neighbouring frame
     * of the same element that lasts into it added ({@link LastingDamage}: what shows at the same
     * place on the film frame while the camera moves, and is not the picture the neighbour shows
     * intact). Neighbours alone cannot see lasting damage; carried from frame to frame along a run
     * of frames no witness covers, it comes from the witnessed frames at either end. Returns
     * {@code map} itself when nothing is added.
     */
    public DamageMap withLasting(DamageMap map, Image frame, Image neighbour, Image neighbourMask) {
        check(frame, new Observation(neighbour));
        if (neighbourMask.width() != frame.width() || neighbourMask.height() != frame.height()) {
            throw new IllegalArgumentException("the neighbour's map " + neighbourMask + " is not the frame's size " + frame);
        }
        boolean[] carried = LastingDamage.carried(frame, neighbour, neighbourMask);
        float[] m = map.mask().data();
        boolean[] union = new boolean[carried.length];
        boolean any = false;
        for (int p = 0; p < carried.length; p++) {
            union[p] = carried[p] || m[p] >= 0.5f;
            any |= carried[p] && m[p] < 0.5f;
        }
        if (!any) {
            return map;
        }
        // what a blotch encloses is the blotch's (its texture need not last from frame to frame)
        boolean[] lastingDamage = DamageRegions.enclosing(union, frame.width(), frame.height());
        float[] lasting = DamageRegions.mask(lastingDamage, lastingDamage, frame.width(), frame.height()).data();
        float[] out = new float[m.length];
        for (int p = 0; p < m.length; p++) {
            out[p] = Math.max(m[p], lasting[p]);
        }
        return new DamageMap(new Image(frame.width(), frame.height(), 1, out), map.confidence(),
                map.basis() + ", lasting damage carried from a neighbour");
    }

    /**
     * {@code mask} with the frame's line-scratch candidates ({@link DamageMap#lineCandidates}) that
     * the element's previous or next frame ({@code before}, {@code after}: their candidates, either
     * may be null) also shows within {@value #WEAVE} pixels across, on the same row: a scratch a
     * gate, a roller or a printer made stays at its place on the film from frame to frame, while a
     * line of the picture that slips against the witnesses (an edge the flow or the registration
     * misses by a pixel) moves with the picture. Returns {@code mask} itself when nothing is added.
     */
    public Image withLineScratches(Image mask, Image candidates, Image before, Image after) {
        if (candidates == null || before == null && after == null) {
            return mask;
        }
        int w = mask.width();
        int h = mask.height();
        for (Image other : new Image[] { candidates, before, after }) {
            if (other != null && (other.width() != w || other.height() != h)) {
                throw new IllegalArgumentException("line candidates " + other + " are not the map's size " + mask);
            }
        }
        boolean[] seen = LineScratches.across(new Image[] { before, after }, w, h, WEAVE);
        float[] m = mask.data();
        float[] c = candidates.data();
        float[] out = m.clone();
        boolean any = false;
        for (int p = 0; p < out.length; p++) {
            if (seen[p] && c[p] > out[p]) {
                out[p] = c[p];
                any = true;
            }
        }
        return any ? new Image(w, h, 1, out) : mask;
    }

    /**
     * An element at one moment: its frame; how much each pixel stands out from both of the
     * element's own neighbours warped with the flow ({@code temporal}) and with the camera's
     * motion alone ({@code anchored}: what stays on the film frame while the camera moves —
     * lasting damage — or moves on its own); both null unless it has two neighbours; with one
     * neighbour only, how much it stands out from that one, either way ({@code lone}, else null);
     * and how many neighbours it has.
     */
    private record Element(Image frame, float[] temporal, float[] anchored, float[] lone, int neighbours) {
    }

    private static Element element(Image previous, Image frame, Image next, double scale) {
        if (previous == null && next == null) {
            return new Element(frame, null, null, null, 0);
        }
        if (previous == null || next == null) {
            // One neighbour alone cannot tell damage from the picture moving (occlusion, a flow
            // error): it does not find damage, it only weighs whose a disagreement with another
            // element is (an element next to a splice or a missing frame).
            Image f = Planes.scaled(frame, scale);
            Image only = Planes.scaled(previous != null ? previous : next, scale);
            Motion motion = Motion.between(f, only, 1);
            float[] lone = againstNeighbour(f, only, motion).magnitude();
            Image g = Planes.scaled(f, 0.5);
            Motion camera = motion.camera(g);
            if (camera != null) {
                float[] fixed = Planes.enlarged(againstNeighbour(g, Planes.scaled(only, 0.5), camera).magnitude(), g, f);
                for (int p = 0; p < lone.length; p++) {
                    lone[p] = Float.isNaN(fixed[p]) ? lone[p] : Float.isNaN(lone[p]) ? fixed[p] : Math.max(lone[p], fixed[p]);
                }
            }
            return new Element(frame, null, null, Planes.enlarged(lone, f, frame), 1);
        }
        Image f = Planes.scaled(frame, scale);
        Image before = Planes.scaled(previous, scale);
        Image after = Planes.scaled(next, scale);
        Motion back = Motion.between(f, before, 1);
        Motion ahead = Motion.between(f, after, 1);
        float[] temporal = Residual.spike(againstNeighbour(f, before, back), againstNeighbour(f, after, ahead));
        // What stays on the film frame is extended (decay, blotches) and only weighs a witness's
        // word against the frame's: half resolution tells it.
        Image g = Planes.scaled(f, 0.5);
        Image gBefore = Planes.scaled(before, 0.5);
        Image gAfter = Planes.scaled(after, 0.5);
        Motion cameraBack = back.camera(g);
        Motion cameraAhead = ahead.camera(g);
        float[] anchored = cameraBack == null || cameraAhead == null ? null
                : Residual.spike(againstNeighbour(g, gBefore, cameraBack), againstNeighbour(g, gAfter, cameraAhead));
        return new Element(frame, Planes.enlarged(temporal, f, frame), Planes.enlarged(anchored, g, frame), null, 2);
    }

    /** The frame against a neighbour warped onto it and matched to its tones (flicker), at pixel and small scales. */
    private static Residual againstNeighbour(Image frame, Image neighbour, Motion motion) {
        Image warped = motion.warp(neighbour);
        return Residual.between(frame, ToneCurve.apply(ToneCurve.fit(warped, frame, null), warped), SHIFT, 2);
    }

    /**
     * {@code mask} with the damage found up to the edge of what the witnesses cover carried across
     * the margin none covers (a print of another gauge crops the frame), up to {@link #MARGIN} of the
     * frame's shorter side: there nothing can tell the damage apart (the neighbours carry lasting
     * damage at the same place), and damage that reaches the edge of the witness's picture runs on
     * rather than stops exactly there.
     */
    private static Image carriedAcrossMargin(Image mask, float[] soft, float[] covered) {
        if (soft == null) {
            return mask;
        }
        int w = mask.width();
        int h = mask.height();
        int n = w * h;
        boolean[] damaged = new boolean[n];
        boolean[] decided = new boolean[n];
        boolean[] open = new boolean[n];
        for (int p = 0; p < n; p++) {
            damaged[p] = mask.data()[p] >= 1f;
            decided[p] = !Float.isNaN(soft[p]);
            open[p] = covered[p] == 0;
        }
        boolean[] carried = DamageRegions.carried(damaged, decided, open, w, h, MARGIN * Math.min(w, h));
        return Arrays.equals(carried, damaged) ? mask : DamageRegions.mask(carried, carried, w, h);
    }

    private DamageMap decide(Element self, List<Element> witnesses) {
        Image frame = self.frame();
        int w = frame.width();
        int h = frame.height();
        int n = w * h;
        // smallest disagreement with a sound witness, softened to the witness's sharpness (extended
        // damage) and as sharp as the frame (specks, lines); NaN where no witness covers
        float[] soft = null;
        float[] softExtended = null;
        float[] softEdge = null;
        float[] sharp = null;
        double[] quality = new double[witnesses.size()];
        float[] covered = new float[n]; // best witness quality per pixel, 0 where none
        boolean[] witnessMoves = new boolean[n]; // some witness stands out from its own neighbours too: the picture moves
        for (int k = 0; k < witnesses.size(); k++) {
            Element witness = witnesses.get(k);
            Sharpness.Comparison c = Sharpness.compare(frame, witness.frame());
            Residual.Other witnessed = new Residual.Other(c.witness());
            Residual softened = witnessed.residual(c.frame(), SHIFT, Residual.SCALES);
            float[] ds = softened.magnitude();
            float[] dx = softened.extendedMagnitude();
            float[] de = softened.edgeMagnitude();
            // the frame as sharp as it is: the softened comparison's finer scales when it was not softened
            float[] dh = c.frame() == frame ? de.clone() : witnessed.residual(frame, SHIFT, 2).magnitude();
            quality[k] = c.quality();
            boolean[] unsound = unsound(witness, self, de, dh, w, h);
            for (int p = 0; p < n; p++) {
                if (!Float.isNaN(ds[p])) {
                    covered[p] = (float) Math.max(covered[p], quality[k]);
                }
                witnessMoves[p] |= witness.temporal() != null && witness.temporal()[p] >= GROW;
                if (unsound[p]) {
                    ds[p] = Float.NaN;
                    dx[p] = Float.NaN;
                    de[p] = Float.NaN;
                    dh[p] = Float.NaN;
                }
            }
            soft = soft == null ? ds : nanMin(soft, ds);
            softExtended = softExtended == null ? dx : nanMin(softExtended, dx);
            softEdge = softEdge == null ? de : nanMin(softEdge, de);
            sharp = sharp == null ? dh : nanMin(sharp, dh);
        }
        float[] temporal = self.temporal();
        boolean[] seeds = new boolean[n];
        boolean[] grow = new boolean[n];
        boolean[] faint = new boolean[n]; // disagrees a little with every witness and with the neighbours along the flow
        for (int p = 0; p < n; p++) {
            float d = soft == null ? Float.NaN : soft[p];
            float x = softExtended == null ? Float.NaN : softExtended[p];
            float g = softEdge == null ? Float.NaN : softEdge[p];
            float e = sharp == null ? Float.NaN : sharp[p];
            float t = temporal == null ? Float.NaN : temporal[p];
            if (!Float.isNaN(d)) {
                // standing out from its neighbours speaks for damage only where the witnesses do not as well
                boolean own = t >= JOINT && !witnessMoves[p];
                seeds[p] = x >= SEED || (own && Math.max(d, e) >= JOINT);
                grow[p] = g >= GROW || (t >= GROW && e >= GROW);
                // along the flow, not the camera's motion alone (a moving object stands out from that), and not where the picture moves
                faint[p] = Math.max(g, e) >= GROW && !witnessMoves[p] && (t >= GROW || self.lone() != null && self.lone()[p] >= GROW);
            } else if (!Float.isNaN(t) && covered[p] == 0) { // where a witness covers but is unsound, no one can tell
                seeds[p] = t >= SEED;
                grow[p] = t >= GROW;
            }
        }
        // a faint line scratch is damage along its length, and only there: it does not grow into what disagrees around it
        boolean[] lines = LineScratches.along(faint, w, h);
        boolean[] scratched = new boolean[n];
        boolean anyLine = false;
        for (int p = 0; p < n; p++) {
            scratched[p] = lines[p] && faint[p];
            anyLine |= scratched[p];
        }
        Image mask = carriedAcrossMargin(DamageRegions.mask(seeds, grow, w, h), soft, covered);
        Image candidates = anyLine ? DamageRegions.mask(scratched, lines, w, h) : null;
        double neighbourWeight = 0.5; // neighbours alone miss lasting damage
        double confidence = 0;
        for (int p = 0; p < n; p++) {
            confidence += covered[p] > 0 ? covered[p] : temporal != null && !Float.isNaN(temporal[p]) ? neighbourWeight : 0;
        }
        confidence /= n;
        return new DamageMap(mask, confidence, basis(self, quality, covered), candidates);
    }

    /**
     * Where a witness is not to be listened to: each patch where it disagrees with the frame is
     * the damage of whichever of the two alone stands out there from its own neighbours (warped
     * with the flow: dirt; with the camera's motion: damage fixed on the film frame) on more
     * pixels; the witness's, and the patch is not the frame's damage. (Where both stand out, the
     * picture itself moves on its own.)
     */
    private static boolean[] unsound(Element witness, Element self, float[] soft, float[] sharp, int w, int h) {
        int n = w * h;
        if (!judged(witness) || !judged(self)) {
            return new boolean[n]; // one of them has no neighbours to be judged by: no telling
        }
        boolean[] patch = new boolean[n];
        for (int p = 0; p < n; p++) {
            patch[p] = soft[p] >= JOINT || sharp[p] >= JOINT; // tight: patches of one cause each
        }
        DamageRegions.Components c = DamageRegions.components(patch, w, h);
        int[] theirs = new int[c.count()];
        int[] mine = new int[c.count()];
        int[] size = new int[c.count()];
        for (int p = 0; p < n; p++) {
            int l = c.labels()[p];
            if (l > 0) {
                size[l]++;
                boolean a = anomalous(witness, p);
                boolean b = anomalous(self, p);
                theirs[l] += a && !b ? 1 : 0; // where both stand out, the picture moves on its own
                mine[l] += b && !a ? 1 : 0;
            }
        }
        boolean[] out = new boolean[n];
        for (int p = 0; p < n; p++) {
            int l = c.labels()[p];
            out[p] = l > 0 && theirs[l] > mine[l] && theirs[l] * MIN_ANOMALOUS >= size[l];
        }
        return out;
    }

    /** Whether an element's pixel stands out from its own neighbours, warped with the flow or with the camera. */
    private static boolean anomalous(Element e, int p) {
        return e.temporal() != null && e.temporal()[p] >= SEED || e.anchored() != null && e.anchored()[p] >= SEED
                || e.lone() != null && e.lone()[p] >= SEED;
    }

    /** Whether an element has a neighbour to be judged by. */
    private static boolean judged(Element e) {
        return e.temporal() != null || e.lone() != null;
    }

    private static String basis(Element self, double[] quality, float[] covered) {
        int n = 0;
        for (float c : covered) {
            n += c > 0 ? 1 : 0;
        }
        StringBuilder s = new StringBuilder();
        s.append(self.neighbours()).append(self.neighbours() == 1 ? " neighbour" : " neighbours");
        s.append(", ").append(quality.length).append(quality.length == 1 ? " witness" : " witnesses");
        if (quality.length > 0) {
            s.append(String.format(Locale.ROOT, " (%.0f %% of the frame covered; tone-match correlation", 100.0 * n / covered.length));
            for (double q : quality) {
                s.append(String.format(Locale.ROOT, " %.3f", q));
            }
            s.append(')');
        }
        return s.toString();
    }

    private static float[] nanMin(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Float.isNaN(a[i]) ? b[i] : Float.isNaN(b[i]) ? a[i] : Math.min(a[i], b[i]);
        }
        return out;
    }

    private static Image frame(Observation o) {
        return o == null ? null : o.frame();
    }

    private static void check(Image frame, Observation other) {
        if (other != null && !other.frame().sameSize(frame)) {
            throw new IllegalArgumentException("neighbour " + other.frame() + " is not the frame's size " + frame);
        }
    }
}
