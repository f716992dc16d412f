package org.emulsion.core.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One copy of the film (or evidence of its look) that the project works with.
 *
 * @param name  what the restorer calls it ("Reel 1 print, BFI")
 * @param kind  print, negative, DVD...
 * @param path  absolute path of the material: a frame folder, video file, VIDEO_TS folder or artwork image
 * @param notes free text (provenance, condition); never null
 */
public record FilmElement(String name, ElementKind kind, Path path, String notes) {
    public FilmElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        path = path.toAbsolutePath().normalize();
        notes = notes == null ? "" : notes;
    }

    /** Whether the material is still where the project says (drives and folders move). */
    public boolean exists() {
        return Files.exists(path);
    }

    public FilmElement withNotes(String newNotes) {
        return new FilmElement(name, kind, path, newNotes);
    }
}
