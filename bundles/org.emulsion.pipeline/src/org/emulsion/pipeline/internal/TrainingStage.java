package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.engine.Djl;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.pipeline.Provenance;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationTarget;

/**
 * The training stage: decides the models the granularity asks for ({@link ModelPlan}), splits the
 * job's training budget over them, and trains each on its group's pairs through the target
 * (which fits the model's input and makes the pairs), validating on the held-out frames. Each
 * model trains in its own run folder, keyed by what it learns from, so a re-run resumes an
 * unchanged model from its checkpoints and trains a changed one afresh.
 */
public final class TrainingStage {
    private static final int VALIDATE_EVERY = 100;

    private TrainingStage() {
    }

    /** Trains (or resumes) every model of the plan; the caller closes the result. */
    public static TrainedModels run(RestorationJob job, Registration registration, IProgressMonitor monitor)
            throws EmulsionException, IOException {
        Setup setup = setup(job, registration);
        List<TrainedModel> models = new ArrayList<>();
        List<ModelInput> inputs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Provenance.ModelRecord> records = new ArrayList<>();
        SubMonitor progress = SubMonitor.convert(monitor, setup.plan.models().size());
        try {
            for (int i = 0; i < setup.plan.models().size(); i++) {
                Trained t = train(job, registration, setup, i, progress.split(1));
                models.add(t.model);
                inputs.add(t.input);
                keys.add(t.key);
                records.add(t.record);
            }
        } catch (IOException | RuntimeException e) {
            models.forEach(TrainedModel::close);
            throw e;
        }
        return new TrainedModels(setup.plan, models, inputs, keys, records, setup.workScale);
    }

    /** The models the granularity asks for, without training any (what a cluster plan lists). */
    public static ModelPlan plan(RestorationJob job, Registration registration) throws EmulsionException {
        return setup(job, registration).plan;
    }

    /**
     * Trains (or resumes, or finds finished) the one model {@code id} of the plan: a unit of work
     * that any machine seeing the output folder can do, with exactly the budget and seed it gets in
     * {@link #run}, so the weights are those a single-machine run makes.
     *
     * @throws EmulsionException naming the plan's models when {@code id} is not one of them
     */
    public static void trainOne(RestorationJob job, Registration registration, String id, IProgressMonitor monitor)
            throws EmulsionException, IOException {
        Setup setup = setup(job, registration);
        for (int i = 0; i < setup.plan.models().size(); i++) {
            if (setup.plan.models().get(i).id().equals(id)) {
                train(job, registration, setup, i, monitor).model.close();
                return;
            }
        }
        throw new EmulsionException("the plan of " + job.outputDirectory() + " has no model '" + id + "'; its models: "
                + setup.plan.models().stream().map(ModelPlan.Model::id).toList());
    }

    /** Whether model {@code id}'s final weights are saved (its training unit finished). */
    public static boolean isTrained(RestorationJob job, String id) throws IOException {
        Path dir = job.layout().model(id);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".params"));
        }
    }

    /** What every model's training shares: the plan, the pairs, the held-out frames, the scale and the budgets. */
    private record Setup(ModelPlan plan, Map<Integer, Evidence> pairsByFrame, List<Evidence> heldOut, double workScale,
            List<TrainingSettings> budgets) {
    }

    private record Trained(TrainedModel model, ModelInput input, String key, Provenance.ModelRecord record) {
    }

    private static Setup setup(RestorationJob job, Registration registration) throws EmulsionException {
        if (registration.pairs().isEmpty()) {
            throw new EmulsionException("No reference frame could be aligned to the scan with confidence >= "
                    + org.emulsion.pipeline.Alignments.MIN_CONFIDENCE + " and used as a training pair (see "
                    + job.layout().pairs() + "); check that " + job.reference().location() + " shows the same shots as "
                    + job.scanLocation());
        }
        RestorationTarget target = job.restoration();
        double workScale = target.workScale(registration.frames().stream().filter(Registered::training)
                .map(Registered::alignment).toList());
        checkFrameSize(job, workScale);
        // each pair read once and kept at the working scale only, where the models learn
        Map<Integer, Evidence> pairsByFrame = new TreeMap<>();
        registration.pairs().forEach(p -> pairsByFrame.put(p.frame(), p.scaled(workScale)));
        ModelPlan plan = ModelPlan.decide(job.granularity(), registration.shots(), job.scan().frameCount(), pairsByFrame);
        List<Evidence> heldOut = registration.heldOut().stream().map(e -> e.scaled(workScale)).toList();
        List<TrainingSettings> budgets = split(job.training(), plan.models().stream().map(m -> m.pairFrames().size()).toList());
        return new Setup(plan, pairsByFrame, heldOut, workScale, budgets);
    }

    /** A model learns from square patches: frames smaller than one (at the working scale) cannot teach it. */
    private static void checkFrameSize(RestorationJob job, double workScale) throws EmulsionException {
        int patch = job.training().patchSize();
        int width = job.scan().info().width();
        int height = job.scan().info().height();
        int side = (int) Math.floor(Math.min(width, height) * workScale);
        if (side < patch) {
            throw new EmulsionException(job.scanLocation() + ": its frames are " + width + "x" + height
                    + (workScale == 1 ? "" : String.format(Locale.ROOT, " (x%.2f at the working scale)", workScale))
                    + ", smaller than the " + patch + " px square patches the " + job.architecture().id()
                    + " model learns from; restore a scan whose shorter side is at least " + (int) Math.ceil(patch / workScale)
                    + " pixels");
        }
    }

    /** Trains (or resumes) model {@code i} of the plan and saves its final weights; the caller closes the model. */
    private static Trained train(RestorationJob job, Registration registration, Setup setup, int i, IProgressMonitor monitor)
            throws IOException {
        RestorationTarget target = job.restoration();
        ModelPlan.Model m = setup.plan.models().get(i);
        List<Evidence> frames = m.pairFrames().stream().map(setup.pairsByFrame::get).toList();
        ModelInput input = target.fit(job, frames, job.architecture().inputChannels());
        TrainingSettings settings = setup.budgets.get(i);
        List<TrainingPair> pairs = new ArrayList<>();
        frames.forEach(f -> pairs.addAll(target.pairs(f, input, settings.seed())));
        List<TrainingPair> validation = new ArrayList<>();
        setup.heldOut.forEach(f -> validation.addAll(target.validationPairs(f, input, settings.seed())));
        String key = runKey(job, m, settings);
        SubMonitor progress = SubMonitor.convert(monitor, 1);
        progress.setTaskName("Training " + job.architecture().id() + " for " + m.covers() + " on " + frames.size()
                + " frames (" + Djl.device() + ")");
        TrainedModel model = ModelTrainer.builder(job.architecture().instance(), pairs, settings)
                .name("model " + m.id()).runDirectory(job.layout().training().resolve(key)).previews(validation)
                .validation(validation, VALIDATE_EVERY, 0) // keeps the best weights on frames it never trained on
                .train(progress.split(1));
        try {
            Path checkpoint = Provenance.saveCheckpoint(model, job.layout().model(m.id()), job.target().id());
            return new Trained(model, input, key, record(job, registration, m, model, checkpoint));
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The provenance record of {@code planned}, trained as {@code model}, whose weights are {@code checkpoint}. */
    private static Provenance.ModelRecord record(RestorationJob job, Registration registration, ModelPlan.Model planned,
            TrainedModel model, Path checkpoint) throws IOException {
        List<Provenance.Pair> pairs = planned.pairFrames().stream()
                .map(f -> new Provenance.Pair(job.scan().frameName(f), registration.frames().get(f).referenceFrame())).toList();
        return new Provenance.ModelRecord(planned.id(), planned.covers(), pairs, model.steps(),
                job.outputDirectory().relativize(checkpoint).toString(), Provenance.sha256(checkpoint));
    }

    /**
     * The job's training budget split over the models in proportion to their pairs: the time
     * exactly, the steps by largest remainders (so they add up to the job's), at least one each.
     */
    static List<TrainingSettings> split(TrainingSettings total, List<Integer> pairs) {
        double all = pairs.stream().mapToInt(Integer::intValue).sum();
        int[] steps = new int[pairs.size()];
        double[] remainders = new double[pairs.size()];
        int given = 0;
        for (int m = 0; m < steps.length; m++) {
            double exact = total.maxSteps() * pairs.get(m) / all;
            steps[m] = (int) exact;
            remainders[m] = exact - steps[m];
            given += steps[m];
        }
        for (int left = total.maxSteps() - given; left > 0; left--) {
            int best = 0;
            for (int m = 1; m < steps.length; m++) {
                best = remainders[m] > remainders[best] ? m : best;
            }
            steps[best]++;
            remainders[best] = -1;
        }
        List<TrainingSettings> budgets = new ArrayList<>();
        for (int m = 0; m < steps.length; m++) {
            budgets.add(new TrainingSettings(total.patchSize(), total.batchSize(), Math.max(1, steps[m]),
                    Duration.ofMillis((long) (total.timeBudget().toMillis() * (pairs.get(m) / all))), total.learningRate(),
                    total.preset(), total.seed()));
        }
        return budgets;
    }

    /**
     * A model's run folder name: its id and a digest of what it learns from (pairs, settings,
     * architecture, target), so that an edited pair choice trains afresh instead of resuming another
     * recipe's checkpoints, and an unchanged model resumes.
     */
    private static String runKey(RestorationJob job, ModelPlan.Model model, TrainingSettings settings) {
        String recipe = model.pairFrames() + "|" + settings + "|" + job.architecture().id() + "|" + job.target().id();
        return model.id() + "-" + Provenance.sha256(recipe).substring(0, 8);
    }
}
