package org.emulsion.workflow.artwork.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.JsonFiles;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.pipeline.internal.FrameRange;
import org.emulsion.pipeline.internal.ShotDetector;
import org.emulsion.pipeline.internal.ShotList;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The restorer's assignment of artworks to scan frames ({@code --assign}, or the wizard's optional
 * assignment page): {@code {"assign": [{"frames": "0-23", "artwork": ["a.png", "b.jpg"]}, {"shot": 4,
 * "artwork": ["c.png"]}, …]}}, frames as 0-based scan frame indexes (a range or one index), or a shot or
 * scene numbered from 1 as the report numbers them (the same detector finds them), artworks by file
 * name in the artwork folder.
 * The frames of an entry take its artworks in turn; frames no entry names keep what retrieval
 * gave them. {@link #write} writes the shot entries the wizard's assignment page makes.
 */
public final class ArtworkAssignment {
    public static final String METHOD = "assigned by the restorer";

    /** One entry: scan frames {@code first..last} and the artworks (indexes in the folder) they take in turn. */
    record Entry(int first, int last, int[] artworks) {
    }

    private final Path file;
    private final List<Entry> entries;

    private ArtworkAssignment(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads {@code file} against {@code folder}'s artwork and a scan of {@code frames} frames.
     *
     * @param shots the scan's shots and scenes, asked for only when an entry names a shot or a scene
     * @throws EmulsionException in one line naming the file: not JSON, a range outside the scan, a shot
     *                           or scene the scan does not have, an artwork that is not in the folder or was skipped
     */
    public static ArtworkAssignment read(Path file, ArtworkFolder folder, int frames, Shots shots) throws EmulsionException {
        JsonObject json;
        try {
            json = JsonFiles.read(file);
        } catch (IOException | RuntimeException e) {
            throw new EmulsionException("--assign " + file + " cannot be read as JSON (" + e.getMessage() + "); write "
                    + "{\"assign\": [{\"frames\": \"0-23\", \"artwork\": [\"a.png\"]}]}");
        }
        if (!json.has("assign") || !json.get("assign").isJsonArray()) {
            throw new EmulsionException("--assign " + file + " has no \"assign\" list; write "
                    + "{\"assign\": [{\"frames\": \"0-23\", \"artwork\": [\"a.png\"]}]}");
        }
        List<Entry> entries = new ArrayList<>();
        ShotList[] found = new ShotList[1];
        Shots once = () -> found[0] != null ? found[0] : (found[0] = shots.get());
        for (JsonElement e : json.getAsJsonArray("assign")) {
            JsonObject o = e.getAsJsonObject();
            FrameRange frameRange = range(o, file, frames, once);
            int first = frameRange.first();
            int last = frameRange.last();
            String range = first == last ? String.valueOf(first) : first + "-" + last;
            List<Integer> artworks = new ArrayList<>();
            for (JsonElement a : o.has("artwork") ? o.getAsJsonArray("artwork") : new com.google.gson.JsonArray()) {
                String name = a.getAsString();
                int index = folder.indexOf(name);
                if (index < 0) {
                    boolean wasSkipped = folder.skipped().stream().anyMatch(s -> s.file().getFileName().toString().equals(name));
                    throw new EmulsionException("--assign " + file + ": artwork " + name + (wasSkipped ? " was skipped (unreadable or too small)"
                            : " is not in " + folder.folder()) + "; name a usable file of the artwork folder");
                }
                artworks.add(index);
            }
            if (artworks.isEmpty()) {
                throw new EmulsionException("--assign " + file + ": frames " + range + " name no artwork");
            }
            entries.add(new Entry(first, last, artworks.stream().mapToInt(Integer::intValue).toArray()));
        }
        return new ArtworkAssignment(file, entries);
    }

    /**
     * Writes {@code artworksByShot} (shot numbers from 1, as {@link ShotDetector} finds them and the report
     * numbers them, to artwork file names) as {@code {"assign": [{"shot": N, "artwork": [...]}, …]}} in
     * shot order, atomically (a reader never sees half a file), for {@link #read} to read back. Shots with no
     * artwork are left out: they keep what retrieval gives them.
     *
     * @throws IOException naming the file when it cannot be written
     */
    public static void write(Path file, Map<Integer, List<String>> artworksByShot) throws IOException {
        JsonArray assign = new JsonArray();
        for (Map.Entry<Integer, List<String>> shot : new TreeMap<>(artworksByShot).entrySet()) {
            if (shot.getKey() < 1) {
                throw new IllegalArgumentException("shots are numbered from 1, not " + shot.getKey());
            }
            if (shot.getValue().isEmpty()) {
                continue;
            }
            JsonObject entry = new JsonObject();
            entry.addProperty("shot", shot.getKey());
            JsonArray names = new JsonArray();
            shot.getValue().forEach(names::add);
            entry.add("artwork", names);
            assign.add(entry);
        }
        JsonObject json = new JsonObject();
        json.add("assign", assign);
        JsonFiles.write(file, json); // temporary file beside it, then renamed into place
    }

    /** The scan's shots and scenes, found when first asked for (reading every frame of the scan). */
    @FunctionalInterface
    public interface Shots {
        ShotList get() throws EmulsionException;
    }

    /**
     * The scan frames entry {@code o} names: {@code "frames": "0-23"} (0-based indexes), or
     * {@code "shot": 3} / {@code "scene": 2}, numbered from 1 as the report numbers them.
     */
    private static FrameRange range(JsonObject o, Path file, int frames, Shots shots) throws EmulsionException {
        for (String kind : List.of("shot", "scene")) {
            if (o.has(kind)) {
                List<FrameRange> ranges = kind.equals("shot") ? shots.get().shots() : shots.get().scenes();
                int number;
                try {
                    number = o.get(kind).getAsInt();
                } catch (RuntimeException x) {
                    number = 0;
                }
                if (number < 1 || number > ranges.size()) {
                    throw new EmulsionException("--assign " + file + ": " + kind + " " + o.get(kind) + " is not a " + kind
                            + " of the scan (it has " + ranges.size() + ", numbered from 1 as in the report)");
                }
                return ranges.get(number - 1);
            }
        }
        String range = o.has("frames") ? o.get("frames").getAsString().trim() : "";
        int first;
        int last;
        try {
            String[] ends = range.split("-");
            first = Integer.parseInt(ends[0].trim());
            last = ends.length > 1 ? Integer.parseInt(ends[1].trim()) : first;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException x) {
            throw new EmulsionException("--assign " + file + ": frames \"" + range + "\" is not a range of scan frame indexes "
                    + "such as \"0-23\" (or give \"shot\": N or \"scene\": N)");
        }
        if (first < 0 || last < first || last >= frames) {
            throw new EmulsionException("--assign " + file + ": frames " + range + " are not within the scan's 0-" + (frames - 1));
        }
        return new FrameRange(first, last);
    }

    public Path file() {
        return file;
    }

    /** {@code retrieved} with the assigned frames replaced (confidence 1: the restorer's choice). */
    public TemporalMatch apply(TemporalMatch retrieved) {
        int[] chosen = retrieved.referenceFrames();
        double[] confidence = retrieved.confidence();
        boolean all = true;
        boolean[] assigned = new boolean[chosen.length];
        for (Entry e : entries) {
            for (int f = e.first(); f <= e.last(); f++) {
                chosen[f] = e.artworks()[(f - e.first()) % e.artworks().length];
                confidence[f] = 1;
                assigned[f] = true;
            }
        }
        for (boolean a : assigned) {
            all &= a;
        }
        return new TemporalMatch(chosen, confidence, all ? METHOD : METHOD + "; other frames: " + retrieved.method());
    }

    /** Whether every one of {@code frames} scan frames is assigned (retrieval is then not needed). */
    public boolean coversAll(int frames) {
        boolean[] assigned = new boolean[frames];
        entries.forEach(e -> Arrays.fill(assigned, e.first(), e.last() + 1, true));
        for (boolean a : assigned) {
            if (!a) {
                return false;
            }
        }
        return true;
    }
}
