package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;

/** Writes JSON documents (reports, sidecars) atomically: a reader never sees half a file. */
public final class JsonFiles {
    private JsonFiles() {
    }

    public static String toJson(JsonElement json) {
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(json);
    }

    public static void write(Path file, JsonElement json) throws IOException {
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        try {
            Files.writeString(partial, toJson(json) + "\n", StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new IOException(file + ": could not be written (" + e.getMessage() + "); check free disk space", e);
        }
    }
}
