package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RunLayout;

/**
 * The damage map of every scan frame, {@code masks/<frame>.png} (8-bit, 0 = intact): the
 * restorer's own maps when {@code --masks} names a folder of them (checked: one per scan frame, of
 * the scan's size), else detected from the frame's disagreement with its registered references and
 * its motion-compensated neighbours. A map already written is kept, so a re-run resumes.
 */
final class DamageMaps {
    private DamageMaps() {
    }

    /** Writes the maps that are not written yet. */
    static void ensure(RestorationJob job, ResumeFolder resume, IProgressMonitor monitor) throws IOException, EmulsionException {
        int frames = job.scan().frameCount();
        SubMonitor progress = SubMonitor.convert(monitor, "Finding damage", frames);
        Files.createDirectories(job.layout().masks());
        DamageDetection detection = job.masks() == null ? new DamageDetection(job, resume) : null;
        for (int f = 0; f < frames; f++) {
            Path file = job.layout().mask(job.scan().frameName(f));
            if (!Files.isRegularFile(file)) {
                progress.subTask("damage of frame " + (f + 1) + " of " + frames);
                Image mask = detection == null ? restorers(job, f) : detection.detect(f);
                ImageFiles.write(file, mask, 8);
            }
            progress.split(1);
        }
    }

    /** The damage map of scan frame {@code frame} in [0, 1] (1 = damaged), as written. */
    static Image read(RestorationJob job, int frame) throws IOException {
        Path file = job.layout().mask(job.scan().frameName(frame));
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing; run the restore again to find the damage of every frame");
        }
        return ImageFiles.read(file).image();
    }

    /** The restorer's map of {@code frame}: same name as the scan frame (any image format), the scan's size. */
    private static Image restorers(RestorationJob job, int frame) throws IOException, EmulsionException {
        String stem = RunLayout.stem(job.scan().frameName(frame));
        Path found;
        try (var files = Files.list(job.masks())) {
            found = files.filter(p -> RunLayout.stem(p.getFileName().toString()).equals(stem)).findFirst().orElse(null);
        }
        if (found == null) {
            throw new EmulsionException("--masks " + job.masks() + " has no map for scan frame " + job.scan().frameName(frame)
                    + " (expected " + stem + ".png or another image with that name); give one map per scan frame");
        }
        Image mask = ImageFiles.read(found).image();
        if (mask.width() != job.scan().info().width() || mask.height() != job.scan().info().height()) {
            throw new EmulsionException(found + " is " + mask.width() + "x" + mask.height() + " but the scan's frames are "
                    + job.scan().info().width() + "x" + job.scan().info().height() + "; give masks of the scan's size");
        }
        return mask.channels() == 1 ? mask : org.emulsion.media.Colour.channels(mask, 0, 1);
    }
}
