package com.example.laserdisc.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.image.FrameSource;

/**
 * A folder holding an ld-decode capture: {@code NAME.tbc.json} (the decoder's metadata) beside
 * {@code NAME.mkv} (the decoded video). The video is read by Emulsion's own video-file source, so
 * this class only knows where it is.
 */
public final class LaserDiscSource implements ReferenceSource {
    private static final String VIDEO_FILE = "org.emulsion.media.videoFile";

    @Override
    public boolean canOpen(Path location) {
        return Files.isDirectory(location) && metadata(location).isPresent();
    }

    @Override
    public FrameSource open(Path location) throws IOException {
        Path json = metadata(location).orElseThrow(() -> new IOException(
                location + ": no ld-decode capture here (no .tbc.json); give the folder ld-decode wrote"));
        String name = json.getFileName().toString().replace(".tbc.json", "");
        Path video = location.resolve(name + ".mkv");
        if (!Files.isRegularFile(video)) {
            throw new IOException(video + " is missing: export the capture to video (tbc-video-export) first");
        }
        return ReferenceSourceRegistry.get().get(VIDEO_FILE).instance().open(video);
    }

    private static Optional<Path> metadata(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tbc.json")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
