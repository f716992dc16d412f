package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.AlignerRegistry;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.media.FrameFormat;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;
import org.emulsion.core.JsonFiles;
import org.emulsion.pipeline.OutputDirectory;
import org.emulsion.pipeline.SequenceAligner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * What a re-run into the same output folder reuses, in {@value OutputDirectory#RESUME_DIR}/:
 * the inputs its registration belongs to ({@value #PREPARATION}) and the job its results belong to
 * ({@value #JOB}; other inputs or another job are refused), the shots ({@value #SHOTS}), each
 * reference's temporal match ({@value #MATCH}, then {@code temporal-match-K.json} for reference K ≥ 1),
 * the primary reference's registration ({@value #REGISTRATION}: every frame's alignment, the pair
 * candidates, the held-out frames) and every other reference's ({@code registration-K.json}), the
 * registered references of the candidate and held-out frames (32-bit float EXR: the reference frame
 * itself in {@value #REFERENCES}/ and {@code references-K/} when the stored transform places it, the
 * warp, NaN where the reference does not cover the scan, in {@value #WARPED}/ and {@code warped-K/}
 * when a local flow shaped it), and which
 * model rendered each output frame ({@value #RENDER}). Each file is written atomically and each
 * registration last, so a present registration is complete.
 */
public final class ResumeFolder {
    public static final String JOB = "job.json";
    static final String PREPARATION = "preparation.json";
    static final String SHOTS = "shots.json";
    public static final String REGISTRATION = "registration.json";
    static final String WARPED = "warped";
    static final String REFERENCES = "references";
    static final String RENDER = "render.json";
    static final String MATCH = "temporal-match.json";
    static final String LUMA_TONE = "luma-tone.json";

    /** A frame's alignment as stored (the aligner's local flow is not kept: the warped references are). */
    public record StoredFrame(int frame, int referenceFrame, double temporalConfidence, SpatialAlignment alignment, double millis) {
    }

    /** The primary reference's registration as stored. */
    public record StoredRegistration(List<StoredFrame> frames, List<PairCuration.Candidate> candidates, List<Integer> heldOut) {
    }

    private final Path dir;

    public ResumeFolder(Path outputDirectory) {
        this.dir = outputDirectory.resolve(OutputDirectory.RESUME_DIR);
    }

    /**
     * Records {@code job} as this folder's job, or checks that the folder holds this job.
     *
     * @throws EmulsionException naming what differs when the folder holds another run's output
     */
    public void claim(JsonObject job) throws EmulsionException {
        OutputDirectory.claim(dir.resolve(JOB), job, "pipeline settings");
    }

    /**
     * Records {@code preparation} (what the registration depends on) or checks that the folder holds it.
     *
     * @throws EmulsionException naming what differs when the folder was prepared for other inputs
     */
    void claimPreparation(JsonObject preparation) throws EmulsionException {
        OutputDirectory.claim(dir.resolve(PREPARATION), preparation, "inputs");
    }

    /** The recorded preparation (see {@link #claimPreparation}), or null. */
    public JsonObject preparation() throws IOException {
        return read(PREPARATION);
    }

    /**
     * The scan's shots and scenes, found once per output folder (reading every frame of the scan):
     * whoever needs them first, the registration or a workflow reading its options (an assignment by
     * shot), finds them, and the other reads them back.
     */
    public ShotList shots(FrameSource scan, IProgressMonitor monitor) throws IOException {
        JsonObject json = read(SHOTS);
        if (json != null) {
            return ShotList.fromJson(json);
        }
        ShotList shots = ShotDetector.detect(scan, monitor);
        saveShots(shots);
        return shots;
    }

    /** Whether the scan's shots were found ({@link #shots}). */
    public boolean hasShots() {
        return Files.isRegularFile(dir.resolve(SHOTS));
    }

    /** Keeps shots found on the way by another pass over the scan ({@link ShotDetector#tap}). */
    public void saveShots(ShotList shots) throws IOException {
        write(SHOTS, shots.toJson());
    }

    /** The primary reference's registration with the pair candidates and held-out frames, or null before it is complete. */
    public StoredRegistration registration() throws IOException {
        JsonObject json = read(REGISTRATION);
        if (json == null) {
            return null;
        }
        List<PairCuration.Candidate> candidates = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("candidates")) {
            JsonObject o = e.getAsJsonObject();
            boolean proposed = o.get("proposed").getAsBoolean();
            candidates.add(new PairCuration.Candidate(o.get("frame").getAsInt(), o.get("referenceFrame").getAsInt(),
                    o.get("shot").getAsInt(), o.get("role").getAsString(), proposed,
                    o.get("reason").isJsonNull() ? null : o.get("reason").getAsString(), proposed));
        }
        List<Integer> heldOut = new ArrayList<>();
        json.getAsJsonArray("heldOut").forEach(e -> heldOut.add(e.getAsInt()));
        return new StoredRegistration(frames(json), candidates, heldOut);
    }

    void saveRegistration(List<SequenceAligner.Frame> frames, List<PairCuration.Candidate> candidates, List<Integer> heldOut)
            throws IOException {
        JsonObject json = new JsonObject();
        json.add("frames", framesJson(frames));
        JsonArray pairs = new JsonArray();
        for (PairCuration.Candidate c : candidates) {
            JsonObject o = new JsonObject();
            o.addProperty("frame", c.scanFrame());
            o.addProperty("referenceFrame", c.referenceFrame());
            o.addProperty("shot", c.shot());
            o.addProperty("role", c.role());
            o.addProperty("proposed", c.proposed());
            o.add("reason", c.reason() == null ? JsonNull.INSTANCE : new JsonPrimitive(c.reason()));
            pairs.add(o);
        }
        json.add("candidates", pairs);
        JsonArray held = new JsonArray();
        heldOut.forEach(held::add);
        json.add("heldOut", held);
        write(REGISTRATION, json);
    }

    /** Reference {@code k}'s registration on every scan frame ({@code k} = 0: the primary's frames), or null before it is complete. */
    public List<StoredFrame> frames(int k) throws IOException {
        if (k == 0) {
            StoredRegistration primary = registration();
            return primary == null ? null : primary.frames();
        }
        JsonObject json = read(registrationFile(k));
        return json == null ? null : frames(json);
    }

    /** Stores secondary reference {@code k}'s (≥ 1) registration; written last, so its presence means it is complete. */
    void saveFrames(int k, List<SequenceAligner.Frame> frames) throws IOException {
        JsonObject json = new JsonObject();
        json.add("frames", framesJson(frames));
        write(registrationFile(k), json);
    }

    private static String registrationFile(int k) {
        return k == 0 ? REGISTRATION : "registration-" + k + ".json";
    }

    private static List<StoredFrame> frames(JsonObject json) {
        List<StoredFrame> frames = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("frames")) {
            JsonObject o = e.getAsJsonObject();
            SpatialAlignment alignment = null;
            if (o.has("homography")) {
                JsonArray h = o.getAsJsonArray("homography");
                double[] m = new double[9];
                for (int i = 0; i < 9; i++) {
                    m[i] = h.get(i).getAsDouble();
                }
                String rejection = o.get("rejection").isJsonNull() ? null : o.get("rejection").getAsString();
                alignment = new SpatialAlignment(m, null, o.get("confidence").isJsonNull() ? 0 : o.get("confidence").getAsDouble(),
                        o.get("method").getAsString(), rejection);
            }
            frames.add(new StoredFrame(o.get("frame").getAsInt(), o.get("referenceFrame").getAsInt(),
                    JsonFiles.number(o, "temporalConfidence"), alignment,
                    o.get("millis").isJsonNull() ? 0 : o.get("millis").getAsDouble()));
        }
        return frames;
    }

    private static JsonArray framesJson(List<SequenceAligner.Frame> frames) {
        JsonArray list = new JsonArray();
        for (SequenceAligner.Frame f : frames) {
            JsonObject o = new JsonObject();
            o.addProperty("frame", f.scanFrame());
            o.addProperty("referenceFrame", f.referenceFrame());
            o.addProperty("temporalConfidence", f.temporalConfidence());
            o.addProperty("millis", f.millis());
            SpatialAlignment a = f.alignment();
            if (a != null) {
                JsonArray h = new JsonArray();
                for (double v : a.homography()) {
                    h.add(v);
                }
                o.add("homography", h);
                o.addProperty("confidence", a.confidence());
                o.addProperty("method", a.method());
                o.add("rejection", a.rejection() == null ? JsonNull.INSTANCE : new JsonPrimitive(a.rejection()));
            }
            list.add(o);
        }
        return list;
    }

    /**
     * Keeps what reference {@code k} registered on scan frame {@code frame} takes to be read again
     * ({@link #registered}): for a global alignment the reference frame itself, which the stored
     * transform places (a DVD frame is 1/35 of a 4400×3300 warp, to write and to keep); the warp
     * ({@code warped.get()}) when a local flow, which is not stored, shaped it.
     */
    void saveRegistered(int k, int frame, SpatialAlignment alignment, Image referenceFrame, Supplier<Image> warped)
            throws IOException {
        Path file = alignment.flow() == null ? referenceFile(k, frame) : warpedFile(k, frame);
        Files.createDirectories(file.getParent());
        ImageFiles.write(file, alignment.flow() == null ? referenceFrame : warped.get(), FrameFormat.EXR_FLOAT);
    }

    /** Whether reference {@code k} registered on scan frame {@code frame} was kept (pair candidates and held-out frames). */
    public boolean hasRegistered(int k, int frame) {
        return Files.isRegularFile(warpedFile(k, frame)) || Files.isRegularFile(referenceFile(k, frame));
    }

    /**
     * Reference {@code k} registered on a {@code width}×{@code height} scan frame {@code frame}, NaN
     * where it does not cover it, as {@link #saveRegistered} kept it: the kept reference frame warped
     * again by {@code aligner} with {@code alignment} (the stored one), or the kept warp.
     */
    public Image registered(int k, int frame, SpatialAlignment alignment, Aligner aligner, int width, int height)
            throws IOException {
        return registered(k, frame, alignment, aligner, width, height, width, height);
    }

    /** {@link #registered} sampled on a {@code gridWidth}×{@code gridHeight} grid spanning the scan frame ({@link Warps#into}). */
    public Image registered(int k, int frame, SpatialAlignment alignment, Aligner aligner, int width, int height, int gridWidth,
            int gridHeight) throws IOException {
        Path warped = warpedFile(k, frame);
        if (Files.isRegularFile(warped)) {
            Image kept = ImageFiles.read(warped).image();
            return gridWidth == width && gridHeight == height ? kept : OpenCv.resize(kept, gridWidth, gridHeight);
        }
        return Warps.into(aligner, ImageFiles.read(referenceFile(k, frame)).image(), alignment, width, height, gridWidth, gridHeight);
    }

    /**
     * The primary reference registered on scan frame {@code frame} of a {@code width}×{@code height}
     * scan, or null when it was not kept ({@link #hasRegistered}): a kept reference frame is warped
     * again by the installed aligner that registered it.
     *
     * @throws IOException naming the aligner when it is no longer installed
     */
    public Image registeredOrNull(int frame, int width, int height) throws IOException {
        if (!hasRegistered(0, frame)) {
            return null;
        }
        if (Files.isRegularFile(warpedFile(0, frame))) {
            return ImageFiles.read(warpedFile(0, frame)).image();
        }
        StoredRegistration registration = registration();
        JsonObject preparation = preparation();
        String className = preparation == null || !preparation.has("aligner") ? null : preparation.get("aligner").getAsString();
        Aligner aligner = className == null ? null : AlignerRegistry.get().ofClass(className).orElse(null);
        if (registration == null || aligner == null) {
            throw new IOException("the aligner " + className + " that registered " + dir.getParent() + " is not installed;"
                    + " install the plugin that provides it to see its registered references");
        }
        return registered(0, frame, registration.frames().get(frame).alignment(), aligner, width, height);
    }

    private Path referenceFile(int k, int frame) {
        return dir.resolve(k == 0 ? REFERENCES : REFERENCES + "-" + k).resolve(String.format("%07d.exr", frame));
    }

    private Path warpedFile(int k, int frame) {
        return dir.resolve(k == 0 ? WARPED : WARPED + "-" + k).resolve(String.format("%07d.exr", frame));
    }

    /** Per output frame, the key of the model that rendered it (null entries: not rendered yet), or null. */
    String[] renderedBy(int frames) throws IOException {
        JsonObject json = read(RENDER);
        if (json == null) {
            return null;
        }
        JsonArray keys = json.getAsJsonArray("modelOfFrame");
        if (keys.size() != frames) {
            return null;
        }
        String[] out = new String[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = keys.get(i).getAsString();
        }
        return out;
    }

    void saveRenderedBy(String[] modelKeys) throws IOException {
        JsonObject json = new JsonObject();
        JsonArray keys = new JsonArray();
        for (String k : modelKeys) {
            keys.add(Objects.requireNonNull(k));
        }
        json.add("modelOfFrame", keys);
        write(RENDER, json);
    }

    /** The tone curves {@link LumaTone} fitted for {@code --luma tone}, or null when none were kept. */
    JsonObject lumaTone() throws IOException {
        return read(LUMA_TONE);
    }

    void saveLumaTone(JsonObject json) throws IOException {
        write(LUMA_TONE, json);
    }

    /** The temporal match of reference {@code k} an earlier run of this launch computed, or null. */
    public TemporalMatch match(int k) throws IOException {
        JsonObject json = read(matchFile(k));
        if (json == null) {
            return null;
        }
        JsonArray frames = json.getAsJsonArray("referenceFrames");
        JsonArray confidence = json.getAsJsonArray("confidence");
        int[] f = new int[frames.size()];
        double[] c = new double[frames.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = frames.get(i).getAsInt();
            c[i] = confidence.get(i).getAsDouble();
        }
        return new TemporalMatch(f, c, json.get("method").getAsString());
    }

    public void saveMatch(int k, TemporalMatch match) throws IOException {
        JsonObject json = new JsonObject();
        JsonArray frames = new JsonArray();
        JsonArray confidence = new JsonArray();
        for (int i = 0; i < match.scanFrames(); i++) {
            frames.add(match.referenceFor(i));
            confidence.add(match.confidenceOf(i));
        }
        json.add("referenceFrames", frames);
        json.add("confidence", confidence);
        json.addProperty("method", match.method());
        write(matchFile(k), json);
    }

    private static String matchFile(int k) {
        return k == 0 ? MATCH : "temporal-match-" + k + ".json";
    }

    private JsonObject read(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonFiles.read(file);
        } catch (RuntimeException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); delete the " + OutputDirectory.RESUME_DIR
                    + " folder to start this run over", e);
        }
    }

    private void write(String name, JsonObject json) throws IOException {
        Files.createDirectories(dir);
        JsonFiles.write(dir.resolve(name), json);
    }
}
