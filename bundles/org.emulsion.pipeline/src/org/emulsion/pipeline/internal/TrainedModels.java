package org.emulsion.pipeline.internal;

import java.util.List;

import org.emulsion.engine.TrainedModel;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.pipeline.Provenance;

/**
 * The models of a restore, one per group of frames the plan made, each with the input its
 * target fitted, its run folder key and its provenance record.
 *
 * @param workScale the scale (relative to the scan) the models learnt and infer at
 */
public record TrainedModels(ModelPlan plan, List<TrainedModel> models, List<ModelInput> inputs, List<String> keys,
        List<Provenance.ModelRecord> records, double workScale) implements AutoCloseable {

    /** The model that restores scan frame {@code frame}. */
    public int modelOf(int frame) {
        return plan.modelOfFrame()[frame];
    }

    @Override
    public void close() {
        models.forEach(TrainedModel::close);
    }
}
