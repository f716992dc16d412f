package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.JsonFiles;
import org.emulsion.core.extensions.AlignerRegistry;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.engine.extensions.ArchitectureContribution;
import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.extensions.CompositorRegistry;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationTargetRegistry;
import org.emulsion.pipeline.internal.Registered;
import org.emulsion.pipeline.internal.Registration;
import org.emulsion.pipeline.internal.RestorationPipeline;
import org.emulsion.quality.Baselines;
import org.emulsion.quality.ChromaFlicker;
import org.emulsion.quality.ColourBaseline;
import org.emulsion.quality.ColourPair;
import org.emulsion.quality.Planes;
import org.emulsion.quality.SequenceMetrics;
import org.emulsion.simulator.DvdParameters;
import org.emulsion.simulator.DvdRenderer;
import org.emulsion.simulator.PrintParameters;
import org.emulsion.simulator.PrintRenderer;
import org.emulsion.simulator.ReferenceResult;
import org.emulsion.simulator.ScanFrame;
import org.emulsion.simulator.ScanSimulator;
import org.emulsion.simulator.TelecineParameters;
import org.emulsion.simulator.TelecineRenderer;
import org.emulsion.simulator.Truth;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Runs one case: simulates the scan and the reference, registers them with Emulsion's aligner
 * (timing from the simulator's record: the temporal aligner is a later step), fits the
 * baselines on the same registered pairs Emulsion trains on, restores, and scores every method
 * against the truth. Chroma cases keep the scan's luma in every method (Colour blend), so
 * "dE00 chroma" — against the truth's colour on the scan's luma — isolates what colour recovery
 * achieved, while "dE00" against the truth also counts the luma the fade changed.
 */
public final class CaseRunner {
    static final String SCAN_AS_IS = "scan as is";
    static final String EMULSION = "emulsion";
    /**
     * Not a method: the truth's colour on the scan's luma, the best any chroma-mode result can
     * be. Its dE00 (against the truth) is the floor the others are measured above.
     */
    static final String CEILING = "ceiling";
    /**
     * Not a method: the reference's own look (its grade or print tone curve, nothing else) applied
     * to the truth, on the scan's luma. What reproducing the reference's colour exactly would give:
     * every method learns that colour, so it bounds what they can reach against the truth.
     */
    static final String REFERENCE_LOOK = "reference look";
    /**
     * Not a method: the registered reference's own chroma on the scan's luma wherever the reference
     * shows the frame and covers the pixel, the match grade ({@value #CROP_BASELINE}) elsewhere — what a
     * restorer gets with a Colour blend and no model at all.
     */
    static final String PASTED = "pasted reference";
    /** The baseline shown in the side-by-side crops: what a colourist's match grade gives. */
    static final String CROP_BASELINE = "lut33";
    /** The methods whose residual error is broken down by where it is. */
    private static final List<String> ANALYSED = List.of(EMULSION, CROP_BASELINE, PASTED);
    private static final int TRAIN_EVERY = 3;

    private CaseRunner() {
    }

    public static CaseResult run(CaseSpec spec, Path dir, Path html, IProgressMonitor monitor) throws EmulsionException {
        long start = System.nanoTime();
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        try (Truth truth = Truth.create(spec.truth())) {
            progress.subTask("simulating the scan");
            Path scanDir = Files.createDirectories(dir.resolve("scan"));
            Path damageDir = Files.createDirectories(dir.resolve("damage"));
            List<Integer> scanToTruth = simulateScan(spec, truth, scanDir, damageDir, progress.split(10));
            progress.subTask("simulating the reference");
            ReferenceResult reference = simulateReference(spec, truth, Files.createDirectories(dir.resolve("reference")));
            progress.worked(5);

            try (FrameSource scan = open("org.emulsion.media.imageSequence", scanDir);
                    FrameSource ref = open(reference.kind().equals("print") ? "org.emulsion.media.imageSequence"
                            : "org.emulsion.media.videoFile", reference.location())) {
                ArchitectureContribution architecture = ModelArchitectureRegistry.get().get(architectureId(spec.reference()));
                TrainingSettings training = new TrainingSettings(spec.patch(), 8, spec.maxSteps(), Duration.ofSeconds(spec.trainSeconds()),
                        2e-3f, architecture.defaultPreset(), spec.truth().seed());
                RestorationJob.Reference referenceInput = new RestorationJob.Reference("colour reference", ref, reference.location(),
                        frameMap(reference, scanToTruth, ref.frameCount()), AlignerRegistry.get().get("org.emulsion.align.featureEcc").instance(),
                        ReferenceSourceRegistry.get().colourDrifts(declaredSource(spec.reference())));
                RestorationJob job = new RestorationJob("bench-" + spec.name(), scan, scanDir, List.of(referenceInput), null,
                        Files.createDirectories(dir.resolve("emulsion")), RestorationTargetRegistry.get().get("chroma"), architecture,
                        CompositorRegistry.get().get("org.emulsion.compose.chromaMerge").instance(), training, TRAIN_EVERY, null, null,
                        null, null, null);
                progress.subTask("aligning");
                Registration registration = RestorationPipeline.prepare(job, progress.split(10));
                List<ColourBaseline> baselines = fitBaselines(registration);
                progress.subTask("training and restoring");
                var result = RestorationPipeline.restore(job, registration, progress.split(50));
                JsonObject report = JsonFiles.read(result.report());

                progress.subTask("scoring");
                ErrorAnalysis errors = new ErrorAnalysis(ANALYSED, scanToTruth.size());
                Map<String, MethodMetrics> methods = score(truth, scan, ref, scanToTruth, damageDir, registration, baselines,
                        referenceLook(spec.reference()), job, result.outputDirectory().resolve("frames"), errors, progress.split(20));
                Map<String, String> crops = crops(spec, truth, scan, ref, scanToTruth, registration, baselines, job, result.outputDirectory().resolve("frames"), html);
                progress.split(5).done();
                JsonObject parameters = new JsonObject();
                parameters.add("truth", truth.parameters());
                parameters.add("scan", spec.scan().toJson());
                parameters.addProperty("reels", spec.reels());
                parameters.add("reference", reference.toJson());
                parameters.addProperty("timing", "reference frames matched to scan frames from the simulator's record");
                parameters.add("emulsionTraining", report.getAsJsonObject("training"));
                parameters.add("referenceColour", referenceColour(truth, scan, ref, scanToTruth, registration, job));
                return new CaseResult(spec.name(), spec.description(), parameters, methods, lossCurve(report), crops, errors,
                        (System.nanoTime() - start) / 1e9);
            }
        } catch (IOException e) {
            throw new EmulsionException("benchmark case " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Writes the scan's frames (missing frames are absent, as on a real scan) and damage masks. */
    /**
     * The architecture Emulsion restores a case with: the installed workflow's for its kind of reference
     * ({@code dvd-chroma}, {@code telecine-chroma}), the reference-guided chroma network for a print (no
     * workflow takes colour from a print) or where that workflow is not installed.
     */
    static String architectureId(CaseSpec.ReferenceKind kind) {
        String workflow = switch (kind) {
            case DVD -> "dvd-chroma";
            case TELECINE -> "telecine-chroma";
            case PRINT -> "";
        };
        return WorkflowRegistry.get().find(workflow).map(WorkflowContribution::architectureId).orElse(REFERENCE_CHROMA_NET);
    }

    private static final String REFERENCE_CHROMA_NET = "org.emulsion.models.chromaReferenceNet";

    private static List<Integer> simulateScan(CaseSpec spec, Truth truth, Path scanDir, Path damageDir, IProgressMonitor monitor)
            throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, truth.frameCount());
        ScanSimulator simulator = new ScanSimulator(spec.scan());
        List<Integer> scanToTruth = new ArrayList<>();
        for (int f = 0; f < truth.frameCount(); f++) {
            int reel = f * spec.reels() / truth.frameCount();
            ScanFrame frame = simulator.render(truth.frame(f), f, reel);
            if (!frame.missing()) {
                String name = frameName(spec, f);
                ImageFiles.writeTiff16(scanDir.resolve(name + ".tif"), frame.scan());
                ImageFiles.write(damageDir.resolve(name + ".png"), frame.damageMask(), 8);
                scanToTruth.add(f);
            }
            progress.split(1).done();
        }
        return scanToTruth;
    }

    private static String frameName(CaseSpec spec, int truthFrame) {
        return String.format(Locale.ROOT, "%s_%06d", spec.name().replace('-', '_'), truthFrame);
    }

    private static ReferenceResult simulateReference(CaseSpec spec, Truth truth, Path dir) throws IOException {
        return renderReference(spec.reference(), DvdParameters.defaults(), truth, spec.truth().seed(), dir);
    }

    /** The reference element of a case (seeded from the truth's seed); {@code dvd} applies to DVD cases only. */
    static ReferenceResult renderReference(CaseSpec.ReferenceKind kind, DvdParameters dvd, Truth truth, long truthSeed, Path dir)
            throws IOException {
        long seed = truthSeed * 1000 + 7;
        return switch (kind) {
            case PRINT -> PrintRenderer.render(truth, seed, PrintParameters.defaults(), dir);
            case DVD -> DvdRenderer.render(truth, seed, dvd, dir);
            case TELECINE -> TelecineRenderer.render(truth, seed, TelecineParameters.defaults(), dir);
        };
    }

    private static FrameSource open(String sourceId, Path location) throws EmulsionException {
        try {
            return ReferenceSourceRegistry.get().get(sourceId).instance().open(location);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }

    /**
     * The reference source a workflow would read this kind of reference with, for what it declares of
     * the material (the case itself decodes the file as a plain video, its frames mapped by the simulator).
     */
    private static String declaredSource(CaseSpec.ReferenceKind kind) {
        return switch (kind) {
            case DVD -> "org.emulsion.media.dvd";
            case TELECINE -> "org.emulsion.media.telecine";
            case PRINT -> "org.emulsion.media.print";
        };
    }

    /** The colour transform of a reference kind's renderer (default parameters; a telecine's drift left out). */
    private static UnaryOperator<Image> referenceLook(CaseSpec.ReferenceKind kind) {
        return switch (kind) {
            case DVD -> DvdParameters.defaults().grade()::apply;
            case TELECINE -> TelecineParameters.defaults().grade()::apply;
            case PRINT -> truth -> {
                PrintParameters p = PrintParameters.defaults();
                double[] gain = {p.gainR(), p.gainG(), p.gainB()};
                Image out = truth.copy();
                float[] d = out.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) Math.min(1, Math.max(0, p.tone(d[i]) * gain[i % 3]));
                }
                return out;
            };
        };
    }

    /** Scan frame → the first reference frame showing the same truth frame, or none. */
    private static TemporalMatch frameMap(ReferenceResult reference, List<Integer> scanToTruth, int decodedFrames) {
        int maxTruth = scanToTruth.stream().mapToInt(Integer::intValue).max().orElse(0);
        int[] referenceOfTruth = new int[maxTruth + 1];
        Arrays.fill(referenceOfTruth, TemporalMatch.NONE);
        List<Integer> shows = reference.frameMap();
        for (int k = 0; k < Math.min(shows.size(), decodedFrames); k++) {
            int t = shows.get(k);
            if (t >= 0 && t <= maxTruth && referenceOfTruth[t] == TemporalMatch.NONE) {
                referenceOfTruth[t] = k;
            }
        }
        return TemporalMatch.known(scanToTruth.stream().mapToInt(t -> referenceOfTruth[t]).toArray(), "simulator's record");
    }

    private static List<ColourBaseline> fitBaselines(Registration registration) throws EmulsionException {
        if (registration.pairs().isEmpty()) {
            throw new EmulsionException("no reference frame could be aligned to the scan, so nothing can be fitted or trained");
        }
        List<ColourPair> pairs = registration.pairs().stream().map(p -> ColourPair.of(p.scan(), p.reference())).toList();
        // poly3 adds little over poly2 and the LUT here, and its scoring time counts against the quick run.
        List<ColourBaseline> baselines = Baselines.all().stream().filter(b -> !b.id().equals("poly3")).toList();
        baselines.forEach(b -> b.fit(pairs));
        return baselines;
    }

    /**
     * Restorers merge a match grade with a Colour blend (its chroma on the scan's luma), as Emulsion's
     * compositor does, so every method is scored after the same merge.
     */
    private static Image colourBlend(Compositor compositor, Image scan, Image graded) {
        return compositor.compose(scan, Colour.channels(Colour.ycbcr(graded), 1, 2), List.of(), null);
    }

    private static Map<String, MethodMetrics> score(Truth truth, FrameSource scan, FrameSource ref, List<Integer> scanToTruth,
            Path damageDir, Registration registration, List<ColourBaseline> baselines, UnaryOperator<Image> referenceLook, RestorationJob job,
            Path emulsionFrames, ErrorAnalysis errors, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, scanToTruth.size());
        Compositor compositor = job.compositor();
        Map<String, SequenceMetrics> sequences = new LinkedHashMap<>();
        Map<String, double[]> chromaError = new LinkedHashMap<>(); // sum of per-frame mean ΔE00 against the chroma target, frames
        sequences.put(SCAN_AS_IS, new SequenceMetrics());
        baselines.forEach(b -> sequences.put(b.id(), new SequenceMetrics()));
        sequences.put(EMULSION, new SequenceMetrics());
        sequences.put(CEILING, new SequenceMetrics());
        sequences.put(REFERENCE_LOOK, new SequenceMetrics());
        sequences.put(PASTED, new SequenceMetrics());
        sequences.keySet().forEach(k -> chromaError.put(k, new double[2]));
        // against the reference's look on the scan's luma: how well each method learnt the reference (sum, frames; no-ref sum, frames)
        Map<String, double[]> lookError = new LinkedHashMap<>();
        sequences.keySet().forEach(k -> lookError.put(k, new double[4]));
        Map<String, LookScores> lookScores = new LinkedHashMap<>();
        sequences.keySet().forEach(k -> lookScores.put(k, new LookScores()));
        Image previousTruth = null;
        int previousT = Integer.MIN_VALUE;
        for (int i = 0; i < scanToTruth.size(); i++) {
            int t = scanToTruth.get(i);
            String name = scan.frameName(i);
            Image scanFrame = scan.read(i);
            Image truthFrame = truth.frame(t);
            Image damage = ImageFiles.read(damageDir.resolve(name.replace(".tif", ".png"))).image();
            Registered registered = registration.frames().get(i);
            boolean hasReference = registered.hasReference();
            // The best any chroma-mode result can be: the truth's colour on the scan's own luma.
            Image chromaTarget = colourBlend(compositor, scanFrame, truthFrame);
            Image look = referenceLook.apply(truthFrame);
            Image lookTarget = colourBlend(compositor, scanFrame, look);
            Map<String, Image> results = new LinkedHashMap<>();
            results.put(SCAN_AS_IS, scanFrame);
            for (ColourBaseline b : baselines) {
                results.put(b.id(), colourBlend(compositor, scanFrame, b.apply(scanFrame)));
            }
            results.put(EMULSION, ImageFiles.read(emulsionFrames.resolve(name)).image());
            results.put(CEILING, chromaTarget);
            results.put(REFERENCE_LOOK, lookTarget);
            results.put(PASTED, pasted(compositor, scanFrame, results.get(CROP_BASELINE), hasReference
                    ? job.reference().aligner().warp(ref.read(registered.referenceFrame()), registered.alignment(), scanFrame.width(), scanFrame.height())
                    : null));
            Image still = previousTruth != null && t == previousT + 1 ? ChromaFlicker.stillMask(previousTruth, truthFrame) : null;
            Map<String, Image> analysed = new LinkedHashMap<>();
            for (Map.Entry<String, Image> r : results.entrySet()) {
                sequences.get(r.getKey()).add(t, hasReference, r.getValue(), scanFrame, truthFrame, damage);
                double[] sum = chromaError.get(r.getKey());
                sum[0] += Colour.deltaE2000(r.getValue(), chromaTarget, null).mean();
                sum[1]++;
                double lookMean = Colour.deltaE2000(r.getValue(), lookTarget, null).mean();
                double[] l = lookError.get(r.getKey());
                l[0] += lookMean;
                l[1]++;
                if (!hasReference) {
                    l[2] += lookMean;
                    l[3]++;
                }
                Image lookChroma = Colour.deltaE2000Map(r.getValue(), look, true);
                lookScores.get(r.getKey()).add(hasReference, lookChroma, r.getValue(), still);
                if (ANALYSED.contains(r.getKey())) {
                    analysed.put(r.getKey(), lookChroma);
                }
            }
            errors.add(i, truth.shotOf(t), hasReference, scanFrame, analysed);
            previousTruth = truthFrame;
            previousT = t;
            progress.split(1).done();
        }
        Map<String, MethodMetrics> methods = new LinkedHashMap<>();
        sequences.forEach((method, s) -> {
            double[] sum = chromaError.get(method);
            double[] l = lookError.get(method);
            JsonObject details = s.toJson();
            JsonObject look = new JsonObject();
            look.addProperty("deltaE2000Mean", l[0] / l[1]);
            look.addProperty("deltaE2000FramesWithoutReference", l[3] == 0 ? Double.NaN : l[2] / l[3]);
            look.addProperty("note", "against the reference's look (its grade on the truth) on the scan's luma; chroma: the "
                    + "result's a*, b* against the look's, on the look's L*");
            lookScores.get(method).addTo(look);
            details.add("againstReferenceLook", look);
            methods.put(method, MethodMetrics.of(details, sum[0] / sum[1]));
        });
        return methods;
    }

    /**
     * The {@link #PASTED} row's frame: the registered reference's chroma (NaN where it does not cover the
     * scan, null for a frame it lacks) on the scan's luma, the match grade's chroma where there is none.
     */
    private static Image pasted(Compositor compositor, Image scan, Image matchGrade, Image registeredReference) {
        Image chroma = Planes.chroma(matchGrade);
        if (registeredReference != null) {
            float[] c = chroma.data();
            float[] r = Planes.chroma(registeredReference).data();
            for (int k = 0; k < c.length; k += 2) {
                if (Float.isFinite(r[k]) && Float.isFinite(r[k + 1])) {
                    c[k] = r[k];
                    c[k + 1] = r[k + 1];
                }
            }
        }
        return compositor.compose(scan, chroma, List.of(), null);
    }

    /**
     * How far the reference's own colour (on the scan's luma, where it covers the scan) is from
     * the truth, over the frames that have one: what learning the reference perfectly would
     * give. A reference with its own grade (a DVD's, a telecine's) bounds every method from below.
     */
    private static JsonObject referenceColour(Truth truth, FrameSource scan, FrameSource ref, List<Integer> scanToTruth,
            Registration registration, RestorationJob job) throws IOException {
        double toTruth = 0;
        double toChroma = 0;
        int frames = 0;
        for (Registered r : registration.frames()) {
            if (!r.hasReference()) {
                continue;
            }
            Image scanFrame = scan.read(r.frame());
            Image truthFrame = truth.frame(scanToTruth.get(r.frame()));
            Image registered = job.reference().aligner().warp(ref.read(r.referenceFrame()), r.alignment(), scanFrame.width(), scanFrame.height());
            Image onScanLuma = colourBlend(job.compositor(), scanFrame, registered);
            toTruth += Colour.deltaE2000(onScanLuma, truthFrame, null).mean();
            toChroma += Colour.deltaE2000(onScanLuma, colourBlend(job.compositor(), scanFrame, truthFrame), null).mean();
            frames++;
        }
        JsonObject json = new JsonObject();
        json.addProperty("frames", frames);
        json.addProperty("deltaE2000Mean", frames == 0 ? Double.NaN : toTruth / frames);
        json.addProperty("deltaE2000ChromaMean", frames == 0 ? Double.NaN : toChroma / frames);
        json.addProperty("note", "the registered reference's colour on the scan's luma, covered pixels of frames with a reference");
        return json;
    }

    /** Side-by-side crops of a held-out frame that has a reference: scan | reference | baseline | Emulsion | truth. */
    private static Map<String, String> crops(CaseSpec spec, Truth truth, FrameSource scan, FrameSource ref, List<Integer> scanToTruth,
            Registration registration, List<ColourBaseline> baselines, RestorationJob job, Path emulsionFrames, Path html) throws IOException {
        List<Registered> candidates = registration.frames().stream().filter(r -> r.hasReference() && !r.training()).toList();
        Map<String, String> crops = new LinkedHashMap<>();
        if (candidates.isEmpty()) {
            return crops;
        }
        Registered frame = candidates.get(candidates.size() / 2);
        Image scanFrame = scan.read(frame.frame());
        Image registered = job.reference().aligner().warp(ref.read(frame.referenceFrame()), frame.alignment(), scanFrame.width(), scanFrame.height());
        ColourBaseline baseline = baselines.stream().filter(b -> b.id().equals(CROP_BASELINE)).findFirst().orElse(baselines.get(0));
        Map<String, Image> images = new LinkedHashMap<>();
        images.put("scan", scanFrame);
        images.put("reference (registered)", registered);
        images.put(baseline.id() + " baseline", colourBlend(job.compositor(), scanFrame, baseline.apply(scanFrame)));
        images.put(EMULSION, ImageFiles.read(emulsionFrames.resolve(scan.frameName(frame.frame()))).image());
        images.put("truth", truth.frame(scanToTruth.get(frame.frame())));
        Path dir = Files.createDirectories(html.resolve("crops"));
        for (Map.Entry<String, Image> e : images.entrySet()) {
            String file = spec.name() + "-" + e.getKey().replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "") + ".png";
            ImageFiles.write(dir.resolve(file), crop(e.getValue()), 8);
            crops.put(e.getKey() + " (" + scan.frameName(frame.frame()) + ")", "crops/" + file);
        }
        return crops;
    }

    /** The centre 40 % of the frame; uncovered (NaN) pixels shown black. */
    private static Image crop(Image image) {
        int w = image.width() * 2 / 5;
        int h = image.height() * 2 / 5;
        int x0 = (image.width() - w) / 2;
        int y0 = (image.height() - h) / 2;
        Image out = Image.blank(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    float v = image.get(x0 + x, y0 + y, c);
                    out.set(x, y, c, Float.isNaN(v) ? 0f : v);
                }
            }
        }
        return out;
    }

    static List<double[]> lossCurve(JsonObject report) {
        List<double[]> curve = new ArrayList<>();
        JsonArray points = report.getAsJsonObject("training").getAsJsonArray("lossCurve");
        for (var p : points) {
            curve.add(new double[] {p.getAsJsonArray().get(0).getAsDouble(), p.getAsJsonArray().get(1).getAsDouble()});
        }
        return curve;
    }
}
