package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.emulsion.core.JsonFiles;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.internal.Warps;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * What a restorer checks after alignment: {@code alignment.json} (per scan frame: reference frame
 * or none, temporal confidence, transform, spatial confidence, rejected and why) and, for a sample
 * of aligned frames, difference images in {@code differences/} (at most 2048 pixels wide): the absolute difference of the
 * scan's and the warped reference's luma, each normalised to zero mean and unit deviation over
 * the covered area (so grade and fading do not show, misregistration does as doubled edges),
 * black where the reference does not cover the scan.
 */
public final class AlignmentReport {
    public static final String JSON = "alignment.json";
    public static final String DIFFERENCES = "differences";
    /** Normalised luma difference shown as white. */
    private static final float DIFFERENCE_RANGE = 4;
    /** Widest difference image: about what a screen shows at once, and no registered reference has finer detail to misregister. */
    public static final int DIFFERENCE_WIDTH = 2048;

    private AlignmentReport() {
    }

    /**
     * Writes the report into {@code dir} (created if needed), reading the sampled frames again for
     * their difference images; a pass over the sequence draws them while it has the frames instead
     * ({@link Differences}).
     *
     * @param samples how many aligned frames get a difference image (evenly spread)
     * @return the JSON file
     */
    public static Path write(Path dir, FrameSource scan, FrameSource reference, TemporalMatch match,
            List<SequenceAligner.Frame> frames, Aligner aligner, int samples) throws IOException {
        return write(dir, scan, reference, match, frames, new Differences(dir, scan, match, aligner, samples));
    }

    /**
     * Writes the report into {@code dir}, with the difference images {@code differences} drew during
     * a pass; frames it still lacks (no pass, or too few usable frames after the last marks) are read
     * and drawn now.
     */
    public static Path write(Path dir, FrameSource scan, FrameSource reference, TemporalMatch match,
            List<SequenceAligner.Frame> frames, Differences differences) throws IOException {
        Files.createDirectories(dir);
        differences.complete(frames, reference);
        JsonObject root = new JsonObject();
        root.addProperty("temporalMethod", match.method());
        root.addProperty("scanFrames", frames.size());
        root.addProperty("matched", frames.stream().filter(f -> f.referenceFrame() != TemporalMatch.NONE).count());
        root.addProperty("aligned", frames.stream().filter(SequenceAligner.Frame::usable).count());
        root.addProperty("rejected", frames.stream().filter(f -> f.alignment() != null && f.alignment().isRejected()).count());
        JsonArray list = new JsonArray();
        for (SequenceAligner.Frame f : frames) {
            JsonObject o = new JsonObject();
            o.addProperty("scanFrame", f.scanFrame());
            o.addProperty("scanName", scan.frameName(f.scanFrame()));
            if (f.referenceFrame() == TemporalMatch.NONE) {
                o.add("referenceFrame", null);
            } else {
                o.addProperty("referenceFrame", f.referenceFrame());
                o.addProperty("referenceName", reference.frameName(f.referenceFrame()));
            }
            o.addProperty("temporalConfidence", f.temporalConfidence());
            SpatialAlignment a = f.alignment();
            if (a != null) {
                JsonArray h = new JsonArray();
                for (double v : a.homography()) {
                    h.add(v);
                }
                o.add("transform", h);
                o.addProperty("localFlow", a.flow() != null);
                o.addProperty("spatialConfidence", a.confidence());
                o.addProperty("method", a.method());
                o.addProperty("rejected", a.isRejected());
                if (a.isRejected()) {
                    o.addProperty("why", a.rejection());
                }
                o.addProperty("milliseconds", f.millis());
            }
            String image = differences.drawn.get(f.scanFrame());
            if (image != null) {
                o.addProperty("differenceImage", image);
            }
            list.add(o);
        }
        root.add("frames", list);
        Path json = dir.resolve(JSON);
        JsonFiles.write(json, root);
        return json;
    }

    /**
     * The report's difference images, drawn as a pass over the sequence sees each aligned pair
     * (a {@link SequenceAligner.PairVisitor}), so no frame is read twice for them: of the frames the
     * temporal match gives a reference frame, the first usable one at or after each of
     * {@code samples} evenly spaced marks, the reference warped into the image's reduced grid
     * ({@link Warps#atMostWide}).
     */
    public static final class Differences implements SequenceAligner.PairVisitor {
        private final Path dir;
        private final FrameSource scan;
        private final Aligner aligner;
        private final int samples;
        /** The scan frames the temporal match gives a reference frame, in order. */
        private final int[] matched;
        private final Map<Integer, String> drawn = new HashMap<>();

        public Differences(Path dir, FrameSource scan, TemporalMatch match, Aligner aligner, int samples) {
            this.dir = dir;
            this.scan = scan;
            this.aligner = aligner;
            this.samples = samples;
            this.matched = IntStream.range(0, match.scanFrames()).filter(i -> match.referenceFor(i) != TemporalMatch.NONE).toArray();
        }

        /** Whether {@code frame} is the next sample. */
        private boolean wants(SequenceAligner.Frame frame) {
            int position = Arrays.binarySearch(matched, frame.scanFrame());
            return frame.usable() && drawn.size() < samples && !drawn.containsKey(frame.scanFrame())
                    && position >= (int) ((drawn.size() + 0.5) * matched.length / samples);
        }

        @Override
        public void aligned(SequenceAligner.Frame frame, SequenceAligner.ScanView scanFrame, Image reference) throws IOException {
            if (wants(frame)) {
                draw(frame, scanFrame, reference);
            }
        }

        /**
         * Draws the samples a pass did not: first those the marks want, then, while usable frames are
         * left undrawn, the latest of them (when the scan's end has no usable frame), in order.
         */
        void complete(List<SequenceAligner.Frame> frames, FrameSource reference) throws IOException {
            List<SequenceAligner.Frame> undrawn = new ArrayList<>();
            for (SequenceAligner.Frame f : frames) {
                if (wants(f)) {
                    draw(f, view(f.scanFrame()), reference.read(f.referenceFrame()));
                } else if (f.usable() && !drawn.containsKey(f.scanFrame())) {
                    undrawn.add(f);
                }
            }
            // the latest ones, read in order (a video reference seeks back for every frame read backwards)
            int wanted = Math.max(0, samples - drawn.size());
            for (SequenceAligner.Frame f : undrawn.subList(Math.max(0, undrawn.size() - wanted), undrawn.size())) {
                draw(f, view(f.scanFrame()), reference.read(f.referenceFrame()));
            }
        }

        /** Scan frame {@code index} as {@link #draw} needs it. */
        private SequenceAligner.ScanView view(int index) throws IOException {
            return new SequenceAligner.ScanView(scan.read(index, DIFFERENCE_WIDTH), scan.info().width(), scan.info().height());
        }

        private void draw(SequenceAligner.Frame frame, SequenceAligner.ScanView scanFrame, Image reference) throws IOException {
            Image small = scanFrame.atMostWide(DIFFERENCE_WIDTH);
            Image shown = new Image(small.width(), small.height(), 1, Colour.luma(small, Float.NaN)); // the luma is what is compared
            Image warped = Warps.atMostWide(aligner, reference, frame.alignment(), scanFrame.width(), scanFrame.height(),
                    DIFFERENCE_WIDTH);
            Path differences = Files.createDirectories(dir.resolve(DIFFERENCES));
            String name = stem(scan.frameName(frame.scanFrame())) + ".png";
            ImageFiles.write(differences.resolve(name), difference(shown, warped), 8); // appears only once complete
            drawn.put(frame.scanFrame(), DIFFERENCES + "/" + name);
        }
    }

    /** |normalised scan luma − normalised warped reference luma| / range, one channel; 0 where uncovered. */
    static Image difference(Image scan, Image warped) {
        float[] a = Colour.luma(scan, Float.NaN);
        float[] b = Colour.luma(warped, Float.NaN); // NaN where uncovered
        double[] na = moments(a, b);
        double[] nb = moments(b, a);
        float[] d = new float[a.length];
        for (int p = 0; p < d.length; p++) {
            if (!Float.isNaN(b[p])) {
                double v = Math.abs((a[p] - na[0]) / na[1] - (b[p] - nb[0]) / nb[1]) / DIFFERENCE_RANGE;
                d[p] = (float) Math.min(1, v);
            }
        }
        return new Image(scan.width(), scan.height(), 1, d);
    }

    /** Mean and deviation of {@code v} where {@code cover} is not NaN. */
    private static double[] moments(float[] v, float[] cover) {
        double s = 0, ss = 0;
        long n = 0;
        for (int p = 0; p < v.length; p++) {
            if (!Float.isNaN(cover[p]) && !Float.isNaN(v[p])) {
                s += v[p];
                ss += (double) v[p] * v[p];
                n++;
            }
        }
        double mean = n == 0 ? 0 : s / n;
        double sd = n == 0 ? 1 : Math.sqrt(Math.max(1e-12, ss / n - mean * mean));
        return new double[] {mean, sd};
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

}
