package org.emulsion.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.emulsion.core.JsonFiles;
import org.emulsion.engine.TrainedModel;
import org.emulsion.media.ImageFiles;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * What a restored frame says about how it was made, written into every output frame's header
 * (XMP in TIFF/DPX, attributes in EXR) and into {@value #SIDECAR} beside the frames.
 * <p>
 * Digital source type and note: the restoration target declares them. A chroma restore keeps the
 * scan's captured luma and takes its chroma from a network trained on this film's reference, so
 * its frames are a composite of captured and trained algorithmic media, which IPTC's
 * {@code compositeWithTrainedAlgorithmicMedia} names; {@code trainedAlgorithmicMedia} would claim
 * that the whole picture was generated.
 *
 * @param models the models that made the frames (one per sequence, scene or shot): each frame's
 *               header names the one that made it, the sidecar lists them all
 */
public record Provenance(String tool, String toolVersion, String workflow, String sourceElement, String reference,
        List<ModelRecord> models, Instant date, String digitalSourceType, String note, Map<String, String> referenceFiles) {
    /**
     * The key of a job's extra report under which a workflow whose reference is a set of files (a
     * folder of artwork) lists them, file name → SHA-256, so that the provenance names each.
     */
    public static final String REFERENCE_FILES = "referenceFiles";
    /** The sidecar file in the output folder. */
    public static final String SIDECAR = "provenance.json";
    public static final String COMPOSITE_WITH_TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";
    private static final String TOOL = "Emulsion";

    /** A training pair: scan frame {@code scanFrame} learnt from reference frame number {@code referenceFrame}. */
    public record Pair(String scanFrame, int referenceFrame) {
        @Override
        public String toString() {
            return scanFrame + "=" + referenceFrame;
        }
    }

    /**
     * One trained model.
     *
     * @param id               its name in the model plan, e.g. {@code sequence} or {@code shot-003}
     * @param covers           what it restores, for people
     * @param pairs            its training pairs
     * @param checkpoint       its weights file, relative to the output folder
     * @param checkpointSha256 SHA-256 of that file, so a frame can be traced to the exact weights
     */
    public record ModelRecord(String id, String covers, List<Pair> pairs, int steps, String checkpoint, String checkpointSha256) {
        public ModelRecord {
            pairs = List.copyOf(pairs);
        }
    }

    public Provenance {
        models = List.copyOf(models);
        referenceFiles = referenceFiles == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(referenceFiles));
    }

    /** A provenance whose references are named by their locations alone. */
    public Provenance(String tool, String toolVersion, String workflow, String sourceElement, String reference,
            List<ModelRecord> models, Instant date, String digitalSourceType, String note) {
        this(tool, toolVersion, workflow, sourceElement, reference, models, date, digitalSourceType, note, Map.of());
    }

    /** What the note adds when the restorer asked for {@code --luma tone}: it overrides the target's word on the luma. */
    static final String TONED_LUMA = "At the restorer's request (--luma tone) the luma is NOT the scan's as captured: each shot's"
            + " luma was mapped linearly so that its black and white points became the registered reference's (report.json,"
            + " \"luma\"), which changes its tones and keeps its grain, weave and flicker.";

    /** The provenance of frames made from {@code job} by {@code models}. */
    public static Provenance of(RestorationJob job, List<ModelRecord> models) {
        String references = job.references().stream().map(r -> r.location().toAbsolutePath().toString())
                .collect(Collectors.joining("; "));
        Map<String, String> files = new LinkedHashMap<>();
        if (job.extraReport() != null && job.extraReport().has(REFERENCE_FILES)) {
            job.extraReport().getAsJsonObject(REFERENCE_FILES).entrySet().forEach(e -> files.put(e.getKey(), e.getValue().getAsString()));
        }
        String note = job.luma() == LumaMode.TONE ? job.target().note() + " " + TONED_LUMA : job.target().note();
        return new Provenance(TOOL, installedVersion(), job.workflowId(), job.scanLocation().toAbsolutePath().toString(),
                references, models, Instant.now(), job.target().digitalSourceType(), note, files);
    }

    /** The version of the installed Emulsion (this bundle's version; outside OSGi, "unknown"). */
    public static String installedVersion() {
        Bundle bundle = FrameworkUtil.getBundle(Provenance.class);
        return bundle == null ? "unknown" : bundle.getVersion().toString();
    }

    /** The header metadata of output frame {@code scanFrame} (the scan frame it was made from), made by model number {@code model}. */
    public Map<String, String> frameMetadata(String scanFrame, int model) {
        ModelRecord made = models.get(model);
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ImageFiles.KEY_DIGITAL_SOURCE_TYPE, digitalSourceType);
        m.put("xmp:CreatorTool", TOOL + " " + toolVersion);
        m.put(ImageFiles.KEY_TOOL, TOOL + " " + toolVersion);
        m.put(ImageFiles.KEY_PROJECT, workflow);
        m.put("workflow", workflow);
        m.put("sourceElement", sourceElement);
        m.put("sourceFrame", scanFrame);
        m.put("reference", reference);
        m.put("model", made.id());
        m.put("pairs", made.pairs().stream().map(Pair::toString).collect(Collectors.joining(" ")));
        m.put("steps", Integer.toString(made.steps()));
        m.put("checkpoint", made.checkpoint());
        m.put("checkpointSha256", made.checkpointSha256());
        m.put("date", date.toString());
        m.put("note", note);
        if (!referenceFiles.isEmpty()) {
            m.put(REFERENCE_FILES, referenceFiles.entrySet().stream().map(e -> e.getKey() + " sha256:" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return m;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("digitalSourceType", digitalSourceType);
        json.addProperty("note", note);
        json.addProperty("tool", TOOL);
        json.addProperty("toolVersion", toolVersion);
        json.addProperty("workflow", workflow);
        json.addProperty("sourceElement", sourceElement);
        json.addProperty("reference", reference);
        if (!referenceFiles.isEmpty()) {
            JsonObject files = new JsonObject();
            referenceFiles.forEach(files::addProperty);
            json.add(REFERENCE_FILES, files);
        }
        JsonArray modelList = new JsonArray();
        for (ModelRecord model : models) {
            JsonObject m = new JsonObject();
            m.addProperty("id", model.id());
            m.addProperty("covers", model.covers());
            JsonArray pairList = new JsonArray();
            for (Pair p : model.pairs()) {
                JsonObject pair = new JsonObject();
                pair.addProperty("scanFrame", p.scanFrame());
                pair.addProperty("referenceFrame", p.referenceFrame());
                pairList.add(pair);
            }
            m.add("pairs", pairList);
            m.addProperty("steps", model.steps());
            m.addProperty("checkpoint", model.checkpoint());
            m.addProperty("checkpointSha256", model.checkpointSha256());
            modelList.add(m);
        }
        json.add("models", modelList);
        json.addProperty("date", date.toString());
        return json;
    }

    /** Writes {@value #SIDECAR} into {@code outputDirectory}. */
    public void writeSidecar(Path outputDirectory) throws IOException {
        JsonFiles.write(outputDirectory.resolve(SIDECAR), toJson());
    }

    /**
     * Saves {@code model}'s weights as {@code dir/name-NNNN.params}, through a temporary folder so
     * that a checkpoint file is never seen half-written, and returns the file.
     */
    public static Path saveCheckpoint(TrainedModel model, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path partial = Files.createTempDirectory(dir, ".partial-" + name);
        try {
            model.save(partial, name);
            Path saved;
            try (Stream<Path> files = Files.list(partial)) {
                saved = files.filter(f -> f.getFileName().toString().endsWith(".params")).findFirst()
                        .orElseThrow(() -> new IOException(dir + ": the model wrote no .params file"));
            }
            Path target = dir.resolve(saved.getFileName());
            Files.move(saved, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            try (Stream<Path> rest = Files.list(partial)) {
                for (Path f : rest.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(partial);
        }
    }

    /** The SHA-256 of {@code file}'s bytes, as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, as lower-case hex. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
