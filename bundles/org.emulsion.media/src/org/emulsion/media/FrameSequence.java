package org.emulsion.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The numbered frames of one folder, e.g. {@code reel1_000009.dpx … reel1_000010.dpx}, ordered by
 * frame number (the digits before the extension), not by name, with the numbers missing between
 * the first and the last frame. A folder that mixes name prefixes or file types is refused, since
 * it most likely holds two sequences.
 *
 * @param folder the folder
 * @param files  the frames in frame-number order
 * @param digits width of the frame numbers as written (for messages: {@code 000123})
 * @param gaps   runs of missing frame numbers, in order; empty when the numbering is complete
 */
public record FrameSequence(Path folder, List<Path> files, int digits, List<FrameSequence.Gap> gaps) {

    /** File types {@link ImageFiles#read(Path)} decodes, lower case, without the dot. */
    public static final Set<String> EXTENSIONS = Set.of("tif", "tiff", "png", "dpx", "exr");

    private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d{1,18})");
    private static final int NAMES_SHOWN = 3;

    /** Frames {@code first} to {@code last} (inclusive) are missing. */
    public record Gap(long first, long last) {
        public long count() {
            return last - first + 1;
        }
    }

    public FrameSequence {
        files = List.copyOf(files);
        gaps = List.copyOf(gaps);
    }

    /** Number of missing frames. */
    public long missingCount() {
        return gaps.stream().mapToLong(Gap::count).sum();
    }

    /**
     * One line for a warning or a report, e.g. {@code frames 000123–000125, 000200 missing (4
     * frames)}; empty when nothing is missing.
     */
    public String gapSummary() {
        if (gaps.isEmpty()) {
            return "";
        }
        String runs = gaps.stream().map(g -> g.count() == 1 ? number(g.first()) : number(g.first()) + "\u2013" + number(g.last()))
                .collect(Collectors.joining(", "));
        long missing = missingCount();
        return (missing == 1 ? "frame " : "frames ") + runs + " missing (" + missing + " of "
                + (files.size() + missing) + ")";
    }

    private String number(long n) {
        return String.format(Locale.ROOT, "%0" + digits + "d", n);
    }

    /** Scans {@code folder} for frames of the types in {@link #EXTENSIONS}; see {@link #scan(Path, Set)}. */
    public static FrameSequence scan(Path folder) throws IOException {
        return scan(folder, EXTENSIONS);
    }

    /**
     * Scans {@code folder} for frames whose extension is in {@code extensions} (lower case,
     * without the dot); hidden files are ignored. An empty folder gives an empty sequence.
     *
     * @throws IOException naming the files when the folder mixes prefixes or file types, or two
     *                     files carry the same frame number
     */
    public static FrameSequence scan(Path folder, Set<String> extensions) throws IOException {
        List<Path> candidates;
        try (Stream<Path> list = Files.list(folder)) {
            candidates = list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> extensions.contains(extension(p))).filter(Files::isRegularFile)
                    .sorted().toList();
        }
        if (candidates.isEmpty()) {
            return new FrameSequence(folder, List.of(), 0, List.of());
        }
        refuseMixed(folder, candidates, FrameSequence::extension, "file types", "keep one format per folder");
        refuseMixed(folder, candidates, FrameSequence::prefix, "name prefixes",
                "keep one sequence per folder (numbered like reel1_000123)");

        TreeMap<Long, Path> byNumber = new TreeMap<>();
        int digits = Integer.MAX_VALUE;
        for (Path file : candidates) {
            Matcher m = NUMBERED.matcher(base(file));
            if (!m.matches()) {
                if (candidates.size() == 1) {
                    return new FrameSequence(folder, candidates, 0, List.of()); // a single still
                }
                throw new IOException(file + ": has no frame number (digits before the extension) but "
                        + folder + " holds other frames; number it or move it out of the folder");
            }
            digits = Math.min(digits, m.group(2).length());
            Path clash = byNumber.put(Long.parseLong(m.group(2)), file);
            if (clash != null) {
                throw new IOException(folder + ": " + clash.getFileName() + " and " + file.getFileName()
                        + " carry the same frame number; remove or renumber one of them");
            }
        }
        List<Gap> gaps = new ArrayList<>();
        OptionalLong previous = OptionalLong.empty();
        for (long n : byNumber.keySet()) {
            if (previous.isPresent() && n > previous.getAsLong() + 1) {
                gaps.add(new Gap(previous.getAsLong() + 1, n - 1));
            }
            previous = OptionalLong.of(n);
        }
        return new FrameSequence(folder, new ArrayList<>(byNumber.values()), digits, gaps);
    }

    private static void refuseMixed(Path folder, List<Path> files, java.util.function.Function<Path, String> key,
            String what, String advice) throws IOException {
        Map<String, List<Path>> groups = files.stream()
                .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
        if (groups.size() > 1) {
            String listing = groups.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> "'" + e.getKey() + "': " + e.getValue().stream().limit(NAMES_SHOWN)
                            .map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                            + (e.getValue().size() > NAMES_SHOWN ? ", ... (" + e.getValue().size() + " files)" : ""))
                    .collect(Collectors.joining("; "));
            throw new IOException(folder + ": mixes " + what + " (" + listing + "); " + advice);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String base(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String prefix(Path file) {
        Matcher m = NUMBERED.matcher(base(file));
        return m.matches() ? m.group(1) : base(file);
    }

}
