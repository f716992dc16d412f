package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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

    /** Writes the maps that are not written yet, and the summary of all of them. */
    static void ensure(RestorationJob job, ResumeFolder resume, ShotList shots, IProgressMonitor monitor)
            throws IOException, EmulsionException {
        int frames = job.scan().frameCount();
        SubMonitor progress = SubMonitor.convert(monitor, "Finding damage", frames);
        RunLayout layout = job.layout();
        Files.createDirectories(layout.masks());
        DamageDetection detection = job.masks() == null ? new DamageDetection(job, resume, shots) : null;
        JsonArray list = new JsonArray();
        for (int f = 0; f < frames; f++) {
            String name = job.scan().frameName(f);
            Path file = layout.mask(name);
            JsonObject entry = new JsonObject();
            entry.addProperty("frame", name);
            if (!Files.isRegularFile(file)) {
                progress.subTask("damage of frame " + (f + 1) + " of " + frames);
                if (detection == null) {
                    MaskFiles.write(file, restorers(job, f));
                } else if (job.restoration().needsReferenceDamage()) {
                    List<DamageMap> maps = detection.detectEach(f, frames);
                    for (int k = 1; k < maps.size(); k++) {
                        if (maps.get(k) != null) {
                            Path ref = layout.referenceMask(k - 1, name);
                            Files.createDirectories(ref.getParent());
                            MaskFiles.write(ref, maps.get(k).mask());
                        }
                    }
                    MaskFiles.write(file, maps.get(0).mask()); // last: its presence means the frame's maps are complete
                    entry.addProperty("confidence", maps.get(0).confidence());
                    entry.addProperty("basis", maps.get(0).basis());
                } else {
                    DamageMap map = detection.detect(f, frames);
                    MaskFiles.write(file, map.mask());
                    entry.addProperty("confidence", map.confidence());
                    entry.addProperty("basis", map.basis());
                }
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
