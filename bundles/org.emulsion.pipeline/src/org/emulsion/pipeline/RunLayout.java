package org.emulsion.pipeline;

import java.nio.file.Path;

import org.emulsion.media.MaskFiles;

/**
 * The one place that names what a restore writes into its output folder. Every stage, the run
 * viewer and the report find files through these names; nothing else spells them.
 */
public final class RunLayout {
    /** The restored frames, named like the scan's frames. */
    public static final String FRAMES = "frames";
    /** The same frames made without a trained model (a match grade, a pasted reference), to judge the result against. */
    public static final String BASELINE = "baseline";
    /** Per scan frame, the damage map (8-bit PNG, 0 = intact) the luma targets composite through. */
    public static final String MASKS = "masks";
    /** In {@link #MASKS}: how the damage maps were made, and each frame's damaged area. */
    public static final String DAMAGE_JSON = "damage.json";
    /** Per scan frame of a composite of several prints, which print each pixel comes from. */
    public static final String SOURCES = "sources";
    /** Per scan frame, the confidence map of a composite or a fill. */
    public static final String CONFIDENCE = "confidence";
    /** The alignment report: {@code alignment.json} and difference images. */
    public static final String ALIGNMENT = "alignment";
    /** One run folder per model: checkpoints, contact sheets, the live training log. */
    public static final String TRAINING = "training";
    /** The final weights of each model, one folder per model. */
    public static final String MODEL = "model";
    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_HTML = "report.html";
    /** The provenance sidecar. */
    public static final String PROVENANCE = "provenance.json";
    /** The training pairs tried, chosen or rejected and why; the restorer edits {@code "chosen"}. */
    public static final String PAIRS = "pairs.json";
    /** The units of work of a prepared run (models to train, frame ranges to render) for a cluster. */
    public static final String PLAN = "plan.json";
    /** What a cluster run of the plan did: each unit's host, attempts and time (the Spark application writes it). */
    public static final String CLUSTER_REPORT = "cluster.json";
    /** What a re-run reuses (see {@code OutputDirectory}). */
    public static final String RESUME = "resume";

    private final Path root;

    public RunLayout(Path root) {
        this.root = root;
    }

    public Path root() { return root; }

    public Path frames() { return root.resolve(FRAMES); }

    public Path baseline() { return root.resolve(BASELINE); }

    public Path masks() { return root.resolve(MASKS); }

    /** The damage map of scan frame {@code scanName} (its extension replaced by .png). */
    public Path mask(String scanName) { return masks().resolve(MaskFiles.fileName(scanName)); }

    /** A scan frame's damage map found without a witness, waiting for the lasting damage of its neighbours before it takes its place. */
    public Path pendingMask(String scanName) { return masks().resolve("pending").resolve(MaskFiles.fileName(scanName)); }

    /** The damage map of reference {@code k} (from 0) registered on scan frame {@code scanName}, for a target that finds each element's damage. */
    public Path referenceMask(int k, String scanName) { return masks().resolve("reference-" + (k + 1)).resolve(MaskFiles.fileName(scanName)); }

    /** Where the line-scratch candidates wait for their neighbours' while the maps are found (removed once they are added). */
    public Path lineCandidates() { return masks().resolve("line-candidates"); }

    /**
     * Element {@code element}'s line-scratch candidates on scan frame {@code scanName} (0 the scan,
     * k reference k from 1), waiting for the neighbouring frames' before they join its damage map.
     */
    public Path lineCandidates(int element, String scanName) {
        return lineCandidates().resolve(element == 0 ? "scan" : "reference-" + element).resolve(MaskFiles.fileName(scanName));
    }

    public Path damageJson() { return masks().resolve(DAMAGE_JSON); }

    /** The source map of scan frame {@code scanName} (its extension replaced by .png). */
    public Path sourceMap(String scanName) { return root.resolve(SOURCES).resolve(MaskFiles.fileName(scanName)); }

    /** The confidence map of scan frame {@code scanName} (its extension replaced by .png). */
    public Path confidenceMap(String scanName) { return root.resolve(CONFIDENCE).resolve(MaskFiles.fileName(scanName)); }

    public Path alignment() { return root.resolve(ALIGNMENT); }

    public Path training() { return root.resolve(TRAINING); }

    public Path model(String id) { return root.resolve(MODEL).resolve(id); }

    public Path reportJson() { return root.resolve(REPORT_JSON); }

    public Path reportHtml() { return root.resolve(REPORT_HTML); }

    public Path provenance() { return root.resolve(PROVENANCE); }

    public Path pairs() { return root.resolve(PAIRS); }

    public Path resume() { return root.resolve(RESUME); }

    public Path plan() { return root.resolve(PLAN); }

    public Path clusterReport() { return root.resolve(CLUSTER_REPORT); }

    /** A frame name without its extension. */
    public static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
