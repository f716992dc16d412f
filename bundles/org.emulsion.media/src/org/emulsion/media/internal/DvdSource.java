package org.emulsion.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.image.FrameSource;

/**
 * A PAL or NTSC DVD: a {@code VIDEO_TS} folder (also under another name, recognised by its
 * {@code VTS_nn_k.VOB} files), the folder holding one, or a single
 * {@code .vob} file. From a folder the main title is read: the title set with the most data, its
 * parts {@code VTS_nn_1.VOB}, {@code VTS_nn_2.VOB}, … back to back as one MPEG program stream;
 * menus ({@code VTS_nn_0.VOB}, {@code VIDEO_TS.VOB}) are skipped. Frames are made progressive as
 * {@link TelecineSource} does (NTSC hard pulldown removed; soft pulldown is read as the coded film
 * frames) and the picture area is detected.
 * <p>
 * Disc images ({@code .iso}) and CSS-encrypted discs are not read.
 */
public final class DvdSource implements ReferenceSource {
    private static final Pattern TITLE_PART = Pattern.compile("VTS_(\\d\\d)_(\\d)\\.VOB");

    @Override
    public boolean canOpen(Path location) {
        if (Files.isRegularFile(location)) {
            String ext = VideoFileSource.extension(location);
            return ext.equals("vob") || ext.equals("iso"); // an image is taken, to be refused with a clear message
        }
        return videoTs(location) != null;
    }

    @Override
    public FrameSource open(Path location) throws IOException {
        if (Files.isRegularFile(location)) {
            String ext = VideoFileSource.extension(location);
            if (ext.equals("iso")) {
                throw new IOException(location + ": DVD disc images are not read; mount the image (or extract it) and give"
                        + " its VIDEO_TS folder");
            }
            return VideoFrames.progressive(VideoInput.concatenated(location, List.of(location)));
        }
        Path folder = videoTs(location);
        if (folder == null) {
            throw new IOException(location + ": is neither a VIDEO_TS folder (with VTS_nn_k.VOB files), a folder holding one,"
                    + " nor a .vob file");
        }
        return VideoFrames.progressive(VideoInput.concatenated(folder, mainTitle(folder)));
    }

    /** {@code location} when it is a VIDEO_TS folder, its VIDEO_TS subfolder when it holds one, else null. */
    private static Path videoTs(Path location) {
        if (!Files.isDirectory(location)) {
            return null;
        }
        if (location.getFileName() != null && location.getFileName().toString().equalsIgnoreCase("VIDEO_TS")) {
            return location;
        }
        for (String name : new String[] {"VIDEO_TS", "video_ts"}) {
            if (Files.isDirectory(location.resolve(name))) {
                return location.resolve(name);
            }
        }
        return holdsTitleParts(location) ? location : null; // a copied VIDEO_TS folder under another name
    }

    private static boolean holdsTitleParts(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> TITLE_PART.matcher(f.getFileName().toString().toUpperCase(Locale.ROOT)).matches());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The parts of the title set with the most data, in order.
     *
     * @throws IOException when there is no title, or a part in the middle is missing
     */
    static List<Path> mainTitle(Path folder) throws IOException {
        Map<Integer, TreeMap<Integer, Path>> titleSets = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = TITLE_PART.matcher(f.getFileName().toString().toUpperCase(Locale.ROOT));
                if (m.matches() && Integer.parseInt(m.group(2)) > 0 && Files.isRegularFile(f)) {
                    titleSets.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), f);
                }
            }
        }
        int best = -1;
        long bestSize = -1;
        for (var e : titleSets.entrySet()) {
            long size = 0;
            for (Path p : e.getValue().values()) {
                size += Files.size(p);
            }
            if (size > bestSize) {
                best = e.getKey();
                bestSize = size;
            }
        }
        if (best < 0) {
            throw new IOException(folder + ": holds no title VOBs (VTS_nn_1.VOB, …); is it an empty or menu-only VIDEO_TS folder?");
        }
        TreeMap<Integer, Path> parts = titleSets.get(best);
        List<String> missing = new ArrayList<>();
        for (int k = 1; k < parts.lastKey(); k++) {
            if (!parts.containsKey(k)) {
                missing.add(String.format(Locale.ROOT, "VTS_%02d_%d.VOB", best, k));
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(folder + ": title set " + best + " lacks " + String.join(", ", missing) + " (it has parts "
                    + parts.keySet() + "); copy the complete VIDEO_TS folder");
        }
        return List.copyOf(parts.values());
    }
}
