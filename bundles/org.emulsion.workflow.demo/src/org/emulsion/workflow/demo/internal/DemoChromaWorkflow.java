package org.emulsion.workflow.demo.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.extensions.Workflow;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.core.extensions.WorkflowRun;
import org.emulsion.core.image.FrameSource;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.pipeline.ChromaJob;
import org.emulsion.pipeline.ChromaPipeline;

import com.google.gson.JsonObject;

/**
 * {@code demo-chroma}: generates a sample into {@code OUT/sample} and runs the shared chroma
 * pipeline on it, with the sample's truth for the report's metrics.
 */
public final class DemoChromaWorkflow implements Workflow {

    @Override
    public WorkflowResult run(WorkflowRun run, IProgressMonitor monitor) throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        SampleGenerator generator = new SampleGenerator(run.intOption("width"), run.intOption("height"),
                run.intOption("frames"), run.intOption("seed"));
        if (run.intOption("width") < 64 || run.intOption("height") < 64 || run.intOption("frames") < 2) {
            throw new EmulsionException("--width and --height must be at least 64 and --frames at least 2");
        }
        SampleGenerator.Sample sample;
        try {
            sample = generator.generate(run.outputDirectory().resolve("sample"), progress.split(8));
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
        ReferenceSource sequences = run.referenceSource();
        try (FrameSource scan = open(sequences, sample.scan());
                FrameSource reference = open(sequences, sample.reference());
                FrameSource truth = open(sequences, sample.truth())) {
            TrainingSettings training = new TrainingSettings(run.intOption("patch"), run.intOption("batch"),
                    run.intOption("steps"), Duration.ofSeconds(run.intOption("train-seconds")), 2e-3f,
                    run.architecture().defaultPreset(), run.intOption("seed"));
            JsonObject extra = new JsonObject();
            extra.add("sample", sample.parameters());
            ChromaJob job = new ChromaJob(run.workflow().id(), scan, sample.scan(), reference, sample.reference(),
                    TemporalMatch.known(IntStream.range(0, scan.frameCount()).toArray(), "sample made frame for frame"), truth,
                    run.outputDirectory(), run.aligner(), run.architecture(), run.compositor(), training, 3, extra);
            return ChromaPipeline.run(job, progress.split(92));
        }
    }

    private static FrameSource open(ReferenceSource source, java.nio.file.Path location) throws EmulsionException {
        try {
            return source.open(location);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }
}
