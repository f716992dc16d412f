package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What a re-run into the same output folder reuses, in {@value OutputDirectory#RESUME_DIR}/:
 * the inputs its registration belongs to ({@value #PREPARATION}) and the job its results belong to
 * ({@value #JOB}; other inputs or another job are refused), the shots ({@value #SHOTS}), the
 * registration ({@value #REGISTRATION}: every frame's alignment, the pair candidates, the
 * held-out frames) with the registered reference of each candidate and held-out frame
 * ({@value #WARPED}/, 32-bit float EXR, NaN where the reference does not cover the scan), and
 * which model rendered each output frame ({@value #RENDER}). Each file is written atomically
 * and the registration last, so a present registration is complete.
 */
final class ResumeFolder {
    static final String JOB = "job.json";
    static final String PREPARATION = "preparation.json";
    static final String SHOTS = "shots.json";
    static final String REGISTRATION = "registration.json";
    static final String WARPED = "warped";
    static final String RENDER = "render.json";
    static final String MATCH = "temporal-match.json";

    /** A frame's alignment as stored (the aligner's local flow is not kept: the warped references are). */
    record StoredFrame(int frame, int referenceFrame, double temporalConfidence, SpatialAlignment alignment, double millis) {
    }

    /** The registration as stored. */
    record StoredRegistration(List<StoredFrame> frames, List<PairCuration.Candidate> candidates, List<Integer> heldOut) {
    }

    private final Path dir;

    ResumeFolder(Path outputDirectory) {
        this.dir = outputDirectory.resolve(OutputDirectory.RESUME_DIR);
    }

    /**
     * Records {@code job} as this folder's job, or checks that the folder holds this job.
     *
     * @throws EmulsionException naming what differs when the folder holds another run's output
     */
    void claim(JsonObject job) throws EmulsionException {
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
    JsonObject preparation() throws IOException {
        return read(PREPARATION);
    }

    ShotList shots() throws IOException {
        JsonObject json = read(SHOTS);
        return json == null ? null : ShotList.fromJson(json);
    }

    void saveShots(ShotList shots) throws IOException {
        write(SHOTS, shots.toJson());
    }

    StoredRegistration registration() throws IOException {
        JsonObject json = read(REGISTRATION);
        if (json == null) {
            return null;
        }
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
                alignment = new SpatialAlignment(m, null, o.get("confidence").isJsonNull() ? 0 : o.get("confidence").getAsDouble(), o.get("method").getAsString(), rejection);
            }
            frames.add(new StoredFrame(o.get("frame").getAsInt(), o.get("referenceFrame").getAsInt(),
                    o.get("temporalConfidence").isJsonNull() ? Double.NaN : o.get("temporalConfidence").getAsDouble(), alignment, o.get("millis").isJsonNull() ? 0 : o.get("millis").getAsDouble()));
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
        return new StoredRegistration(frames, candidates, heldOut);
    }

    void saveRegistration(List<SequenceAligner.Frame> frames, List<PairCuration.Candidate> candidates, List<Integer> heldOut)
            throws IOException {
        JsonObject json = new JsonObject();
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
                o.add("rejection", a.rejection() == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(a.rejection()));
            }
            list.add(o);
        }
        json.add("frames", list);
        JsonArray pairs = new JsonArray();
        for (PairCuration.Candidate c : candidates) {
            JsonObject o = new JsonObject();
            o.addProperty("frame", c.scanFrame());
            o.addProperty("referenceFrame", c.referenceFrame());
            o.addProperty("shot", c.shot());
            o.addProperty("role", c.role());
            o.addProperty("proposed", c.proposed());
            o.add("reason", c.reason() == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(c.reason()));
            pairs.add(o);
        }
        json.add("candidates", pairs);
        JsonArray held = new JsonArray();
        heldOut.forEach(held::add);
        json.add("heldOut", held);
        write(REGISTRATION, json);
    }

    /** The registered reference of scan frame {@code frame}, as stored by {@link #saveWarped}. */
    Image warped(int frame) throws IOException {
        return ImageFiles.read(warpedFile(frame)).image();
    }

    boolean hasWarped(int frame) {
        return Files.isRegularFile(warpedFile(frame));
    }

    /** The registered reference of scan frame {@code frame} when it was stored (pair candidates and held-out frames), else null. */
    Image warpedOrNull(int frame) throws IOException {
        return hasWarped(frame) ? warped(frame) : null;
    }

    void saveWarped(int frame, Image warped) throws IOException {
        Files.createDirectories(dir.resolve(WARPED));
        ImageFiles.writeWithMissingSamples(warpedFile(frame), warped); // NaN where it does not cover the scan
    }

    private Path warpedFile(int frame) {
        return dir.resolve(WARPED).resolve(String.format("%07d.exr", frame));
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

    /** The temporal match an earlier run of this launch computed, or null. */
    TemporalMatch match() throws IOException {
        JsonObject json = read(MATCH);
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

    void saveMatch(TemporalMatch match) throws IOException {
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
        write(MATCH, json);
    }

    private JsonObject read(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
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
