package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * {@value RunLayout#DAMAGE_JSON} says how the maps were made and each frame's damaged area.
 */
final class DamageMaps {
    private DamageMaps() {
    }

    /**
     * Frames whose maps are found at the same time: each frame's detection runs on every core
     * already, but leaves gaps (reading, the serial parts of each comparison) that a second frame
     * fills. The detector is stateless; consecutive frames share their reads.
     */
    private static final int CONCURRENT_FRAMES = 2;

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
        Map<Integer, DamageMap> found = new HashMap<>(); // the scan's maps found in this run, with their confidence
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_FRAMES);
        try {
            for (int i = 0; i < missing.size(); i += CONCURRENT_FRAMES) {
                List<Integer> window = missing.subList(i, Math.min(missing.size(), i + CONCURRENT_FRAMES));
                progress.subTask("damage of frame " + (window.get(0) + 1) + " of " + frames);
                if (detection != null) {
                    detection.forgetBefore(window.get(0) - 1);
                }
                List<Future<DamageMap>> maps = new ArrayList<>();
                for (int f : window) {
                    maps.add(pool.submit(() -> write(job, detection, f)));
                }
                for (int k = 0; k < window.size(); k++) {
                    DamageMap map = join(maps.get(k));
                    if (map != null) {
                        found.put(window.get(k), map);
                    }
                }
                progress.split(window.size());
            }
        } finally {
            pool.shutdown(); // a frame still being found when another failed finishes its files (written whole or not at all)
        }
        JsonArray list = new JsonArray();
        for (int f = 0; f < frames; f++) {
            JsonObject entry = new JsonObject();
            entry.addProperty("frame", job.scan().frameName(f));
            DamageMap detected = found.get(f);
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
            list.add(entry);
            progress.split(1);
        }
        JsonObject summary = new JsonObject();
        summary.addProperty("method", job.masks() != null ? "the restorer's maps from " + job.masks().toAbsolutePath()
                : job.restoration().needsReferenceDamage()
                        ? "each element's own: found where it disagrees with the other elements registered on the scan and with its own"
                                + " neighbours beyond their noise (references' maps in " + RunLayout.MASKS + "/reference-N/)"
                        : "found where the scan disagrees with its registered references and its neighbours beyond their own noise");
        summary.add("frames", list);
        JsonFiles.write(layout.damageJson(), summary);
    }

    /** Finds (or takes from --masks) and writes the maps of scan frame {@code f}; the scan's map found, null when taken. */
    private static DamageMap write(RestorationJob job, DamageDetection detection, int f) throws IOException, EmulsionException {
        RunLayout layout = job.layout();
        String name = job.scan().frameName(f);
        Path file = layout.mask(name);
        if (detection == null) {
            MaskFiles.write(file, restorers(job, f));
            return null;
        } else if (job.restoration().needsReferenceDamage()) {
            List<DamageMap> maps = detection.detectEach(f, job.scan().frameCount());
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
        DamageMap map = detection.detect(f, job.scan().frameCount());
        MaskFiles.write(file, map.mask());
        return map;
    }

    /** Waits for a frame's maps; its failure is the caller's, as it was thrown. */
    private static DamageMap join(Future<DamageMap> future) throws IOException, EmulsionException {
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
        return MaskFiles.read(file, job.scan().info().width(), job.scan().info().height());
    }

    /** Reference {@code k}'s damage map at scan frame {@code frame} in [0, 1], or null when the reference lacks the frame. */
    static Image readReference(RestorationJob job, int k, int frame) throws IOException {
        Path file = job.layout().referenceMask(k, job.scan().frameName(frame));
        return Files.isRegularFile(file) ? MaskFiles.read(file, job.scan().info().width(), job.scan().info().height()) : null;
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
