package org.emulsion.pipeline.report.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.RunFolder;
import org.emulsion.pipeline.RunFolder.Layer;
import org.emulsion.pipeline.RunFolder.Picture;
import org.emulsion.pipeline.report.SourceColours;

/**
 * The pictures of the report, made from the run folder's frames as 8-bit JPEGs under
 * {@value #DIR}/ (the one place their names are made): a thumbnail per frame and view, and for the
 * strip a large preview the thumbnail links to (full size up to {@value #LARGE_WIDTH} pixels wide). Where a view has no picture, the reason
 * {@link RunFolder} gives is shown instead.
 */
public final class Previews {
    /** The report's own pictures, inside the run folder. */
    public static final String DIR = "report-files";
    /** Width of a thumbnail in pixels (shown at about half that: sharp on high-density screens). */
    static final int THUMBNAIL_WIDTH = 480;
    /**
     * Widest large preview: about what a screen shows at once. An archive-size frame (4400 pixels)
     * as an 8-bit JPEG is no closer look at grain than this, and the frames themselves are in the run folder.
     */
    static final int LARGE_WIDTH = 2048;
    /** Grey that shows where the registered reference does not cover the scan. */
    private static final float UNCOVERED = 0.35f;
    /** How strongly damage is tinted red over the scan. */
    private static final float TINT = 0.6f;

    /** What the report can show of a frame, each from one or two {@link Layer}s. */
    public enum View {
        SCAN("scan", Layer.SCAN), BASELINE("baseline", Layer.BASELINE), RESULT("result", Layer.RESULT),
        REFERENCE("reference", Layer.ALIGNED_REFERENCE),
        /** The scan with the damage found tinted red. */
        DAMAGE("damage", Layer.DAMAGE_MASK),
        /** Each pixel in the colour of the print it came from. */
        SOURCES("sources", Layer.SOURCE_MAP),
        CONFIDENCE("confidence", Layer.CONFIDENCE_MAP);

        final String folder;
        final Layer layer;

        View(String folder, Layer layer) {
            this.folder = folder;
            this.layer = layer;
        }
    }

    /**
     * A view of a frame as the page links it: paths relative to the run folder, or a note.
     *
     * @param thumbnail the thumbnail, or null when there is no picture
     * @param full      the full-size preview, or null when none was asked for or there is no picture
     * @param note      why there is no picture, or a remark on the one there is (e.g. an alignment not used); may be null
     */
    public record Shown(String thumbnail, String full, String note) {
        public boolean present() {
            return thumbnail != null;
        }
    }

    private final Path folder;
    private final RunFolder run;
    private final String runProblem;
    /** Colours of the source map's values (the prints' map values in report order). */
    private static final float[] INFERRED = SourceColours.of(-1);
    private final Map<Integer, float[]> sourceColours = new HashMap<>();
    private final Map<String, Shown> made = new HashMap<>();

    /**
     * @param run        the run folder opened, or null when its records cannot be read
     * @param runProblem why {@code run} is null
     * @param sourceValues the source map's pixel value of each print, in the order the page lists them
     */
    public Previews(Path folder, RunFolder run, String runProblem, List<Integer> sourceValues) {
        this.folder = folder;
        this.run = run;
        this.runProblem = runProblem;
        for (int i = 0; i < sourceValues.size(); i++) {
            sourceColours.put(sourceValues.get(i), SourceColours.of(i));
        }
    }

    /** The colour the {@code order}-th print's pixels have on the source maps, as CSS; inferred pixels' for -1. */
    public static String sourceColour(int order) {
        float[] c = SourceColours.of(order);
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", Math.round(255 * c[0]), Math.round(255 * c[1]), Math.round(255 * c[2]));
    }

    /**
     * The thumbnail (and, when {@code full}, the full-size preview) of {@code view} of frame
     * {@code index}, written once per page.
     */
    public Shown show(int index, String frameName, View view, boolean full) throws IOException {
        String key = index + "/" + view + "/" + full;
        Shown shown = made.get(key);
        if (shown == null) {
            shown = make(index, frameName, view, full);
            made.put(key, shown);
        }
        return shown;
    }

    private Shown make(int index, String frameName, View view, boolean full) throws IOException {
        if (run == null) {
            return new Shown(null, null, runProblem);
        }
        // pictures and continuous maps (damage too: a reduced mask is the share of damage, tinted as such) are read
        // at the size shown (an archive-size frame is then converted at 2K, its registered reference warped straight
        // into that grid); label maps are coloured at their own size first, as averaged labels mean nothing
        int width = view == View.SOURCES ? Integer.MAX_VALUE : full ? LARGE_WIDTH : THUMBNAIL_WIDTH;
        Picture picture = run.read(index, view.layer, width);
        if (!picture.present()) {
            return new Shown(null, null, picture.note());
        }
        Image large = displayable(index, view, picture.image(), width);
        String stem = stem(frameName);
        String thumbnail = DIR + "/" + view.folder + "/" + stem + ".jpg";
        write(thumbnail, OpenCv.atMostWide(large, THUMBNAIL_WIDTH));
        String fullSize = null;
        if (full) {
            fullSize = DIR + "/" + view.folder + "/full/" + stem + ".jpg";
            write(fullSize, OpenCv.atMostWide(large, LARGE_WIDTH));
        }
        return new Shown(thumbnail, fullSize, picture.note());
    }

    /**
     * The thumbnail of a picture outside the run (an artwork file: the colour evidence), in sRGB, under
     * {@value #DIR}/{@code folderName}/, written once per page; a note instead when the file cannot be
     * read (moved since the run, unreadable).
     */
    public Shown show(Path file, String folderName) throws IOException {
        String key = folderName + "/" + file;
        Shown shown = made.get(key);
        if (shown == null) {
            shown = thumbnailOf(file, folderName);
            made.put(key, shown);
        }
        return shown;
    }

    private Shown thumbnailOf(Path file, String folderName) throws IOException {
        Image image;
        try {
            image = ImageFiles.readSrgb(file);
        } catch (IOException e) {
            return new Shown(null, null, e.getMessage());
        }
        String thumbnail = DIR + "/" + folderName + "/" + stem(file.getFileName().toString()) + ".jpg";
        write(thumbnail, OpenCv.atMostWide(image, THUMBNAIL_WIDTH));
        return new Shown(thumbnail, null, null);
    }

    private void write(String relative, Image image) throws IOException {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        ImageFiles.write(file, image, 8);
    }

    /** The picture as 8-bit RGB can show it: uncovered areas grey, maps in colour. */
    private Image displayable(int index, View view, Image image, int width) throws IOException {
        return switch (view) {
            case DAMAGE -> damage(index, image, width);
            case SOURCES -> sources(image);
            default -> rgb(image);
        };
    }

    /** The scan read {@code width} wide, as the mask was, tinted by it. */
    private Image damage(int index, Image mask, int width) throws IOException {
        Picture scan = run.read(index, Layer.SCAN, width);
        if (!scan.present() || scan.image().width() != mask.width() || scan.image().height() != mask.height()) {
            return rgb(mask);
        }
        Image out = rgb(scan.image());
        float[] d = out.data();
        float[] m = mask.data();
        int c = mask.channels();
        for (int p = 0; p < d.length / 3; p++) {
            float a = TINT * Math.max(0, Math.min(1, m[p * c]));
            d[3 * p] = d[3 * p] * (1 - a) + a;
            d[3 * p + 1] *= 1 - a;
            d[3 * p + 2] *= 1 - a;
        }
        return out;
    }

    private Image sources(Image map) {
        Image out = Image.blank(map.width(), map.height(), 3);
        float[] d = out.data();
        float[] m = map.data();
        int c = map.channels();
        for (int p = 0; p < d.length / 3; p++) {
            float[] colour = sourceColours.getOrDefault(Math.round(255 * m[p * c]), INFERRED);
            System.arraycopy(colour, 0, d, 3 * p, 3);
        }
        return out;
    }

    /** RGB with NaN (not covered) as grey and values clipped to [0, 1]; grey maps repeated in three channels. */
    private static Image rgb(Image image) {
        Image out = Colour.rgb(image);
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Float.isNaN(d[i]) ? UNCOVERED : Math.max(0, Math.min(1, d[i]));
        }
        return out;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
