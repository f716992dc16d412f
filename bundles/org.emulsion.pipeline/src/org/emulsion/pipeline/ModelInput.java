package org.emulsion.pipeline;

import com.google.gson.JsonObject;

/**
 * What a restoration target fitted for one model before training (e.g. the match grade the
 * chroma network refines, or the reference's tone curve for a luma guide): the target builds the
 * network's input from it in training and in inference alike. The pipeline keeps it with its model
 * and reports it.
 */
public interface ModelInput {

    /** What was fitted, for the report. */
    JsonObject toJson();

    /** What the target's baseline made from this input is, for people (e.g. "33³ LUT match grade fitted on the training pairs"). */
    String baselineMethod();

    /** The baseline's short name for tables and the report's verdict (e.g. "match grade"). */
    String baselineLabel();
}
