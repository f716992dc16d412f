package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.engine.NonFiniteValueException;
import org.emulsion.engine.TrainedModel;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.LumaMode;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.pipeline.Provenance;
import org.emulsion.pipeline.RestorationJob;

import com.google.gson.JsonObject;

/**
 * The one restoration pipeline every recipe runs: prepare (match, register, shots, damage, pairs:
 * {@link RegistrationStage}) → train ({@link TrainingStage}) → render ({@link InferenceStage}) →
 * deliver ({@link DeliverablesStage}, {@link RunReport}). What a recipe restores and how its
 * evidence becomes pairs, input and baseline is its target's business; the stages are the same.
 * A re-run into the same output folder resumes each stage where it stopped.
 */
public final class RestorationPipeline {

    private RestorationPipeline() {
    }

    /** Prepares, trains, renders and delivers; resumes an earlier run of the same job in the output folder. */
    public static WorkflowResult run(RestorationJob job, IProgressMonitor monitor) throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        progress.setTaskName("Registering the references on the scan");
        Registration registration = prepare(job, progress.split(15));
        return restore(job, registration, progress.split(85));
    }

    /** The preparation stage alone (see {@link RegistrationStage}): what the restorer reviews before training. */
    public static Registration prepare(RestorationJob job, IProgressMonitor monitor) throws EmulsionException {
        return RegistrationStage.run(job, monitor);
    }

    /**
     * Trains the models on the registration's pairs, renders every scan frame with its group's
     * model, writes the baseline, the report and the provenance. Frames already written by an
     * earlier run of the job with the same model are kept; training resumes from its checkpoints.
     */
    public static WorkflowResult restore(RestorationJob job, Registration registration, IProgressMonitor monitor)
            throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, 85);
        new ResumeFolder(job.outputDirectory()).claim(fingerprint(job));
        progress.setTaskName("Training (reading the pairs and held-out frames at the working scale)");
        try (TrainedModels trained = TrainingStage.run(job, registration, progress.split(55))) {
            Provenance provenance = Provenance.of(job, trained.records());
            refuseNonFinite(job, registration, trained);
            progress.setTaskName("Restoring frames");
            LumaTone tone = LumaTone.of(job, registration);
            TruthScores truth = new TruthScores();
            SourceShares shares = new SourceShares(job);
            InferenceStage.run(job, registration, trained, tone, provenance, null, truth, shares, progress.split(22));
            progress.setTaskName("Writing baseline and report");
            JsonObject report = RunReport.build(job, registration, trained, truth);
            report.add("luma", tone.toJson());
            if (!shares.isEmpty()) {
                report.add("sources", shares.toJson());
            }
            Path reportFile = DeliverablesStage.write(job, registration, tone, baselineInput(job, registration, trained),
                    trained.workScale(), provenance, report, progress.split(8));
            return new WorkflowResult(job.outputDirectory(), reportFile, summary(job, trained, truth));
        } catch (IOException | NonFiniteValueException e) {
            throw new EmulsionException(e.getMessage(), e);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof NonFiniteValueException) { // named by the frame pipeline
                throw new EmulsionException(e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Writes the run's units of work ({@link RunPlan}, in {@link org.emulsion.pipeline.RunLayout#plan}):
     * the models {@link #restore} would train and the frames cut into ranges of {@code unitFrames}.
     */
    public static RunPlan plan(RestorationJob job, Registration registration, int unitFrames) throws EmulsionException {
        new ResumeFolder(job.outputDirectory()).claim(fingerprint(job));
        RunPlan plan = RunPlan.of(TrainingStage.plan(job, registration), job.scan().frameCount(), unitFrames);
        try {
            plan.write(job.layout().plan());
        } catch (IOException e) {
            throw new EmulsionException(job.layout().plan() + " cannot be written (" + e.getMessage() + ")", e);
        }
        return plan;
    }

    /** One training unit: model {@code id} trained (or resumed, or found finished) as {@link #restore} trains it. */
    public static void trainUnit(RestorationJob job, Registration registration, String id, IProgressMonitor monitor)
            throws EmulsionException {
        new ResumeFolder(job.outputDirectory()).claim(fingerprint(job));
        try {
            TrainingStage.trainOne(job, registration, id, monitor);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }

    /**
     * One render unit: the frames of {@code range} not rendered yet, with the models the training
     * units saved, exactly as {@link #restore} renders them. Refused while a model is untrained.
     */
    public static void renderUnit(RestorationJob job, Registration registration, FrameRange range, IProgressMonitor monitor)
            throws EmulsionException {
        new ResumeFolder(job.outputDirectory()).claim(fingerprint(job));
        try {
            for (ModelPlan.Model m : TrainingStage.plan(job, registration).models()) {
                if (!TrainingStage.isTrained(job, m.id())) {
                    throw new EmulsionException("model " + m.id() + " of " + job.outputDirectory() + " is not trained yet; run"
                            + " ./emulsion train --out " + job.outputDirectory() + " --model " + m.id() + " first");
                }
            }
            SubMonitor progress = SubMonitor.convert(monitor, 10);
            try (TrainedModels trained = TrainingStage.run(job, registration, progress.split(1))) {
                Provenance provenance = Provenance.of(job, trained.records());
                refuseNonFinite(job, registration, trained);
                progress.setTaskName("Restoring frames " + range.first() + "-" + range.last());
                InferenceStage.run(job, registration, trained, LumaTone.of(job, registration), provenance, range, new TruthScores(), new SourceShares(job),
                        progress.split(9));
            }
        } catch (IOException | NonFiniteValueException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }

    /** A model yielding NaN is refused before any frame is written (the frame writer refuses NaN frames too). */
    private static void refuseNonFinite(RestorationJob job, Registration registration, TrainedModels trained) {
        List<Evidence> probes = registration.heldOut().isEmpty() ? registration.pairs() : registration.heldOut();
        for (int m = 0; m < trained.models().size(); m++) {
            job.restoration().predict(trained.models().get(m), trained.inputs().get(m), probes.get(0), trained.workScale());
        }
    }

    /** The input of the baseline: one for the whole film, whatever the granularity, as a colourist would grade it. */
    private static ModelInput baselineInput(RestorationJob job, Registration registration, TrainedModels trained) {
        if (trained.models().size() == 1) {
            return trained.inputs().get(0);
        }
        return job.restoration().fit(job, registration.pairs().stream().map(p -> p.scaled(trained.workScale())).toList(),
                job.architecture().inputChannels());
    }

    /**
     * What makes a run this job's: its preparation and every setting that shapes the result. An
     * output folder holding a run with another fingerprint is refused rather than mixed with this one.
     */
    static JsonObject fingerprint(RestorationJob job) {
        JsonObject json = RegistrationStage.preparation(job);
        json.addProperty("architecture", job.architecture().id());
        json.addProperty("compositor", job.compositor().getClass().getName());
        json.addProperty("training", job.training().toString());
        json.addProperty("granularity", job.granularity().id());
        if (job.luma() != LumaMode.KEEP) { // only when asked for: folders of runs made before the option stay this job's
            json.addProperty("luma", job.luma().id());
        }
        return json;
    }

    private static Map<String, String> summary(RestorationJob job, TrainedModels trained, TruthScores truth) {
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("frames", job.layout().frames().toString());
        summary.put("models", trained.models().size() + " (" + trained.plan().granularity().id() + ": " + trained.plan().reason() + ")");
        for (int m = 0; m < trained.models().size(); m++) {
            TrainedModel model = trained.models().get(m);
            List<Float> losses = model.lossCurve();
            summary.put("training " + trained.plan().models().get(m).id(), String.format(Locale.ROOT, "%d steps in %.0f s, final loss %.4f%s",
                    model.steps(), model.trainingSeconds(), losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1),
                    model.rollbacks().isEmpty() ? "" : ", " + model.rollbacks().size() + " rollback(s) after non-finite values"));
        }
        if (!truth.isEmpty()) {
            summary.putAll(job.restoration().summary(truth.allFrames(), truth.heldOut()));
        }
        return summary;
    }
}
