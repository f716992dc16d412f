package org.emulsion.pipeline.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.AlignerRegistry;
import org.emulsion.engine.extensions.ArchitectureContribution;
import org.emulsion.core.extensions.CompositorRegistry;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationTargetRegistry;
import org.emulsion.pipeline.Granularity;
import org.emulsion.pipeline.LumaMode;
import org.emulsion.pipeline.OutputFormat;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanParameters.Degradation;
import org.emulsion.simulator.ScanSimulator;
import org.emulsion.simulator.Truth;

/**
 * Small simulated material written to disk as a restorer would have it: a faded, grainy,
 * flickering, dusty scan (frames {@code scan_NNNN.tif}) and a clean reference of the same frames
 * ({@code ref_NNNN.tif}), from the simulator's {@link Truth}.
 */
final class Film {
    static final int WIDTH = 256;
    static final int HEIGHT = 160;

    /** Changes one frame of the material (the scan's or the reference's) before it is written. */
    @FunctionalInterface
    interface Edit {
        Image apply(int frame, Image image);
    }

    static final Edit NONE = (f, image) -> image;

    final Truth truth;
    final Path scan;
    final Path reference;

    private Film(Truth truth, Path scan, Path reference) {
        this.truth = truth;
        this.scan = scan;
        this.reference = reference;
    }

    /** A scan with fade, grain, strong flicker and dust; weave and the rarer damages off. */
    static ScanParameters scanParameters() {
        ScanParameters d = ScanParameters.defaults();
        return d.withEnabled(EnumSet.of(Degradation.FADE, Degradation.GRAIN, Degradation.FLICKER, Degradation.DUST))
                .withFlicker(new ScanParameters.Flicker(0.08)).withDust(new ScanParameters.Dust(20, 0.35, 0.02));
    }

    static Film make(Path dir, int frames, int shots, long seed, Edit scanEdit, Edit referenceEdit) throws IOException {
        Truth truth = Truth.create(new Truth.Spec(WIDTH, HEIGHT, frames, shots, seed));
        ScanSimulator simulator = new ScanSimulator(scanParameters().withSeed(seed));
        Path scan = Files.createDirectories(dir.resolve("scan"));
        Path reference = Files.createDirectories(dir.resolve("reference"));
        for (int f = 0; f < frames; f++) {
            Image clean = truth.frame(f);
            ImageFiles.writeTiff16(scan.resolve(String.format("scan_%04d.tif", f)),
                    scanEdit.apply(f, simulator.render(clean, f, 0).scan()));
            ImageFiles.writeTiff16(reference.resolve(String.format("ref_%04d.tif", f)), referenceEdit.apply(f, clean));
        }
        return new Film(truth, scan, reference);
    }

    static FrameSource open(Path folder) throws IOException {
        return ReferenceSourceRegistry.get().get("org.emulsion.media.imageSequence").instance().open(folder);
    }

    static Aligner aligner() {
        return AlignerRegistry.get().get("org.emulsion.align.featureEcc").instance();
    }

    /** Few steps, no time limit: the same result under any load. */
    static TrainingSettings training(int steps) {
        ArchitectureContribution architecture = architecture();
        return new TrainingSettings(32, 4, steps, Duration.ofHours(1), 2e-3f, architecture.defaultPreset(), 3);
    }

    static ArchitectureContribution architecture() {
        return ModelArchitectureRegistry.get().get("org.emulsion.models.chromaNet");
    }

    static RestorationJob job(FrameSource scan, Path scanDir, FrameSource reference, Path referenceDir, Path out, Aligner aligner,
            TrainingSettings training, Granularity granularity) throws EmulsionException {
        return job(scan, scanDir, reference, referenceDir, out, aligner, training, granularity, LumaMode.KEEP);
    }

    static RestorationJob job(FrameSource scan, Path scanDir, FrameSource reference, Path referenceDir, Path out, Aligner aligner,
            TrainingSettings training, Granularity granularity, LumaMode luma) throws EmulsionException {
        RestorationJob.Reference ref = new RestorationJob.Reference("colour reference", reference, referenceDir,
                TemporalMatch.known(IntStream.range(0, scan.frameCount()).toArray(), "made frame for frame"), aligner);
        return new RestorationJob("test", scan, scanDir, List.of(ref), null, out, RestorationTargetRegistry.get().get("chroma"),
                architecture(), CompositorRegistry.get().get("org.emulsion.compose.chromaMerge").instance(), training, 1, null,
                granularity, OutputFormat.TIFF, null, luma);
    }

    /** A black frame, as a DVD's lead-in or a fade has. */
    static Image black(Image image) {
        return Image.blank(image.width(), image.height(), image.channels());
    }

    /** A broadcaster's logo burnt into the top right corner. */
    static Image logo(Image image) {
        try (Mat m = OpenCv.toMat(image)) {
            opencv_imgproc.rectangle(m, new Point(WIDTH - 60, 8), new Point(WIDTH - 12, 36), new Scalar(1, 1, 1, 0), -1,
                    opencv_imgproc.LINE_8, 0);
            opencv_imgproc.putText(m, "TV", new Point(WIDTH - 52, 31), opencv_imgproc.FONT_HERSHEY_SIMPLEX, 0.8,
                    new Scalar(0, 0, 0.6, 0), 1, opencv_imgproc.LINE_AA, false);
            return OpenCv.toImage(m);
        }
    }

    /** A subtitle burnt in at the bottom: white letters outlined in black. */
    static Image subtitle(Image image) {
        try (Mat m = OpenCv.toMat(image)) {
            Point at = new Point(40, HEIGHT - 12);
            opencv_imgproc.putText(m, "Where is he?", at, opencv_imgproc.FONT_HERSHEY_SIMPLEX, 0.7, new Scalar(0, 0, 0, 0), 4,
                    opencv_imgproc.LINE_AA, false);
            opencv_imgproc.putText(m, "Where is he?", at, opencv_imgproc.FONT_HERSHEY_SIMPLEX, 0.7, new Scalar(1, 1, 1, 0), 2,
                    opencv_imgproc.LINE_AA, false);
            return OpenCv.toImage(m);
        }
    }

    /** Multiplies each channel: a colour cast. */
    static Image cast(Image image, double r, double g, double b) {
        float[] d = image.data().clone();
        double[] gain = {r, g, b};
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.min(1, d[i] * gain[i % 3]);
        }
        return new Image(image.width(), image.height(), 3, d);
    }

    /** The real aligner, counting how often it is asked to align (not to warp). */
    static final class CountingAligner implements Aligner {
        private final Aligner real;
        int alignments;

        CountingAligner(Aligner real) {
            this.real = real;
        }

        @Override
        public SpatialAlignment align(Image reference, Image scan) {
            alignments++;
            return real.align(reference, scan);
        }

        @Override
        public SpatialAlignment refine(Image reference, Image scan, SpatialAlignment initial) {
            alignments++;
            return real.refine(reference, scan, initial);
        }

        @Override
        public int workingWidth(int referenceWidth, int referenceHeight, int scanWidth, int scanHeight) {
            return real.workingWidth(referenceWidth, referenceHeight, scanWidth, scanHeight);
        }

        @Override
        public Image warp(Image reference, SpatialAlignment alignment, int width, int height) {
            return real.warp(reference, alignment, width, height);
        }
    }

    static List<Integer> starts(List<org.emulsion.pipeline.internal.FrameRange> ranges) {
        return ranges.stream().map(org.emulsion.pipeline.internal.FrameRange::first).toList();
    }
}
