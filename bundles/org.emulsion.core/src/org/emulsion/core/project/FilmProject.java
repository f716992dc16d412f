package org.emulsion.core.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.JsonFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * A film's restoration project: a plain folder holding {@value #FILE_NAME}, a JSON file a
 * restorer can read and edit by hand, with the film's title, notes, elements (the copies of the
 * film it draws on) and the restoration runs made for it. Paths inside the project folder are
 * stored relative to it, so the folder can be moved or copied to another machine as a whole;
 * paths elsewhere (a scan on an archive drive) stay absolute.
 * <p>
 * Changes are kept in memory until {@link #save()}, which replaces the file atomically.
 * Methods are synchronized: the workbench and a running restoration may both record changes.
 */
public final class FilmProject {
    public static final String FILE_NAME = "film.emulsion.json";
    /** The file format this version writes; it reads this one and older ones. */
    public static final int FORMAT_VERSION = 1;
    /** Sub-folder where new runs go by default. */
    public static final String RUNS_FOLDER = "runs";

    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path folder;
    private String title;
    private String notes;
    private final List<FilmElement> elements = new ArrayList<>();
    private final List<RestorationRun> runs = new ArrayList<>();

    private FilmProject(Path folder, String title, String notes) {
        this.folder = folder.toAbsolutePath().normalize();
        this.title = Objects.requireNonNull(title, "title");
        this.notes = notes == null ? "" : notes;
    }

    /** Creates the folder (if needed) and a new project file in it. */
    public static FilmProject create(Path folder, String title) throws EmulsionException {
        FilmProject project = new FilmProject(folder, title, "");
        if (Files.exists(project.file())) {
            throw new EmulsionException(project.file() + " already exists: open that film project instead of creating it again");
        }
        try {
            Files.createDirectories(project.folder);
        } catch (IOException e) {
            throw new EmulsionException(project.folder + ": cannot create the project folder (" + e.getMessage()
                    + "); choose a folder you can write to", e);
        }
        project.save();
        return project;
    }

    /** Whether {@code folder} holds a project file. */
    public static boolean isProject(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE_NAME));
    }

    /** Reads the project in {@code folder} (the folder that holds {@value #FILE_NAME}). */
    public static FilmProject open(Path folder) throws EmulsionException {
        Path file = folder.toAbsolutePath().normalize().resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new EmulsionException(file + " is missing: " + folder + " is not a film project; open the folder that holds "
                    + FILE_NAME + " or create a new film project", e);
        } catch (IOException | UncheckedIOException e) {
            throw new EmulsionException(file + " cannot be read (" + e.getMessage() + "); check that it is a file you may read", e);
        }
        try {
            return read(folder, file, JsonParser.parseString(text).getAsJsonObject());
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
                | DateTimeParseException e) {
            // Gson reports a missing member as NPE and a wrong type as ISE/UOE: all mean a damaged file.
            throw new EmulsionException(file + " is not a readable film project file (" + e.getMessage()
                    + "); correct it in a text editor or restore it from a backup", e);
        }
    }

    private static FilmProject read(Path folder, Path file, JsonObject json) throws EmulsionException {
        int format = required(json, "format").getAsInt();
        if (format > FORMAT_VERSION) {
            throw new EmulsionException(file + " was written by a newer Emulsion (file format " + format + ", this version reads up to "
                    + FORMAT_VERSION + "); update Emulsion to open this project");
        }
        FilmProject project = new FilmProject(folder, required(json, "title").getAsString(), optionalString(json, "notes"));
        for (JsonElement e : optionalArray(json, "elements")) {
            JsonObject element = e.getAsJsonObject();
            String name = required(element, "name").getAsString();
            String kindId = required(element, "kind").getAsString();
            ElementKind kind = ElementKind.fromId(kindId);
            if (kind == null) {
                throw new EmulsionException(file + ": element \"" + name + "\" has the unknown kind \"" + kindId + "\"; use one of "
                        + ElementKind.ids() + " (the file is plain JSON: correct it in a text editor)");
            }
            project.elements.add(new FilmElement(name, kind, project.resolve(required(element, "path").getAsString()),
                    optionalString(element, "notes")));
        }
        for (JsonElement r : optionalArray(json, "runs")) {
            JsonObject run = r.getAsJsonObject();
            project.runs.add(new RestorationRun(required(run, "workflow").getAsString(),
                    project.resolve(required(run, "output").getAsString()), Instant.parse(required(run, "date").getAsString())));
        }
        return project;
    }

    private static JsonElement required(JsonObject json, String member) {
        JsonElement value = json.get(member);
        if (value == null || value.isJsonNull()) {
            throw new JsonParseException("\"" + member + "\" is missing");
        }
        return value;
    }

    private static String optionalString(JsonObject json, String member) {
        JsonElement value = json.get(member);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }

    private static JsonArray optionalArray(JsonObject json, String member) {
        JsonElement value = json.get(member);
        return value == null || value.isJsonNull() ? new JsonArray() : value.getAsJsonArray();
    }

    /** Writes the project file (atomically: temporary file, then rename). */
    public synchronized void save() throws EmulsionException {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT_VERSION);
        json.addProperty("title", title);
        json.addProperty("notes", notes);
        JsonArray elementArray = new JsonArray();
        for (FilmElement e : elements) {
            JsonObject element = new JsonObject();
            element.addProperty("name", e.name());
            element.addProperty("kind", e.kind().id());
            element.addProperty("path", stored(e.path()));
            element.addProperty("notes", e.notes());
            elementArray.add(element);
        }
        json.add("elements", elementArray);
        JsonArray runArray = new JsonArray();
        for (RestorationRun r : runs) {
            JsonObject run = new JsonObject();
            run.addProperty("workflow", r.workflowId());
            run.addProperty("output", stored(r.output()));
            run.addProperty("date", r.date().toString());
            runArray.add(run);
        }
        json.add("runs", runArray);
        try {
            JsonFiles.write(file(), json);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }

    /** Inside the project folder: relative with '/' (portable); elsewhere: absolute. */
    private String stored(Path path) {
        if (!path.startsWith(folder)) {
            return path.toString();
        }
        Path relative = folder.relativize(path);
        return relative.toString().isEmpty() ? "." : relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private Path resolve(String stored) {
        return folder.resolve(stored).normalize();
    }

    public Path folder() {
        return folder;
    }

    /** The project file, {@code folder()/}{@value #FILE_NAME}. */
    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    public synchronized String title() {
        return title;
    }

    public synchronized void setTitle(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    public synchronized String notes() {
        return notes;
    }

    public synchronized void setNotes(String notes) {
        this.notes = notes == null ? "" : notes;
    }

    public synchronized List<FilmElement> elements() {
        return List.copyOf(elements);
    }

    public synchronized void addElement(FilmElement element) {
        elements.add(Objects.requireNonNull(element));
    }

    /** Puts {@code replacement} where {@code element} was (to edit its notes, say); false when it is not in the project. */
    public synchronized boolean replaceElement(FilmElement element, FilmElement replacement) {
        int index = elements.indexOf(element);
        if (index < 0) {
            return false;
        }
        elements.set(index, Objects.requireNonNull(replacement));
        return true;
    }

    public synchronized boolean removeElement(FilmElement element) {
        return elements.remove(element);
    }

    public synchronized List<RestorationRun> runs() {
        return List.copyOf(runs);
    }

    public synchronized void addRun(RestorationRun run) {
        runs.add(Objects.requireNonNull(run));
    }

    /** Where a new run of {@code workflowId} started at {@code start} goes by default: {@code runs/<workflow>-<UTC time>}. */
    public Path defaultRunFolder(String workflowId, Instant start) {
        return folder.resolve(RUNS_FOLDER).resolve(workflowId + "-" + RUN_STAMP.format(start));
    }

    @Override
    public String toString() {
        return title() + " (" + folder + ")";
    }
}
