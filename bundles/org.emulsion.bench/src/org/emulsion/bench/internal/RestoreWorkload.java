package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.emulsion.core.extensions.WorkflowOption;
import org.emulsion.simulator.MultiPrintCase;
import org.emulsion.simulator.Truth;

import com.google.gson.JsonObject;

/**
 * What {@code bench restore} times: an installed workflow and the material a restorer brings it,
 * simulated from one film and given as the workflow's options.
 */
public enum RestoreWorkload {
    /** A faded scan and its PAL DVD release ({@link RestoreCase}). */
    DVD_CHROMA("dvd-chroma", "org.emulsion.workflow.dvd.feature") {
        @Override
        public Material simulate(int width, int height, int frames, int prints, Path dir) throws IOException {
            try (Truth truth = Truth.create(new Truth.Spec(width, height, frames, Math.min(DVD_SHOTS, frames), DVD_SEED))) {
                RestoreCase material = RestoreCase.simulate(truth, CaseSpec.ReferenceKind.DVD, DVD_SEED, dir);
                Map<String, String> options = new LinkedHashMap<>();
                options.put("scan", material.scan().toString());
                options.put("reference", material.reference().toString());
                JsonObject job = new JsonObject();
                job.addProperty("reference", "simulated PAL DVD (MPEG-2, 25 fps, lead-in, own grade)");
                return new Material(options, job);
            }
        }
    },
    /**
     * Two or three prints of one film, each with its own dirt, scratches, blotches, decay, density
     * and splices ({@link MultiPrintCase}); the workflow chooses the master among them itself.
     */
    MULTIPRINT("multiprint", "org.emulsion.workflow.multiprint.feature") {
        @Override
        public Material simulate(int width, int height, int frames, int prints, Path dir) throws IOException {
            MultiPrintCase.Written written = new MultiPrintCase(MultiPrintCase.Spec.benchmark(prints, frames, width, height)).write(dir);
            List<String> locations = new ArrayList<>();
            written.prints().forEach(p -> locations.add(p.location().toString()));
            JsonObject job = new JsonObject();
            job.addProperty("prints", prints);
            job.addProperty("material", prints + " simulated prints of one film, each with its own dirt, scratches, blotches, decay,"
                    + " density, contrast and splices with lost frames");
            job.addProperty("printFrames", written.prints().stream().mapToInt(p -> p.files().size()).sum());
            return new Material(Map.of("prints", String.join(WorkflowOption.PATH_SEPARATOR, locations)), job);
        }
    };

    private static final int DVD_SHOTS = 6;
    private static final long DVD_SEED = 61;

    /**
     * The simulated material.
     *
     * @param options the workflow's options naming it, as a restorer gives them
     * @param job     what the results file says about it
     */
    public record Material(Map<String, String> options, JsonObject job) {
    }

    private final String workflow;
    private final String feature;

    RestoreWorkload(String workflow, String feature) {
        this.workflow = workflow;
        this.feature = feature;
    }

    /** The workflow's id, as {@code --workflow} names it. */
    public String workflow() {
        return workflow;
    }

    /** The feature that installs the workflow. */
    public String feature() {
        return feature;
    }

    /** Whether the material is several prints ({@code --prints}). */
    public boolean takesPrints() {
        return this == MULTIPRINT;
    }

    /**
     * Simulates {@code frames} frames of {@code width}×{@code height} ({@code prints} prints where
     * {@link #takesPrints}) into {@code dir}.
     */
    public abstract Material simulate(int width, int height, int frames, int prints, Path dir) throws IOException;

    /** The workload of workflow {@code id}, or null when {@code bench restore} does not time it. */
    public static RestoreWorkload of(String id) {
        for (RestoreWorkload w : values()) {
            if (w.workflow.equals(id)) {
                return w;
            }
        }
        return null;
    }
}
