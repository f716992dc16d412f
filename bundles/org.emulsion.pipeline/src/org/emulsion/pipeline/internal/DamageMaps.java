package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.align.damage.DamageMap;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.Image;
import org.emulsion.media.MaskFiles;
import org.emulsion.core.JsonFiles;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RunLayout;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The damage map of every scan frame, {@code masks/<frame>.png} ({@link MaskFiles}: 8-bit,
 * 0 = intact): the restorer's own maps when {@code --masks} names a folder of them (checked: one
 * per scan frame, of the scan's size), else found by {@link DamageDetection}. A map already
 * written is kept, so a re-run resumes, and a restorer may correct a map in place and run again.
 * A scan frame no reference shows is completed once every map is found, with witnesses borrowed
 * from a nearby frame and the damage that lasts into it from its neighbours (which its neighbours
 * alone cannot reveal); until then its map waits in {@link RunLayout#pendingMask}. {@value RunLayout#DAMAGE_JSON} says how the maps were made and
 * each frame's damaged area.
 */
public final class DamageMaps {
    private DamageMaps() {
    }

    /** 1 where a frame's damage map says intact (code 0), else 0; everything intact without a map (null). */
    public static float[] intact(Image damage, int n) {
        float[] intact = new float[n];
        for (int i = 0; i < n; i++) {
            intact[i] = damage == null || damage.data()[i] < 1f / 255 ? 1f : 0f;
        }
        return intact;
    }

    /**
     * Frames whose maps are found at the same time: each frame's detection runs on every core
     * already, but leaves gaps (reading, the serial parts of each comparison) that a second frame
     * fills. The detector is stateless; consecutive frames share their reads.
     */
    private static final int CONCURRENT_FRAMES = 2;
    /**
     * Frames a witness may be borrowed across, at most: farther, the picture has changed too much
     * (parallax, things moving) for the flow to carry a witness faithfully.
     */
    private static final int BORROW_REACH = 3;

    /** Writes the maps that are not written yet, and the summary of all of them. */
    static void ensure(RestorationJob job, ResumeFolder resume, ShotList shots, IProgressMonitor monitor)
            throws IOException, EmulsionException {
        int frames = job.scan().frameCount();
        SubMonitor progress = SubMonitor.convert(monitor, "Finding damage", 2 * frames);
        RunLayout layout = job.layout();
        Files.createDirectories(layout.masks());
        DamageDetection detection = job.masks() == null ? new DamageDetection(job, resume, shots) : null;
        List<Integer> missing = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            if (!Files.isRegularFile(layout.mask(job.scan().frameName(f)))) {
                missing.add(f);
            }
        }
        progress.split(frames - missing.size());
        Map<Integer, Found> found = new HashMap<>(); // the scan's maps found in this run: their confidence and basis
        NavigableSet<Integer> unwitnessed = new ConcurrentSkipListSet<>(); // found in this run with no witness: pending
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_FRAMES);
        try {
            for (int i = 0; i < missing.size(); i += CONCURRENT_FRAMES) {
                List<Integer> window = missing.subList(i, Math.min(missing.size(), i + CONCURRENT_FRAMES));
                progress.subTask("damage of frame " + (window.get(0) + 1) + " of " + frames);
                if (detection != null) {
                    int first = window.get(0);
                    detection.keepOnly(f -> f >= first - 1);
                }
                List<Future<DamageMap>> maps = new ArrayList<>();
                for (int f : window) {
                    maps.add(pool.submit(() -> write(job, detection, f, unwitnessed)));
                }
                for (int k = 0; k < window.size(); k++) {
                    DamageMap map = join(maps.get(k));
                    if (map != null) {
                        found.put(window.get(k), new Found(map.confidence(), map.basis()));
                    }
                }
                progress.split(window.size());
            }
            if (!unwitnessed.isEmpty()) {
                progress.subTask("damage of the frames no reference shows");
                completeUnwitnessed(job, detection, shots, unwitnessed, found);
            }
            if (detection != null) {
                progress.subTask("line scratches");
                addLineScratches(job, detection, frames);
            }
            progress.subTask("summing up the damage");
            // every map is read back (the passes above change them); decoding is most of it, so frames go to the pool
            List<Future<JsonObject>> entries = new ArrayList<>();
            for (int f = 0; f < frames; f++) {
                int frame = f;
                entries.add(pool.submit(() -> summaryEntry(job, frame, found.get(frame))));
            }
            JsonArray list = new JsonArray();
            for (Future<JsonObject> entry : entries) {
                list.add(join(entry));
                progress.split(1);
            }
            writeSummary(job, list);
        } finally {
            pool.shutdown(); // a frame still being found when another failed finishes its files (written whole or not at all)
        }
    }

    /** Frame {@code f}'s line in the damage summary: its map's confidence and basis where found in this run ({@code detected}), the damaged areas. */
    private static JsonObject summaryEntry(RestorationJob job, int f, Found detected) throws IOException {
        JsonObject entry = new JsonObject();
        entry.addProperty("frame", job.scan().frameName(f));
        if (detected != null) {
            entry.addProperty("confidence", detected.confidence());
            entry.addProperty("basis", detected.basis());
        }
        entry.addProperty("areaPercent", 100 * damagedFraction(read(job, f)));
        if (job.restoration().needsReferenceDamage()) {
            JsonArray references = new JsonArray();
            for (int k = 0; k < job.references().size(); k++) {
                Image map = readReference(job, k, f);
                references.add(map == null ? null : 100 * damagedFraction(map));
            }
            entry.add("referencesAreaPercent", references);
        }
        return entry;
    }

    /** Writes {@value RunLayout#DAMAGE_JSON}: how the maps were found, and each frame's line ({@code list}). */
    private static void writeSummary(RestorationJob job, JsonArray list) throws IOException {
        JsonObject summary = new JsonObject();
        summary.addProperty("method", job.masks() != null ? "the restorer's maps from " + job.masks().toAbsolutePath()
                : job.restoration().needsReferenceDamage()
                        ? "each element's own: found where it disagrees with the other elements registered on the scan and with its own"
                                + " neighbours beyond their noise (references' maps in " + RunLayout.MASKS + "/reference-N/)"
                        : "found where the scan disagrees with its registered references and its neighbours beyond their own noise");
        summary.add("frames", list);
        JsonFiles.write(job.layout().damageJson(), summary);
    }

    /** What {@value RunLayout#DAMAGE_JSON} says of a scan frame's map found in this run. */
    private record Found(double confidence, String basis) {
    }

    /**
     * Finds (or takes from --masks) and writes the maps of scan frame {@code f}; the scan's map
     * found, null when taken. The scan's map of a frame no reference shows is written pending and
     * the frame added to {@code unwitnessed}.
     */
    private static DamageMap write(RestorationJob job, DamageDetection detection, int f, NavigableSet<Integer> unwitnessed)
            throws IOException, EmulsionException {
        RunLayout layout = job.layout();
        String name = job.scan().frameName(f);
        Path file = layout.mask(name);
        if (detection == null) {
            MaskFiles.write(file, restorers(job, f));
            return null;
        }
        if (!detection.witnessed(f)) {
            file = layout.pendingMask(name);
            Files.createDirectories(file.getParent());
            unwitnessed.add(f);
        }
        if (job.restoration().needsReferenceDamage()) {
            List<DamageMap> maps = detection.detectEach(f);
            for (int k = 0; k < maps.size(); k++) {
                writeLineCandidates(layout, k, name, maps.get(k));
            }
            for (int k = 1; k < maps.size(); k++) {
                if (maps.get(k) != null) {
                    Path ref = layout.referenceMask(k - 1, name);
                    Files.createDirectories(ref.getParent());
                    MaskFiles.write(ref, maps.get(k).mask());
                }
            }
            MaskFiles.write(file, maps.get(0).mask()); // last: its presence means the frame's maps are complete
            return maps.get(0);
        }
        DamageMap map = detection.detect(f);
        writeLineCandidates(layout, 0, name, map);
        MaskFiles.write(file, map.mask());
        return map;
    }

    /** Element {@code element}'s line-scratch candidates on frame {@code name}, if its map has any, before the map itself. */
    private static void writeLineCandidates(RunLayout layout, int element, String name, DamageMap map) throws IOException {
        if (map != null && map.lineCandidates() != null) {
            Path file = layout.lineCandidates(element, name);
            Files.createDirectories(file.getParent());
            MaskFiles.write(file, map.lineCandidates());
        }
    }

    /**
     * Adds to every element's map the line-scratch candidates that the element's previous or next
     * frame confirms ({@link DamageDetection#withLineScratches}), then removes the candidates. Adding
     * again what is there changes nothing, so a pass interrupted is simply made again.
     */
    private static void addLineScratches(RestorationJob job, DamageDetection detection, int frames) throws IOException {
        RunLayout layout = job.layout();
        if (!Files.isDirectory(layout.lineCandidates())) {
            return;
        }
        int elements = 1 + (job.restoration().needsReferenceDamage() ? job.references().size() : 0);
        for (int e = 0; e < elements; e++) {
            Image before = null;
            Image now = lineCandidates(job, e, 0);
            for (int f = 0; f < frames; f++) {
                Image after = f + 1 < frames ? lineCandidates(job, e, f + 1) : null;
                String name = job.scan().frameName(f);
                Path file = e == 0 ? layout.mask(name) : layout.referenceMask(e - 1, name);
                if (now != null && (before != null || after != null) && Files.isRegularFile(file)) {
                    Image mask = readMask(job, file);
                    Image scratched = detection.withLineScratches(mask, now, before, after);
                    if (scratched != mask) {
                        MaskFiles.write(file, scratched);
                    }
                }
                before = now;
                now = after;
            }
        }
        try (Stream<Path> files = Files.walk(layout.lineCandidates())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Image lineCandidates(RestorationJob job, int element, int frame) throws IOException {
        Path file = job.layout().lineCandidates(element, job.scan().frameName(frame));
        return Files.isRegularFile(file) ? readMask(job, file) : null;
    }

    /**
     * Completes the maps of the frames no reference shows (pending) and puts them in their place:
     * {@link #borrowWitnesses}, then {@link #carryLastingDamage}.
     */
    private static void completeUnwitnessed(RestorationJob job, DamageDetection detection, ShotList shots,
            NavigableSet<Integer> pending, Map<Integer, Found> found) throws IOException {
        RunLayout layout = job.layout();
        if (job.restoration().needsReferenceDamage()) {
            borrowWitnesses(job, detection, shots, pending, found);
        }
        carryLastingDamage(job, detection, shots, pending, found);
        for (int f : pending) {
            String name = job.scan().frameName(f);
            Files.move(layout.pendingMask(name), layout.mask(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.deleteIfExists(layout.pendingMask(job.scan().frameName(pending.first())).getParent());
    }

    /**
     * Each pending map found again with the references of the nearest frame that has them as
     * witnesses, carried along the flow, their damage blanked ({@link DamageDetection#detectBorrowing}).
     * Only for a target that finds the references' own damage: another moment's witness has no
     * neighbours here to tell its dirt from the frame's.
     */
    private static void borrowWitnesses(RestorationJob job, DamageDetection detection, ShotList shots, NavigableSet<Integer> pending,
            Map<Integer, Found> found) throws IOException {
        RunLayout layout = job.layout();
        for (int f : pending) {
            int source = witnessedNear(detection, shots, f, pending);
            if (source >= 0) {
                List<Image> sourceMaps = new ArrayList<>();
                for (int k = 0; k < job.references().size(); k++) {
                    sourceMaps.add(readReference(job, k, source));
                }
                Path file = layout.pendingMask(job.scan().frameName(f));
                save(file, f, detection.detectBorrowing(f, source, sourceMaps, readMask(job, file)), found);
            }
        }
    }

    /**
     * The damage that lasts on the film carried into each pending map from frame to frame
     * ({@link DamageDetection#withLasting}), forwards from each previous frame, then backwards
     * from each next, so that along a run of such frames too long to borrow across it still comes
     * from the witnessed frames at either end.
     */
    private static void carryLastingDamage(RestorationJob job, DamageDetection detection, ShotList shots, NavigableSet<Integer> pending,
            Map<Integer, Found> found) throws IOException {
        RunLayout layout = job.layout();
        for (boolean forwards : new boolean[] { true, false }) {
            for (int f : forwards ? pending : pending.descendingSet()) {
                int from = forwards ? shots.previousInShot(f) : shots.nextInShot(f);
                if (from >= 0) {
                    Path file = layout.pendingMask(job.scan().frameName(f));
                    DamageMap map = new DamageMap(readMask(job, file), found.get(f).confidence(), found.get(f).basis());
                    String neighbour = job.scan().frameName(from);
                    DamageMap carried = detection.withLasting(map, f, from,
                            readMask(job, pending.contains(from) ? layout.pendingMask(neighbour) : layout.mask(neighbour)));
                    if (carried != map) {
                        save(file, f, carried, found);
                    }
                }
            }
        }
    }

    private static void save(Path file, int frame, DamageMap map, Map<Integer, Found> found) throws IOException {
        MaskFiles.write(file, map.mask());
        found.put(frame, new Found(map.confidence(), map.basis()));
    }

    /** The frame of {@code frame}'s shot nearest it (the earlier on a tie, within {@value #BORROW_REACH}) that a reference shows; -1 if none. */
    private static int witnessedNear(DamageDetection detection, ShotList shots, int frame, NavigableSet<Integer> unwitnessed)
            throws IOException {
        int before = frame;
        int after = frame;
        for (int d = 1; d <= BORROW_REACH; d++) {
            before = before < 0 ? -1 : shots.previousInShot(before);
            after = after < 0 ? -1 : shots.nextInShot(after);
            if (before >= 0 && !unwitnessed.contains(before) && detection.witnessed(before)) {
                return before;
            }
            if (after >= 0 && !unwitnessed.contains(after) && detection.witnessed(after)) {
                return after;
            }
        }
        return -1;
    }

    private static Image readMask(RestorationJob job, Path file) throws IOException {
        return MaskFiles.read(file, job.scan().info().width(), job.scan().info().height());
    }

    /** Waits for a frame's maps; its failure is the caller's, as it was thrown. */
    private static <T> T join(Future<T> future) throws IOException, EmulsionException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while finding damage", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof EmulsionException ee) {
                throw ee;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    /** What {@link #ensure} wrote about the maps, for the report; null when this run has none. */
    static JsonObject summary(RestorationJob job) throws IOException {
        Path file = job.layout().damageJson();
        return Files.isRegularFile(file) ? JsonFiles.read(file) : null;
    }

    /** The damage map of scan frame {@code frame} in [0, 1] (1 = damaged), as written. */
    static Image read(RestorationJob job, int frame) throws IOException {
        Path file = job.layout().mask(job.scan().frameName(frame));
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing; run the restore again to find the damage of every frame");
        }
        return readMask(job, file);
    }

    /** Reference {@code k}'s damage map at scan frame {@code frame} in [0, 1], or null when the reference lacks the frame. */
    static Image readReference(RestorationJob job, int k, int frame) throws IOException {
        Path file = job.layout().referenceMask(k, job.scan().frameName(frame));
        return Files.isRegularFile(file) ? readMask(job, file) : null;
    }

    private static double damagedFraction(Image mask) {
        long damaged = 0;
        for (float v : mask.data()) {
            damaged += v >= 0.5f ? 1 : 0;
        }
        return damaged / (double) mask.data().length;
    }

    /** The restorer's map of {@code frame}: same name as the scan frame (any image format), the scan's size. */
    private static Image restorers(RestorationJob job, int frame) throws IOException, EmulsionException {
        String stem = RunLayout.stem(job.scan().frameName(frame));
        Path found;
        try (var files = Files.list(job.masks())) {
            found = files.filter(p -> RunLayout.stem(p.getFileName().toString()).equals(stem)).sorted().findFirst().orElse(null);
        }
        if (found == null) {
            throw new EmulsionException("--masks " + job.masks() + " has no map for scan frame " + job.scan().frameName(frame)
                    + " (expected " + MaskFiles.fileName(job.scan().frameName(frame)) + " or another image with that name); give one map per scan frame");
        }
        try {
            return MaskFiles.read(found, job.scan().info().width(), job.scan().info().height());
        } catch (IOException e) {
            throw new EmulsionException(String.format(Locale.ROOT, "%s; the masks in --masks must be the scan's frames' size", e.getMessage()), e);
        }
    }
}
