package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.engine.Djl;
import org.emulsion.engine.Rollback;
import org.emulsion.engine.TrainedModel;
import org.emulsion.pipeline.AlignmentReport;
import org.emulsion.pipeline.Alignments;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RunLayout;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Builds {@code report.json} from the stages' results: inputs, the alignment of every scan frame,
 * shots and scenes, the granularity decision, the pairs, the training of every model (curves,
 * rollbacks), and the truth scores when the truth is known. The deliverables stage adds the
 * baseline, the held-out scores and the provenance.
 */
final class RunReport {
    private static final int CURVE_POINTS = 200;

    private RunReport() {
    }

    static JsonObject build(RestorationJob job, Registration registration, TrainedModels trained, TruthScores truth) throws IOException {
        JsonObject report = new JsonObject();
        report.addProperty("workflow", job.workflowId());
        report.addProperty("target", job.target().id());
        report.addProperty("replaces", job.target().replaces());
        report.addProperty("complete", true);
        report.addProperty("finished", Instant.now().toString());
        report.add("inputs", inputs(job, registration));
        report.add("alignment", alignment(job, registration.frames(),
                new java.util.HashSet<>(registration.heldOutFrames())));
        report.addProperty("minConfidence", Alignments.MIN_CONFIDENCE);
        report.addProperty("alignmentReport", RunLayout.ALIGNMENT + "/" + AlignmentReport.JSON);
        report.addProperty("temporalMethod", job.reference().match().method());
        report.addProperty("alignmentMethod", registration.frames().stream().filter(r -> r.alignment() != null).findFirst()
                .map(r -> r.alignment().method()).orElse(""));
        report.add("shots", ranges(job, registration.shots().shots()));
        report.add("scenes", ranges(job, registration.shots().scenes()));
        report.add("granularity", granularity(job, trained.plan()));
        report.add("pairs", pairs(job, registration.candidates()));
        report.add("training", training(job, registration, trained));
        if (!truth.isEmpty()) {
            report.add("metrics", truth.toJson());
        }
        JsonObject damage = DamageMaps.summary(job);
        if (damage != null) {
            report.add("damage", damage);
        }
        if (job.extraReport() != null) {
            job.extraReport().entrySet().forEach(e -> report.add(e.getKey(), e.getValue()));
        }
        return report;
    }

    private static JsonObject inputs(RestorationJob job, Registration registration) throws IOException {
        JsonObject inputs = new JsonObject();
        inputs.addProperty("frames", job.scan().frameCount());
        inputs.addProperty("scanSize", job.scan().info().width() + "x" + job.scan().info().height());
        inputs.addProperty("scanBitDepth", job.scan().info().bitDepth());
        inputs.addProperty("referenceSize", job.reference().source().info().width() + "x" + job.reference().source().info().height());
        JsonArray references = new JsonArray();
        for (RestorationJob.Reference r : job.references()) {
            JsonObject o = new JsonObject();
            o.addProperty("role", r.role());
            o.addProperty("location", r.location().toAbsolutePath().toString());
            o.addProperty("frames", r.source().frameCount());
            o.addProperty("size", r.source().info().width() + "x" + r.source().info().height());
            o.addProperty("temporalMethod", r.match().method());
            o.addProperty("framesMatched", java.util.Arrays.stream(r.match().referenceFrames()).filter(f -> f != TemporalMatch.NONE).count());
            registrationOf(job, registration, references.size(), o);
            references.add(o);
        }
        inputs.add("references", references);
        if (job.masks() != null) {
            inputs.addProperty("masks", job.masks().toAbsolutePath() + " (the restorer's damage maps, used instead of the detected ones)");
        }
        return inputs;
    }

    /**
     * How reference {@code k} was registered: frames registered and their mean confidence, the
     * scan frames it lacks (cuts, lost frames) and its frames no scan frame shows (frames the scan lacks).
     */
    private static void registrationOf(RestorationJob job, Registration registration, int k, JsonObject o) throws IOException {
        List<SpatialAlignment> alignments = new java.util.ArrayList<>();
        if (k == 0) {
            registration.frames().forEach(r -> alignments.add(r.alignment()));
        } else {
            List<ResumeFolder.StoredFrame> stored = new ResumeFolder(job.outputDirectory()).frames(k);
            if (stored == null) {
                return;
            }
            stored.forEach(f -> alignments.add(f.alignment()));
        }
        List<SpatialAlignment> usable = alignments.stream().filter(Alignments::usable).toList();
        o.addProperty("framesRegistered", usable.size());
        o.addProperty("meanConfidence", usable.stream().mapToDouble(SpatialAlignment::confidence).average().orElse(Double.NaN));
        RestorationJob.Reference r = job.references().get(k);
        int[] matched = r.match().referenceFrames();
        JsonArray lacking = new JsonArray();
        boolean[] shown = new boolean[r.source().frameCount()];
        for (int f = 0; f < matched.length; f++) {
            if (matched[f] == TemporalMatch.NONE) {
                lacking.add(job.scan().frameName(f));
            } else if (matched[f] >= 0 && matched[f] < shown.length) {
                shown[matched[f]] = true;
            }
        }
        o.add("scanFramesLacking", lacking);
        JsonArray unshown = new JsonArray();
        for (int f = 0; f < shown.length; f++) {
            if (!shown[f]) {
                unshown.add(r.source().frameName(f));
            }
        }
        o.add("framesNoScanFrameShows", unshown);
    }

    private static JsonArray alignment(RestorationJob job, List<Registered> registered, java.util.Set<Integer> heldOut) {
        JsonArray alignment = new JsonArray();
        for (Registered r : registered) {
            JsonObject a = new JsonObject();
            a.addProperty("index", r.frame());
            a.addProperty("frame", job.scan().frameName(r.frame()));
            a.addProperty("referenceFrame", r.referenceFrame() == TemporalMatch.NONE ? null
                    : job.reference().source().frameName(r.referenceFrame()));
            a.addProperty("usedForTraining", r.training());
            a.addProperty("heldOut", heldOut.contains(r.frame()));
            String unusable = r.referenceFrame() == TemporalMatch.NONE ? null : Alignments.whyNot(r.alignment());
            if (unusable != null) {
                a.addProperty("rejected", unusable);
            }
            if (r.alignment() != null) {
                a.addProperty("confidence", r.alignment().confidence());
                JsonArray h = new JsonArray();
                for (double v : r.alignment().homography()) {
                    h.add(v);
                }
                a.add("homography", h);
            }
            alignment.add(a);
        }
        return alignment;
    }

    private static JsonObject training(RestorationJob job, Registration registration, TrainedModels trained) {
        List<TrainedModel> models = trained.models();
        JsonObject training = new JsonObject();
        training.addProperty("architecture", job.architecture().id());
        training.addProperty("device", Djl.device().toString());
        training.addProperty("pairs", registration.frames().stream().filter(Registered::training).count());
        training.addProperty("models", models.size());
        training.addProperty("steps", models.stream().mapToInt(TrainedModel::steps).sum());
        training.addProperty("seconds", models.stream().mapToDouble(TrainedModel::trainingSeconds).sum());
        training.addProperty("patchSize", job.training().patchSize());
        training.addProperty("batchSize", job.training().batchSize());
        training.addProperty("learningRate", job.training().learningRate());
        training.addProperty("preset", job.training().preset().name());
        training.addProperty("baseWidth", job.training().preset().baseWidth());
        training.addProperty("depth", job.training().preset().depth());
        training.addProperty("seed", job.training().seed());
        training.addProperty("budget", "the job's steps and time split over the models in proportion to their pairs");
        training.addProperty("workScale", trained.workScale());
        training.add("input", trained.inputs().get(0).toJson());
        // the curves of the model with the most pairs (the only one at sequence granularity); each model's under perModel
        int main = 0;
        for (int m = 1; m < models.size(); m++) {
            main = trained.plan().models().get(m).pairFrames().size() > trained.plan().models().get(main).pairFrames().size() ? m : main;
        }
        curves(training, models.get(main));
        training.addProperty("runFolder", RunLayout.TRAINING + "/<model>-<recipe digest>/ (checkpoints, contact sheets: input | target | output)");
        JsonArray perModel = new JsonArray();
        for (int m = 0; m < models.size(); m++) {
            ModelPlan.Model model = trained.plan().models().get(m);
            JsonObject o = new JsonObject();
            o.addProperty("id", model.id());
            o.addProperty("covers", model.covers());
            o.addProperty("pairs", model.pairFrames().size());
            o.addProperty("runFolder", RunLayout.TRAINING + "/" + trained.keys().get(m));
            o.add("input", trained.inputs().get(m).toJson());
            o.addProperty("steps", models.get(m).steps());
            o.addProperty("seconds", models.get(m).trainingSeconds());
            o.add("rollbacks", rollbacks(models.get(m).rollbacks()));
            curves(o, models.get(m));
            perModel.add(o);
        }
        training.add("perModel", perModel);
        return training;
    }

    private static JsonArray rollbacks(List<Rollback> rollbacks) {
        JsonArray list = new JsonArray();
        for (Rollback r : rollbacks) {
            JsonObject o = new JsonObject();
            o.addProperty("failedStep", r.failedStep());
            o.addProperty("toStep", r.toStep());
            o.addProperty("cause", r.cause() + " not finite");
            o.addProperty("learningRateScale", r.rateScale());
            list.add(o);
        }
        return list;
    }

    private static void curves(JsonObject json, TrainedModel model) {
        json.add("lossCurve", lossCurve(model.lossCurve()));
        JsonArray validation = new JsonArray();
        model.validationCurve().forEach(v -> {
            JsonArray point = new JsonArray();
            point.add(v.step());
            point.add(v.loss());
            validation.add(point);
        });
        json.add("validationCurve", validation);
        json.addProperty("bestStep", model.bestStep());
    }

    private static JsonArray ranges(RestorationJob job, List<FrameRange> ranges) {
        JsonArray list = new JsonArray();
        for (FrameRange r : ranges) {
            JsonObject o = new JsonObject();
            o.addProperty("first", r.first());
            o.addProperty("last", r.last());
            o.addProperty("firstFrame", job.scan().frameName(r.first()));
            o.addProperty("lastFrame", job.scan().frameName(r.last()));
            list.add(o);
        }
        return list;
    }

    private static JsonObject granularity(RestorationJob job, ModelPlan plan) {
        JsonObject json = new JsonObject();
        json.addProperty("requested", job.granularity().id());
        json.addProperty("chosen", plan.granularity().id());
        json.addProperty("reason", plan.reason());
        json.add("evidence", plan.evidence());
        JsonArray fallbacks = new JsonArray();
        plan.fallbacks().forEach(fallbacks::add);
        json.add("fallbacks", fallbacks);
        JsonArray models = new JsonArray();
        for (ModelPlan.Model m : plan.models()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", m.id());
            o.addProperty("covers", m.covers());
            JsonArray frames = new JsonArray();
            m.pairFrames().forEach(f -> frames.add(job.scan().frameName(f)));
            o.add("pairFrames", frames);
            models.add(o);
        }
        json.add("models", models);
        return json;
    }

    private static JsonObject pairs(RestorationJob job, List<PairCuration.Candidate> candidates) {
        JsonObject json = new JsonObject();
        json.addProperty("file", PairCuration.FILE + " (edit \"chosen\" and run again to override)");
        json.addProperty("chosen", candidates.stream().filter(PairCuration.Candidate::chosen).count());
        json.addProperty("rejected", candidates.stream().filter(c -> !c.chosen()).count());
        json.addProperty("overriddenByRestorer", candidates.stream().filter(PairCuration.Candidate::overridden).count());
        JsonArray list = new JsonArray();
        for (PairCuration.Candidate c : candidates) {
            JsonObject o = new JsonObject();
            o.addProperty("scanFrame", job.scan().frameName(c.scanFrame()));
            o.addProperty("referenceFrame", job.reference().source().frameName(c.referenceFrame()));
            o.addProperty("shot", c.shot());
            o.addProperty("chosen", c.chosen());
            o.addProperty("tried", c.role());
            if (c.reason() != null) {
                o.addProperty("rejected", c.reason());
            }
            if (c.overridden()) {
                o.addProperty("override", "the restorer " + (c.chosen() ? "chose" : "rejected") + " it in " + PairCuration.FILE);
            }
            list.add(o);
        }
        json.add("candidates", list);
        return json;
    }

    /** The loss curve averaged into at most {@value #CURVE_POINTS} windows of [step, loss]. */
    private static JsonArray lossCurve(List<Float> losses) {
        JsonArray curve = new JsonArray();
        int window = Math.max(1, (losses.size() + CURVE_POINTS - 1) / CURVE_POINTS);
        for (int start = 0; start < losses.size(); start += window) {
            int end = Math.min(losses.size(), start + window);
            double sum = 0;
            for (int i = start; i < end; i++) {
                sum += losses.get(i);
            }
            JsonArray point = new JsonArray();
            point.add(end);
            point.add(sum / (end - start));
            curve.add(point);
        }
        return curve;
    }
}
