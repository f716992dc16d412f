package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.image.Image;
import org.emulsion.engine.FramePipeline;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.Evidence;
import org.emulsion.core.JsonFiles;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.pipeline.Provenance;
import org.emulsion.pipeline.report.ReportPage;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationTarget;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * What a restore delivers besides its frames: the baseline a restorer judges the result against
 * (what the target gives without a trained model, merged by the same compositor, same names and
 * format as the frames), the held-out scores of result, baseline and scan against the evidence,
 * {@code report.json}, {@code report.html} and the provenance sidecar.
 */
public final class DeliverablesStage {
    private static final int QUEUE = 2;

    private DeliverablesStage() {
    }

    /**
     * Renders the baseline for every scan frame, scores the held-out frames, and writes the report
     * and the provenance sidecar.
     *
     * @param baseline the input the baseline is made from (one for the whole film, as a colourist grades it)
     * @param report   the run's report; gains {@code provenance}, {@code baseline}, {@code heldOut} and {@code outputFormat}
     * @return the report.json file
     */
    static Path write(RestorationJob job, Registration registration, LumaTone tone, ModelInput baseline, double workScale,
            Provenance provenance, JsonObject report, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, 10);
        progress.subTask("rendering the baseline");
        renderBaseline(job, registration.frames(), tone, baseline, workScale, progress.split(8));
        JsonObject record = provenance.toJson();
        if (report.has("sources")) { // a composite's record says how much of each frame came from which element, and was inferred
            record.add("sources", report.get("sources"));
        }
        report.add("provenance", record);
        JsonObject method = new JsonObject();
        method.addProperty("method", baseline.baselineMethod() + ", merged by the compositor (no trained model)");
        method.addProperty("frames", job.layout().baseline().getFileName() + "/");
        method.addProperty("label", baseline.baselineLabel());
        report.add("baseline", method);
        report.addProperty("outputFormat", job.format().optionValue());
        report.add("heldOut", heldOut(job, registration.heldOut()));
        Path reportFile = job.layout().reportJson();
        JsonFiles.write(reportFile, report);
        ReportPage.write(job.outputDirectory());
        JsonFiles.write(job.outputDirectory().resolve(Provenance.SIDECAR), record);
        progress.split(2).done();
        return reportFile;
    }

    private static void renderBaseline(RestorationJob job, List<Registered> frames, LumaTone tone, ModelInput input,
            double workScale, IProgressMonitor monitor) throws IOException {
        Path dir = Files.createDirectories(job.layout().baseline());
        RestorationTarget target = job.restoration();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(ImageFiles.KEY_TOOL, "Emulsion " + Provenance.installedVersion());
        metadata.put(ImageFiles.KEY_PROJECT, job.workflowId());
        metadata.put("method", input.baselineMethod() + " (baseline for comparison, no trained model)");
        metadata.put("sourceElement", job.scanLocation().toAbsolutePath().toString());
        job.references().forEach(r -> metadata.merge("reference", r.location().toAbsolutePath().toString(), (a, b) -> a + "; " + b));
        EvidenceReader reader = new EvidenceReader(job, new ResumeFolder(job.outputDirectory()), target.needsReferencesToRender(),
                target.needsDamage());
        List<FrameSlot> slots = frames.stream().map(r -> new FrameSlot(r, null)).toList();
        FramePipeline.perFrame((FrameSlot slot) -> {
            slot.evidence = reader.read(slot.frame.frame());
            return slot.evidence.scan();
        }, (slot, scan) -> baseline(job, tone, input, workScale, slot.evidence), (slot, result) -> {
            job.format().write(dir, slot.evidence.name(), result, metadata);
            slot.evidence = null;
        }, QUEUE).run(slots, monitor);
    }

    /** The baseline of one frame: the target's model-free prediction through the compositor, on the luma the results keep. */
    static Image baseline(RestorationJob job, LumaTone tone, ModelInput input, double workScale, Evidence frame) {
        RestorationTarget target = job.restoration();
        return job.compositor().compose(tone.scan(frame), target.baseline(input, frame, workScale), frame.references(),
                target.compositeMask(frame));
    }

    /**
     * The target's scores of result, baseline and scan on the held-out frames (confidently aligned
     * frames no model trained on), read back from the written frames, averaged.
     */
    private static JsonObject heldOut(RestorationJob job, List<Evidence> heldOut) throws IOException {
        List<String> names = new ArrayList<>();
        Map<String, Double> sums = new LinkedHashMap<>();
        for (Evidence frame : heldOut) {
            String file = job.format().fileName(frame.name());
            Image result = ImageFiles.read(job.layout().frames().resolve(file)).image();
            Image baseline = ImageFiles.read(job.layout().baseline().resolve(file)).image();
            job.restoration().scoreHeldOut(frame, result, baseline, job.compositor()).forEach((k, v) -> sums.merge(k, v, Double::sum));
            names.add(frame.name());
        }
        JsonObject json = new JsonObject();
        json.addProperty("frames", String.join(" ", names));
        JsonArray frameList = new JsonArray();
        names.forEach(frameList::add);
        json.add("frameList", frameList);
        json.addProperty("against", "the references registered on the scan, where they cover it");
        // the frames were rendered from their own references too: the figures say how closely the result keeps to them
        json.addProperty("referencesRendered", job.restoration().needsReferencesToRender(job));
        sums.forEach((k, v) -> json.addProperty(k, v / heldOut.size()));
        return json;
    }
}
