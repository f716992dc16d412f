package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.JsonFiles;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.internal.PairCuration;
import org.emulsion.pipeline.internal.ResumeFolder;
import org.emulsion.pipeline.internal.SourcePlanning;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A prepared output folder as the restorer reviews it before training (what
 * {@link RestorationWorkflow#prepare} left): every scan frame with its alignment and
 * verdict, the candidate pairs of {@value PairCuration#FILE}, and the scan frame and registered
 * reference of each candidate or held-out frame for a side-by-side check. The restorer's choices
 * are written back into {@value PairCuration#FILE}, which the run honours. For a target that
 * composites through damage, each frame's damage map as found, which the restorer accepts or
 * rejects ({@link #keepAsScanned}); nothing else is changed. For a target that composites several
 * elements, the plan of which element each pixel comes from ({@link #planSources}).
 * Front ends read it; none parses the files itself.
 */
public final class PreparedRun implements AutoCloseable {

    /**
     * One scan frame after alignment.
     *
     * @param referenceName      the matched reference frame's name, or null when the reference lacks it
     * @param spatialConfidence  the registration's confidence, NaN when not registered
     * @param verdict            what becomes of it, in words (a training pair, rejected and why, held out, ...)
     * @param candidate          whether it was tried as a training pair (its choice can be changed)
     */
    public record Frame(int index, String scanName, String referenceName, double temporalConfidence, double spatialConfidence,
            String verdict, boolean candidate) {
    }

    /**
     * A frame tried as a training pair, as {@value PairCuration#FILE} lists it.
     *
     * @param tried    why it was tried (spread over the shot, brightest, ...)
     * @param rejected why Emulsion rejected it, or null
     * @param chosen   whether it trains (Emulsion's proposal or the restorer's choice)
     */
    public record Pair(int scanIndex, String scanName, String referenceName, int shot, String tried, String rejected,
            boolean proposed, boolean chosen) {
    }

    /** A scan frame's damage map as the preparation wrote it, and the share of the frame it covers. */
    public record Damage(int index, String scanName, double areaPercent) {
    }

    /**
     * A scan frame's planned sources ({@link #planSources}): the percent of its pixels planned from
     * each element, in the order of {@link #sourceElements} (the last: inferred; they sum to 100).
     */
    public record PlannedSources(int index, String scanName, List<Double> percent) {
    }

    private final Path out;
    private List<String> sourceElements = List.of();
    private List<PlannedSources> sources = List.of();
    private final List<Frame> frames;
    private final List<Pair> pairs;
    private final List<Damage> damage;
    private final Path scanLocation;
    private FrameSource scan;

    private PreparedRun(Path out, List<Frame> frames, List<Pair> pairs, List<Damage> damage, Path scanLocation) {
        this.out = out;
        this.frames = frames;
        this.pairs = pairs;
        this.damage = damage;
        this.scanLocation = scanLocation;
    }

    /**
     * Reads the prepared folder {@code outputDirectory}.
     *
     * @throws EmulsionException naming the folder when it holds no complete preparation, or a file that cannot be read
     */
    public static PreparedRun open(Path outputDirectory) throws EmulsionException {
        Path out = outputDirectory.toAbsolutePath().normalize();
        ResumeFolder resume = new ResumeFolder(out);
        Path alignment = out.resolve(RunLayout.ALIGNMENT).resolve(AlignmentReport.JSON);
        try {
            JsonObject preparation = resume.preparation();
            ResumeFolder.StoredRegistration registration = resume.registration();
            if (preparation == null || registration == null || !Files.isRegularFile(alignment)) {
                throw new EmulsionException(out + " holds no finished preparation (alignment and pairs); prepare it again");
            }
            List<Pair> pairs = readPairs(out.resolve(PairCuration.FILE));
            Set<Integer> heldOut = new HashSet<>(registration.heldOut());
            List<Frame> frames = new ArrayList<>();
            for (JsonElement e : json(alignment).getAsJsonArray("frames")) {
                JsonObject o = e.getAsJsonObject();
                int index = o.get("scanFrame").getAsInt();
                Pair pair = pairs.stream().filter(p -> p.scanIndex() == index).findFirst().orElse(null);
                double spatial = JsonFiles.number(o, "spatialConfidence");
                frames.add(new Frame(index, o.get("scanName").getAsString(),
                        o.has("referenceName") ? o.get("referenceName").getAsString() : null,
                        JsonFiles.number(o, "temporalConfidence"), spatial, verdict(o, spatial, pair, heldOut.contains(index)),
                        pair != null));
            }
            return new PreparedRun(out, List.copyOf(frames), pairs, readDamage(new RunLayout(out), frames),
                    Path.of(preparation.get("scan").getAsString()));
        } catch (IOException | RuntimeException e) {
            throw new EmulsionException(out + ": the preparation cannot be read (" + e.getMessage() + "); prepare it again", e);
        }
    }

    private static String verdict(JsonObject frame, double spatial, Pair pair, boolean heldOut) {
        if (!frame.has("referenceName")) {
            return "no reference frame shows it";
        }
        if (frame.has("rejected") && frame.get("rejected").getAsBoolean()) {
            return "alignment refused: " + frame.get("why").getAsString();
        }
        if (pair != null) {
            return pair.rejected() != null ? "rejected as a pair: " + pair.rejected() : "training pair (" + pair.tried() + ")";
        }
        if (heldOut) {
            return "held out to validate the model";
        }
        return spatial < Alignments.MIN_CONFIDENCE
                ? String.format(Locale.ROOT, "confidence below %.2f", Alignments.MIN_CONFIDENCE)
                : "aligned, not tried as a pair";
    }

    private static List<Pair> readPairs(Path file) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (JsonElement e : json(file).getAsJsonArray("candidates")) {
            JsonObject o = e.getAsJsonObject();
            pairs.add(new Pair(o.get("scanIndex").getAsInt(), o.get("scanFrame").getAsString(), o.get("referenceFrame").getAsString(),
                    o.get("shot").getAsInt(), o.get("tried").getAsString(), o.has("rejected") ? o.get("rejected").getAsString() : null,
                    o.get("proposed").getAsBoolean(), o.get("chosen").getAsBoolean()));
        }
        return List.copyOf(pairs);
    }

    /** The frames {@value RunLayout#DAMAGE_JSON} lists, in scan order; none when the target finds no damage. */
    private static List<Damage> readDamage(RunLayout layout, List<Frame> frames) throws IOException {
        if (!Files.isRegularFile(layout.damageJson())) {
            return List.of();
        }
        Map<String, Double> area = new java.util.HashMap<>();
        for (JsonElement e : json(layout.damageJson()).getAsJsonArray("frames")) {
            JsonObject o = e.getAsJsonObject();
            area.put(o.get("frame").getAsString(), o.get("areaPercent").getAsDouble());
        }
        return frames.stream().filter(f -> area.containsKey(f.scanName()))
                .map(f -> new Damage(f.index(), f.scanName(), area.get(f.scanName()))).toList();
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonFiles.read(file);
    }

    public Path outputDirectory() { return out; }

    /** Every scan frame, in order. */
    public List<Frame> frames() { return frames; }

    /** The candidate pairs, as {@value PairCuration#FILE} lists them (shot by shot). */
    public List<Pair> pairs() { return pairs; }

    /** Each frame's damage map, in scan order; empty when the workflow's target finds no damage. */
    public List<Damage> damage() { return damage; }

    /** The damage map of scan frame {@code index} as written (1 = damaged, 0 = intact); see {@link #damage()}. */
    public Image damageMask(int index) throws IOException {
        return MaskFiles.read(new RunLayout(out).mask(scanName(index)));
    }

    private String scanName(int index) {
        return frames.stream().filter(f -> f.index() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scan frame " + index + " in " + out)).scanName();
    }

    /**
     * The restorer's rejection of the damage found on {@code rejected} scan frames: their maps are
     * cleared in {@value RunLayout#MASKS}/, so the run replaces nothing there and delivers those frames
     * as scanned (the pipeline keeps maps already written, as it does a map the restorer corrected).
     *
     * @throws EmulsionException naming the map that cannot be rewritten
     */
    public void keepAsScanned(Set<Integer> rejected) throws EmulsionException {
        RunLayout layout = new RunLayout(out);
        for (int index : rejected) {
            Path file = layout.mask(scanName(index));
            try {
                Image found = MaskFiles.read(file);
                MaskFiles.write(file, new Image(found.width(), found.height(), 1, new float[found.width() * found.height()]));
            } catch (IOException e) {
                throw new EmulsionException(file + " cannot be rewritten (" + e.getMessage() + "); check the folder's permissions", e);
            }
        }
    }

    /**
     * Plans, for a workflow whose target composites several elements
     * ({@link WorkflowLauncher#plansSources}), which element every pixel of every scan frame will
     * come from, by the rule the render applies ({@link RestorationTarget#plannedSources}), from the
     * damage maps and registrations as they stand; {@link #plannedSources} then lists the shares.
     *
     * @throws EmulsionException naming the folder when its material or preparation cannot be read
     */
    public void planSources(IProgressMonitor monitor) throws EmulsionException {
        SourcePlanning.Plan[] plan = new SourcePlanning.Plan[1];
        WorkflowLauncher.reviewPrepared(out, (job, progress) -> {
            try {
                plan[0] = SourcePlanning.plan(job, progress);
            } catch (IOException e) {
                throw new EmulsionException(out + ": the source map cannot be planned (" + e.getMessage() + "); prepare it again", e);
            }
            return null;
        }, monitor);
        List<PlannedSources> frames = new ArrayList<>();
        for (SourcePlanning.Frame f : plan[0].frames()) {
            frames.add(new PlannedSources(f.index(), f.name(), java.util.Arrays.stream(f.shares()).map(v -> 100 * v).boxed().toList()));
        }
        synchronized (this) {
            sourceElements = plan[0].elements();
            sources = List.copyOf(frames);
        }
    }

    /** The names of the planned shares: the master (the scan), each other element, then inferred; empty before {@link #planSources}. */
    public synchronized List<String> sourceElements() { return sourceElements; }

    /** Every scan frame's planned shares, in scan order; empty before {@link #planSources}. */
    public synchronized List<PlannedSources> plannedSources() { return sources; }

    /**
     * Scan frame {@code index}'s planned source map, one code per pixel (row by row): k the element
     * {@link #sourceElements} names k, {@link RestorationTarget#INFERRED} inferred; the map the render
     * writes to {@link RunLayout#sourceMap} but where a hole is taken from a print that agrees with the fill.
     */
    public int[] plannedSourceMap(int index) throws IOException {
        int[][] map = new int[1][];
        try {
            WorkflowLauncher.reviewPrepared(out, (job, progress) -> {
                try {
                    map[0] = SourcePlanning.frame(job, index);
                } catch (IOException e) {
                    throw new EmulsionException(e.getMessage(), e);
                }
                return null;
            }, null);
        } catch (EmulsionException e) {
            throw new IOException(e.getMessage(), e);
        }
        return map[0];
    }

    /** The scan frame {@code index}, read from the scan the folder was prepared from. */
    public Image scanFrame(int index) throws IOException {
        synchronized (this) {
            return scan().read(index);
        }
    }

    private synchronized SourceInfo scanInfo() throws IOException {
        return scan().info();
    }

    private FrameSource scan() throws IOException {
        if (scan == null) {
            try {
                scan = Sources.scan(scanLocation, "the scan").open(scanLocation);
            } catch (EmulsionException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return scan;
    }

    /** Whether the registered reference of scan frame {@code index} was kept (candidates and held-out frames). */
    public boolean hasAlignedReference(int index) {
        return new ResumeFolder(out).hasRegistered(0, index);
    }

    /** The reference registered onto scan frame {@code index} (NaN where it does not cover the scan); see {@link #hasAlignedReference}. */
    public Image alignedReference(int index) throws IOException {
        SourceInfo scanInfo = scanInfo();
        Image registered = new ResumeFolder(out).registeredOrNull(index, scanInfo.width(), scanInfo.height());
        if (registered == null) {
            throw new IOException("the registered reference of scan frame " + index + " was not kept in " + out
                    + " (only pair candidates' and held-out frames' are)");
        }
        return registered;
    }

    /**
     * Writes the restorer's choices into {@value PairCuration#FILE}: {@code chosen} per candidate
     * scan frame index; candidates not named keep theirs. The next run honours them.
     *
     * @throws EmulsionException naming the file when it cannot be written or a frame is not a candidate
     */
    public void choose(Map<Integer, Boolean> chosen) throws EmulsionException {
        Path file = out.resolve(PairCuration.FILE);
        try {
            JsonObject root = json(file);
            Set<Integer> listed = new HashSet<>();
            for (JsonElement e : root.getAsJsonArray("candidates")) {
                JsonObject o = e.getAsJsonObject();
                int index = o.get("scanIndex").getAsInt();
                listed.add(index);
                if (chosen.containsKey(index)) {
                    o.addProperty("chosen", chosen.get(index));
                }
            }
            for (int index : chosen.keySet()) {
                if (!listed.contains(index)) {
                    throw new EmulsionException(file + ": scan frame " + index + " is not a candidate pair; only listed candidates can be chosen");
                }
            }
            JsonFiles.write(file, root);
        } catch (IOException | RuntimeException e) {
            throw new EmulsionException(file + " cannot be updated (" + e.getMessage() + "); check the folder's permissions", e);
        }
    }

    @Override
    public synchronized void close() {
        if (scan != null) {
            scan.close();
            scan = null;
        }
    }
}
