package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.pipeline.AlignmentReport;
import org.emulsion.pipeline.SequenceAligner;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.AlignerRegistry;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalAlignerRegistry;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;
import org.emulsion.media.ImageFiles;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.ReferenceResult;
import org.emulsion.simulator.ScanFrame;
import org.emulsion.simulator.ScanSimulator;
import org.emulsion.simulator.TelecineResult;
import org.emulsion.simulator.Truth;

/**
 * Runs one alignment case: simulates the scan and the reference, matches them with the temporal
 * aligner, aligns every matched pair globally (per shot + per frame) and with the DIS residual,
 * writes the alignment report, and scores everything against the simulator's truth.
 * <p>
 * Spatial error: a grid of scan pixels is mapped to the reference through the truth (the scan's
 * gate weave undone, then the reference's geometry) and through the estimate; the distance is
 * measured in scan pixels as {@code |H(truth reference point) − (p + flow(p))|}.
 */
public final class AlignCaseRunner {
    public static final String TEMPORAL_ALIGNER = "org.emulsion.align.structureDp";
    public static final String GLOBAL_ALIGNER = "org.emulsion.align.featureEcc";
    public static final String LOCAL_ALIGNER = "org.emulsion.align.disFlow";
    /** Inverse telecine as a reference source: frame k is the k-th distinct film frame in field order. */
    public static final String TELECINE_SOURCE = "org.emulsion.media.telecine";
    private static final int GRID_X = 24;
    private static final int GRID_Y = 14;
    /** Reference pixels this close to the active area's edge are not scored (interpolation there mixes in the bars). */
    private static final int EDGE = 3;
    private static final int DIFFERENCE_SAMPLES = 4;
    /** A decision taken with at least this temporal confidence is "sure"; a wrong one is what misleads a restorer. */
    public static final double SURE = 0.9;

    private AlignCaseRunner() {
    }

    public static AlignCaseResult run(AlignCase spec, Path dir, IProgressMonitor monitor) throws EmulsionException {
        long start = System.nanoTime();
        String sourceId = switch (spec.reference()) {
            case PRINT -> "org.emulsion.media.imageSequence";
            case DVD -> "org.emulsion.media.videoFile";
            case TELECINE -> TELECINE_SOURCE;
        };
        if (ReferenceSourceRegistry.get().find(sourceId).isEmpty()) {
            return new AlignCaseResult(spec.name(), spec.description(), "reference source " + sourceId + " not installed",
                    Map.of(), 0);
        }
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        try (Truth truth = Truth.create(spec.truth())) {
            progress.subTask("simulating the scan");
            ScanSimulator simulator = new ScanSimulator(spec.scan());
            List<Integer> scanToTruth = writeScan(spec, truth, simulator, Files.createDirectories(dir.resolve("scan")));
            progress.worked(10);
            progress.subTask("simulating the reference");
            ReferenceResult reference = CaseRunner.renderReference(spec.reference(), spec.dvd(), truth, spec.truth().seed(),
                    Files.createDirectories(dir.resolve("reference")));
            List<Integer> referenceToTruth = reference instanceof TelecineResult t ? filmFrames(t.fieldMap()) : reference.frameMap();
            progress.worked(10);
            try (FrameSource scan = open("org.emulsion.media.imageSequence", dir.resolve("scan"));
                    FrameSource ref = open(sourceId, reference.location())) {
                progress.subTask("temporal alignment");
                TemporalMatch match = TemporalAlignerRegistry.get().get(TEMPORAL_ALIGNER).instance().match(scan, ref, progress.split(30));
                progress.subTask("global alignment");
                List<SequenceAligner.Frame> global = SequenceAligner.align(scan, ref, match,
                        AlignerRegistry.get().get(GLOBAL_ALIGNER).instance(), progress.split(20));
                progress.subTask("global + local alignment");
                Aligner local = AlignerRegistry.get().get(LOCAL_ALIGNER).instance();
                List<SequenceAligner.Frame> flowed = SequenceAligner.align(scan, ref, match, local, progress.split(20));
                AlignmentReport.write(dir.resolve("report"), scan, ref, match, flowed, local, DIFFERENCE_SAMPLES);
                progress.worked(10);
                Map<String, Double> metrics = score(simulator, reference, scanToTruth, referenceToTruth, match, global, flowed,
                        spec.truth().width(), spec.truth().height()); // the scan has the truth's size
                return new AlignCaseResult(spec.name(), spec.description(), null, metrics, (System.nanoTime() - start) / 1e9);
            }
        } catch (IOException e) {
            throw new EmulsionException("alignment case " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Writes the scan's frames (frames lost at splices are absent, as on a real scan); returns each frame's truth frame. */
    private static List<Integer> writeScan(AlignCase spec, Truth truth, ScanSimulator simulator, Path dir) throws IOException {
        List<Integer> scanToTruth = new ArrayList<>();
        for (int f = 0; f < truth.frameCount(); f++) {
            ScanFrame frame = simulator.render(truth.frame(f), f, 0);
            if (!frame.missing()) {
                ImageFiles.writeTiff16(dir.resolve(String.format(Locale.ROOT, "%s_%06d.tif", spec.name().replace('-', '_'), f)),
                        frame.scan());
                scanToTruth.add(f);
            }
        }
        return scanToTruth;
    }


    /** The film frames of a telecine in field order, each once: what inverse telecine yields frame by frame. */
    public static List<Integer> filmFrames(List<Integer> fieldMap) {
        return List.copyOf(new LinkedHashSet<>(fieldMap.stream().filter(t -> t != ReferenceResult.NONE).toList()));
    }

    private static FrameSource open(String sourceId, Path location) throws EmulsionException {
        try {
            return ReferenceSourceRegistry.get().get(sourceId).instance().open(location);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }

    private static Map<String, Double> score(ScanSimulator simulator, ReferenceResult reference, List<Integer> scanToTruth,
            List<Integer> referenceToTruth, TemporalMatch match, List<SequenceAligner.Frame> global,
            List<SequenceAligner.Frame> flowed, int width, int height) {
        int withCounterpart = 0;
        int exact = 0;
        int without = 0;
        int none = 0;
        int rejected = 0;
        int sureWrong = 0;
        double[] globalSum = new double[4]; // squared error, points, x error, y error
        double[] localSum = new double[4];
        for (int i = 0; i < scanToTruth.size(); i++) {
            int t = scanToTruth.get(i);
            int found = match.referenceFor(i);
            boolean hasCounterpart = referenceToTruth.contains(t);
            boolean right = hasCounterpart ? found != TemporalMatch.NONE && referenceToTruth.get(found) == t : found == TemporalMatch.NONE;
            sureWrong += !right && match.confidenceOf(i) >= SURE ? 1 : 0;
            if (!hasCounterpart) {
                without++;
                none += found == TemporalMatch.NONE ? 1 : 0;
                continue;
            }
            withCounterpart++;
            if (!right) {
                continue;
            }
            exact++;
            if (!flowed.get(i).usable() || !global.get(i).usable()) {
                rejected++;
                continue;
            }
            gridError(simulator, t, reference.geometry(found), global.get(i).alignment(), width, height, globalSum);
            gridError(simulator, t, reference.geometry(found), flowed.get(i).alignment(), width, height, localSum);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("scanFrames", (double) scanToTruth.size());
        m.put("framesWithCounterpart", (double) withCounterpart);
        m.put("temporalExactPercent", withCounterpart == 0 ? Double.NaN : 100.0 * exact / withCounterpart);
        m.put("framesWithoutCounterpart", (double) without);
        m.put("nonePercent", without == 0 ? Double.NaN : 100.0 * none / without);
        m.put("falseMatchPercent", without == 0 ? Double.NaN : 100.0 * (without - none) / without);
        m.put("confidentlyWrong", (double) sureWrong);
        m.put("rejected", (double) rejected);
        m.put("rmsGlobalPx", Math.sqrt(globalSum[0] / globalSum[1]));
        m.put("rmsLocalPx", Math.sqrt(localSum[0] / localSum[1]));
        m.put("msGlobalMedian", median(global));
        m.put("msLocalMedian", median(flowed));
        m.put("gridPoints", localSum[1]);
        // A bias common to all frames points at a convention mismatch (pixel centres, field order) rather than noise.
        m.put("biasGlobalXPx", globalSum[2] / globalSum[1]);
        m.put("biasGlobalYPx", globalSum[3] / globalSum[1]);
        return m;
    }

    /** Adds the squared errors and the count of a grid of scan points to {@code sum}. */
    private static void gridError(ScanSimulator simulator, int truthFrame, ReferenceGeometry geometry, SpatialAlignment alignment,
            int width, int height, double[] sum) {
        ScanSimulator.Offset weave = simulator.weave(truthFrame);
        double theta = Math.toRadians(weave.degrees());
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        for (int gy = 0; gy < GRID_Y; gy++) {
            for (int gx = 0; gx < GRID_X; gx++) {
                int x = (int) Math.round((gx + 0.5) * width / GRID_X);
                int y = (int) Math.round((gy + 0.5) * height / GRID_Y);
                // Undo the gate weave: film point = R(-θ)(scan point - centre - d) + centre.
                double qx = x - cx - weave.dx();
                double qy = y - cy - weave.dy();
                double tx = cos * qx + sin * qy + cx;
                double ty = -sin * qx + cos * qy + cy;
                double rx = geometry.referenceX(tx);
                double ry = geometry.referenceY(ty);
                if (rx < geometry.activeX() + EDGE || ry < geometry.activeY() + EDGE
                        || rx > geometry.activeX() + geometry.activeWidth() - 1 - EDGE
                        || ry > geometry.activeY() + geometry.activeHeight() - 1 - EDGE) {
                    continue;
                }
                double[] mapped = alignment.apply(rx, ry);
                double[] shown = alignment.flowed(x, y);
                double dx = mapped[0] - shown[0];
                double dy = mapped[1] - shown[1];
                sum[0] += dx * dx + dy * dy;
                sum[1]++;
                sum[2] += dx;
                sum[3] += dy;
            }
        }
    }

    private static double median(List<SequenceAligner.Frame> frames) {
        double[] ms = frames.stream().filter(f -> f.alignment() != null).mapToDouble(SequenceAligner.Frame::millis).sorted().toArray();
        return ms.length == 0 ? Double.NaN : ms[ms.length / 2];
    }
}
