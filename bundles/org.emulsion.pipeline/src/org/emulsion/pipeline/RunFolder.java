package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.JsonFiles;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.Contribution;
import org.emulsion.core.extensions.AlignerRegistry;
import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.engine.ContactSheets;
import org.emulsion.engine.TrainingLog;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.internal.PairCuration;
import org.emulsion.pipeline.internal.ResumeFolder;
import org.emulsion.pipeline.internal.Warps;

import com.google.gson.JsonObject;

/**
 * A restore's output folder as a restorer inspects it, finished or not: the frames of the scan
 * and, for each, the scan frame, the reference registered onto it, the baseline and the result,
 * plus each model's training folder (contact sheets, live log). What is not there yet is named,
 * not guessed: a picture comes with a note saying why it is missing.
 * <p>
 * The scan and the reference are opened from where the run recorded them ({@value OutputDirectory#RESUME_DIR}/
 * job and launch records) with the sources the run used. The registered reference is the one the
 * pipeline stored for pair and held-out frames, else the reference frame of the stored temporal
 * match warped with the stored transform by the run's aligner, as the pipeline warps it. Pictures
 * are read on demand; instances are thread-safe (reads are serialised).
 */
public final class RunFolder implements AutoCloseable {
    /**
     * What can be shown of a frame. The maps are 8-bit PNGs named after the scan frame
     * ({@code <dir>/<frame name without extension>.png}), written by the workflows that make them.
     */
    public enum Layer {
        SCAN, ALIGNED_REFERENCE, BASELINE, RESULT,
        /** Damage found in the scan (0 = intact), in {@value RunFolder#MASKS_DIR}/. */
        DAMAGE_MASK,
        /** Which print each pixel came from, in {@value RunFolder#SOURCES_DIR}/. */
        SOURCE_MAP,
        /** How sure the model is of each pixel, in {@value RunFolder#CONFIDENCE_DIR}/. */
        CONFIDENCE_MAP
    }

    /** Output sub-folder of the per-frame damage masks. */
    public static final String MASKS_DIR = RunLayout.MASKS;
    /** Output sub-folder of the per-frame source maps of a composite of several prints. */
    public static final String SOURCES_DIR = RunLayout.SOURCES;
    /** Output sub-folder of the per-frame confidence maps. */
    public static final String CONFIDENCE_DIR = RunLayout.CONFIDENCE;

    /**
     * One layer of one frame: the image, or null with a note saying why it is missing; a present
     * image may carry a note too (e.g. an alignment the pipeline rejected).
     */
    public record Picture(Image image, String note) {
        public boolean present() {
            return image != null;
        }

        static Picture missing(String why) {
            return new Picture(null, why);
        }
    }

    /** A frame's place in the run: its reference frame (or {@link TemporalMatch#NONE}) and its role in training. */
    public record FrameInfo(String name, int referenceFrame, double confidence, Role role) {
    }

    /** How a frame served training: a chosen pair, a held-out frame (validation, contact sheets), or neither. */
    public enum Role {
        PAIR, HELD_OUT, NONE
    }

    /** A model's training folder and the contact sheets written so far, oldest first. */
    public record Model(String name, Path runDirectory, List<Path> contactSheets) {
        public TrainingLog log() {
            return new TrainingLog(runDirectory);
        }
    }

    private final Path folder;
    private final JsonObject job;
    private final JsonObject launch;
    private FrameSource scan;
    private String scanProblem;
    private FrameSource reference;
    private String referenceProblem;
    private Aligner aligner;
    private String alignerProblem;
    /** Why the last {@link #open} failed. */
    private String problem;
    private ResumeFolder.StoredRegistration registration;
    private Map<Integer, ResumeFolder.StoredFrame> storedFrames = Map.of();
    private final Map<Integer, Role> roles = new HashMap<>();

    private RunFolder(Path folder, JsonObject job, JsonObject launch) {
        this.folder = folder;
        this.job = job;
        this.launch = launch;
    }

    /**
     * Opens the run in {@code folder}: one a restore (command line or workbench) or a pipeline
     * has written into, from its first seconds on.
     *
     * @throws EmulsionException naming the folder when it holds no Emulsion run, or its records are damaged
     */
    public static RunFolder open(Path folder) throws EmulsionException {
        Path dir = folder.toAbsolutePath().normalize();
        Path resume = dir.resolve(OutputDirectory.RESUME_DIR);
        JsonObject job = json(resume.resolve(ResumeFolder.JOB));
        JsonObject launch = json(resume.resolve(OutputDirectory.LAUNCH));
        if (job == null && launch == null) {
            throw new EmulsionException(dir + " holds no Emulsion run (no " + OutputDirectory.RESUME_DIR + "/" + ResumeFolder.JOB
                    + " or " + OutputDirectory.RESUME_DIR + "/" + OutputDirectory.LAUNCH + "); open the folder a restore wrote into"
                    + " (its --out)");
        }
        RunFolder run = new RunFolder(dir, job, launch);
        run.refresh();
        return run;
    }

    private static JsonObject json(Path file) throws EmulsionException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonFiles.read(file);
        } catch (IOException | RuntimeException e) {
            throw new EmulsionException(file + " cannot be read (" + e.getMessage() + "); the run folder is damaged", e);
        }
    }

    public Path folder() {
        return folder;
    }

    /**
     * Reads again what the run may have written since: the registration (and the restorer's
     * edits of {@value PairCuration#FILE}). Frames, baseline and training folders are looked up on
     * every call anyway.
     */
    public synchronized void refresh() throws EmulsionException {
        if (registration != null) {
            return; // complete once written
        }
        try {
            registration = new ResumeFolder(folder).registration();
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
        if (registration == null) {
            return;
        }
        Map<Integer, ResumeFolder.StoredFrame> frames = new HashMap<>();
        registration.frames().forEach(f -> frames.put(f.frame(), f));
        storedFrames = frames;
        List<PairCuration.Candidate> candidates = PairCuration.applyEdits(folder.resolve(PairCuration.FILE), registration.candidates());
        candidates.stream().filter(PairCuration.Candidate::chosen).forEach(c -> roles.put(c.scanFrame(), Role.PAIR));
        registration.heldOut().forEach(f -> roles.put(f, Role.HELD_OUT));
    }

    /** The scan's frame count (0 when the scan cannot be opened: see {@link #scanProblem()}). */
    public synchronized int frameCount() {
        return scan() == null ? 0 : scan.frameCount();
    }

    /** Why the scan cannot be opened, or null. */
    public synchronized String scanProblem() {
        scan();
        return scanProblem;
    }

    /**
     * Frame {@code index}'s name, reference frame, alignment confidence and role.
     *
     * @throws IllegalStateException when the scan cannot be opened (there are no frames then)
     */
    public synchronized FrameInfo frame(int index) {
        if (scan() == null) {
            throw new IllegalStateException(scanProblem);
        }
        String name = scan.frameName(index);
        ResumeFolder.StoredFrame stored = storedFrames.get(index);
        int referenceFrame = stored == null ? TemporalMatch.NONE : stored.referenceFrame();
        double confidence = stored == null || stored.alignment() == null ? Double.NaN : stored.alignment().confidence();
        return new FrameInfo(name, referenceFrame, confidence, roles.getOrDefault(index, Role.NONE));
    }

    /**
     * One layer of frame {@code index}.
     *
     * @throws IOException naming the file when it is there but cannot be read
     */
    public synchronized Picture read(int index, Layer layer) throws IOException {
        return read(index, layer, Integer.MAX_VALUE);
    }

    /**
     * One layer of frame {@code index} at most {@code width} pixels wide ({@link OpenCv#atMostWide}):
     * for previews of archive-size frames, which are then shrunk as they are decoded
     * ({@link ImageFiles#read(Path, int)}) and whose registered reference is warped straight into
     * the reduced grid ({@link Warps#atMostWide}), instead of being made at the scan's size first.
     *
     * @throws IOException naming the file when it is there but cannot be read
     */
    public synchronized Picture read(int index, Layer layer, int width) throws IOException {
        if (scan() == null) {
            return Picture.missing(scanProblem);
        }
        String name = scan.frameName(index);
        Picture picture = switch (layer) {
            case SCAN -> new Picture(scan.read(index, width), null);
            case ALIGNED_REFERENCE -> alignedReference(index, width); // warped straight into the reduced grid
            case BASELINE -> written(RunLayout.BASELINE, name, width, "not rendered yet: the run renders the baseline after"
                    + " the last frame is restored");
            case RESULT -> written(RunLayout.FRAMES, name, width, "not restored yet (" + count(RunLayout.FRAMES) + " of "
                    + scan.frameCount() + " frames are)");
            case DAMAGE_MASK -> map(MASKS_DIR, name, width, "damage masks");
            case SOURCE_MAP -> map(SOURCES_DIR, name, width, "source maps");
            case CONFIDENCE_MAP -> map(CONFIDENCE_DIR, name, width, "confidence maps");
        };
        return picture.present() ? new Picture(OpenCv.atMostWide(picture.image(), width), picture.note()) : picture;
    }

    /** Whether the run wrote any {@code layer} map (a workflow that makes none leaves its folder out). */
    public boolean hasMaps(Layer layer) {
        String dir = switch (layer) {
            case DAMAGE_MASK -> MASKS_DIR;
            case SOURCE_MAP -> SOURCES_DIR;
            case CONFIDENCE_MAP -> CONFIDENCE_DIR;
            default -> throw new IllegalArgumentException(layer + " is not a map");
        };
        return count(dir) > 0;
    }

    private Picture map(String dir, String scanName, int width, String what) throws IOException {
        RunLayout layout = new RunLayout(folder);
        Path file = switch (dir) {
            case MASKS_DIR -> layout.mask(scanName);
            case SOURCES_DIR -> layout.sourceMap(scanName);
            default -> layout.confidenceMap(scanName);
        };
        if (Files.isRegularFile(file)) {
            return new Picture(ImageFiles.read(file, width).image(), null);
        }
        return Picture.missing(count(dir) == 0 ? "this run made no " + what : "no " + dir + "/" + file.getFileName() + " for this frame");
    }

    private Picture written(String dir, String scanName, int width, String notYet) throws IOException {
        for (OutputFormat format : OutputFormat.values()) {
            Path file = folder.resolve(dir).resolve(format.fileName(scanName));
            if (Files.isRegularFile(file)) {
                return new Picture(ImageFiles.read(file, width).image(), null);
            }
        }
        return Picture.missing(notYet);
    }

    private Picture alignedReference(int index, int shownWidth) throws IOException {
        if (registration == null) {
            return Picture.missing("not aligned yet: the run has not finished registering the reference");
        }
        ResumeFolder.StoredFrame stored = storedFrames.get(index);
        if (stored == null || stored.referenceFrame() == TemporalMatch.NONE) {
            return Picture.missing("no reference frame shows this scan frame");
        }
        if (stored.alignment() == null) {
            return Picture.missing("reference frame " + stored.referenceFrame() + " could not be aligned");
        }
        String unusable = Alignments.whyNot(stored.alignment());
        String rejected = unusable == null ? null : unusable + ": not used";
        ResumeFolder resume = new ResumeFolder(folder);
        boolean kept = resume.hasRegistered(0, index);
        if (aligner() == null) {
            return Picture.missing(alignerProblem);
        }
        if (!kept && reference() == null) {
            return Picture.missing(referenceProblem);
        }
        int width = scan.info().width();
        int height = scan.info().height();
        int[] grid = OpenCv.atMostWideSize(width, height, shownWidth);
        return new Picture(kept ? resume.registered(0, index, stored.alignment(), aligner, width, height, grid[0], grid[1])
                : Warps.into(aligner, reference.read(stored.referenceFrame()), stored.alignment(), width, height, grid[0], grid[1]),
                rejected);
    }

    /** Each model's training folder ({@value RunLayout#TRAINING}/*), by name. */
    public List<Model> models() throws IOException {
        return models(folder);
    }

    /**
     * The training folders in {@code outputFolder}, by name: usable before the run has recorded
     * anything else (a training monitor started with the run).
     */
    public static List<Model> models(Path outputFolder) throws IOException {
        Path training = outputFolder.resolve(RunLayout.TRAINING);
        if (!Files.isDirectory(training)) {
            return List.of();
        }
        List<Model> models = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(training)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                models.add(new Model(dir.getFileName().toString(), dir, ContactSheets.list(dir)));
            }
        }
        return models;
    }

    /** The Input | Target | Output tiles of a contact sheet. */
    public static List<ContactSheets.Row> tiles(Path contactSheet) throws IOException {
        try {
            return ContactSheets.rows(ImageFiles.read(contactSheet).image());
        } catch (IllegalArgumentException e) {
            throw new IOException(contactSheet + " is not a contact sheet (" + e.getMessage() + ")", e);
        }
    }

    /** Whether the run wrote its report (the last thing it does). */
    public boolean finished() {
        return Files.isRegularFile(folder.resolve(RunLayout.REPORT_JSON));
    }

    /** What the run has not written yet, one line each (empty when it finished). */
    public synchronized List<String> unfinished() {
        List<String> lines = new ArrayList<>();
        if (finished()) {
            return lines;
        }
        if (registration == null) {
            lines.add("alignment: not finished (" + OutputDirectory.RESUME_DIR + "/" + ResumeFolder.REGISTRATION + ")");
        }
        int frames = frameCount();
        lines.add(RunLayout.FRAMES + "/: " + count(RunLayout.FRAMES) + " of " + frames + " frames restored");
        lines.add(RunLayout.BASELINE + "/: " + count(RunLayout.BASELINE) + " of " + frames + " frames rendered");
        lines.add(RunLayout.REPORT_JSON + ": not written (the run has not finished)");
        return lines;
    }

    private int count(String dir) {
        Path path = folder.resolve(dir);
        if (!Files.isDirectory(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(path)) {
            return (int) files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    // ---- the sources and the aligner the run used, opened on first use

    private String recorded(String key) {
        if (job != null && job.has(key)) {
            return job.get(key).getAsString();
        }
        return launch != null && launch.has(key) ? launch.get(key).getAsString() : null;
    }

    private FrameSource scan() {
        if (scan == null && scanProblem == null) {
            scan = open("scan", null);
            if (scan == null) {
                scanProblem = problem;
            }
        }
        return scan;
    }

    private FrameSource reference() {
        if (reference == null && referenceProblem == null) {
            reference = open("reference", declaredReferenceSource());
            if (reference == null) {
                referenceProblem = problem;
            }
        }
        return reference;
    }

    /** Opens the recorded location {@code key}, with {@code declared} when it recognises it, else as frames or video. */
    private FrameSource open(String key, ReferenceSource declared) {
        String location = recorded(key);
        if (location == null) {
            problem = "the run did not record its " + key;
            return null;
        }
        Path path = Path.of(location);
        ReferenceSource source = declared != null && declared.canOpen(path) ? declared
                : Sources.plain(path);
        if (source == null) {
            problem = "the " + key + " " + path + " is gone or not readable as frames or video";
            return null;
        }
        try {
            return source.open(path);
        } catch (IOException e) {
            problem = "the " + key + " " + path + " cannot be opened (" + e.getMessage() + ")";
            return null;
        }
    }

    private ReferenceSource declaredReferenceSource() {
        if (launch == null || !launch.has("workflow")) {
            return null;
        }
        return WorkflowRegistry.get().find(launch.get("workflow").getAsString()).flatMap(w -> w.references().stream().findFirst())
                .flatMap(r -> ReferenceSourceRegistry.get().find(r.sourceId())).map(Contribution::instance).orElse(null);
    }

    /** The aligner whose class the job recorded (a job records the class, a launch the workflow). */
    private Aligner aligner() {
        if (aligner == null && alignerProblem == null) {
            String className = job == null || !job.has("aligner") ? null : job.get("aligner").getAsString();
            aligner = AlignerRegistry.get().ofClass(className).orElse(null);
            if (aligner == null) {
                alignerProblem = "the aligner " + className + " that registered this run is not installed";
            }
        }
        return aligner;
    }

    @Override
    public synchronized void close() {
        if (scan != null) {
            scan.close();
        }
        if (reference != null) {
            reference.close();
        }
    }
}
