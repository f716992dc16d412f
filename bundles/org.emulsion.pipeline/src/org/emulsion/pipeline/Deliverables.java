package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.image.Image;
import org.emulsion.engine.FramePipeline;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.ChromaPipeline.AlignedPair;
import org.emulsion.pipeline.ChromaPipeline.Registered;
import org.emulsion.pipeline.ChromaPipeline.Registration;
import org.emulsion.pipeline.report.ReportPage;
import org.emulsion.quality.ColourBaseline;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * What a chroma restore delivers besides its frames: the match-grade baseline a restorer judges
 * the result against ({@value #BASELINE_DIR}/, same names and format as the frames), the
 * held-out metrics of both against the registered reference, {@code report.json},
 * {@value ReportPage#FILE} and the {@value Provenance#SIDECAR} sidecar.
 */
public final class Deliverables {
    /** Output sub-folder of the baseline render. */
    public static final String BASELINE_DIR = "baseline";
    /** Output sub-folder of the restored frames. */
    public static final String FRAMES_DIR = "frames";
    public static final String REPORT_JSON = "report.json";
    private static final int QUEUE = 2;

    private Deliverables() {
    }

    /**
     * Renders {@code grade} (a 3D-LUT match grade fitted on the same training pairs as the model)
     * with the job's compositor (Colour blend: the grade's chroma on the scan's luma) for every
     * scan frame into {@value #BASELINE_DIR}/, scores result and baseline on the held-out frames,
     * and writes the report (JSON and HTML) and the provenance sidecar.
     *
     * @param report the pipeline's report; gains {@code provenance}, {@code baseline} and {@code heldOut}
     * @return the report.json file
     */
    public static Path write(ChromaJob job, Registration registration, ColourBaseline grade, Provenance provenance,
            JsonObject report, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, 10);
        Path out = job.outputDirectory();
        progress.subTask("rendering the match-grade baseline");
        renderBaseline(job, registration.frames(), grade, out.resolve(BASELINE_DIR), progress.split(8));

        report.add("provenance", provenance.toJson());
        JsonObject baseline = new JsonObject();
        baseline.addProperty("method", grade.id() + " match grade fitted on the training pairs, merged with the "
                + "compositor (its chroma on the scan's luma)");
        baseline.addProperty("frames", BASELINE_DIR + "/");
        baseline.addProperty("label", "match grade");
        report.add("baseline", baseline);
        report.addProperty("outputFormat", job.format().optionValue());
        report.add("heldOut", heldOutMetrics(job, registration.heldOut(), out));

        Path reportFile = out.resolve(REPORT_JSON);
        JsonFiles.write(reportFile, report);
        ReportPage.write(out);
        provenance.writeSidecar(out);
        progress.split(2).done();
        return reportFile;
    }

    private static void renderBaseline(ChromaJob job, List<Registered> frames, ColourBaseline grade, Path dir,
            IProgressMonitor monitor) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(ImageFiles.KEY_TOOL, "Emulsion " + Provenance.installedVersion());
        metadata.put(ImageFiles.KEY_PROJECT, job.workflowId());
        metadata.put("method", grade.id() + " match grade (baseline for comparison, no trained model)");
        metadata.put("sourceElement", job.scanLocation().toAbsolutePath().toString());
        metadata.put("reference", job.referenceLocation().toAbsolutePath().toString());
        new FramePipeline<Registered>(r -> job.scan().read(r.frame()), scan -> matchGrade(job.compositor(), grade, scan),
                (r, result) -> job.format().write(dir, job.scan().frameName(r.frame()), result, metadata), QUEUE)
                .run(frames, monitor);
    }

    /** The match grade's chroma on the scan's own luma, as a restorer merges a grade (Colour blend). */
    static Image matchGrade(Compositor compositor, ColourBaseline grade, Image scan) {
        return compositor.compose(scan, Colour.channels(Colour.ycbcr(grade.apply(scan)), 1, 2), List.of(), null);
    }

    /** 1 where the registered reference covers the scan (its samples are finite), else 0: the compositor would fill the rest. */
    private static Image coverage(Image reference) {
        Image mask = Image.blank(reference.width(), reference.height(), 1);
        float[] ref = reference.data();
        for (int i = 0; i < mask.data().length; i++) {
            mask.data()[i] = Float.isNaN(ref[3 * i]) ? 0f : 1f;
        }
        return mask;
    }

    private static double coveredFraction(List<AlignedPair> heldOut) {
        return heldOut.stream().mapToDouble(p -> {
            float[] m = coverage(p.registeredReference()).data();
            double sum = 0;
            for (float v : m) {
                sum += v;
            }
            return sum / m.length;
        }).average().orElse(Double.NaN);
    }

    /**
     * CIEDE2000 of the result, the baseline and the scan as it is against the registered reference
     * on the held-out frames (confidently aligned frames the model never trained on), over the
     * area the reference covers; "chroma" compares with the reference's colour on the scan's luma,
     * which is all a chroma-mode restore can change; {@code coveredFraction} says how much of the frame that is.
     */
    private static JsonObject heldOutMetrics(ChromaJob job, List<AlignedPair> heldOut, Path out) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (AlignedPair pair : heldOut) {
            Image reference = pair.registeredReference();
            Image covered = coverage(reference);
            Image chromaTarget = job.compositor().compose(pair.scan(), Colour.channels(Colour.ycbcr(reference), 1, 2), List.of(), null);
            String file = job.format().fileName(pair.name());
            Image result = ImageFiles.read(out.resolve(FRAMES_DIR).resolve(file)).image();
            Image baseline = ImageFiles.read(out.resolve(BASELINE_DIR).resolve(file)).image();
            rows.add(new double[] {Colour.deltaE2000(result, reference, covered).mean(), Colour.deltaE2000(baseline, reference, covered).mean(),
                    Colour.deltaE2000(pair.scan(), reference, covered).mean(), Colour.deltaE2000(result, chromaTarget, covered).mean(),
                    Colour.deltaE2000(baseline, chromaTarget, covered).mean(), Colour.deltaE2000(pair.scan(), chromaTarget, covered).mean()});
            names.add(pair.name());
        }
        JsonObject json = new JsonObject();
        json.addProperty("frames", String.join(" ", names));
        JsonArray frameList = new JsonArray();
        names.forEach(frameList::add);
        json.add("frameList", frameList);
        json.addProperty("coveredFraction", coveredFraction(heldOut));
        json.addProperty("against", "the reference registered on the scan, where it covers the scan");
        String[] keys = {"deltaE2000Result", "deltaE2000Baseline", "deltaE2000Scan", "deltaE2000ChromaResult",
                "deltaE2000ChromaBaseline", "deltaE2000ChromaScan"};
        for (int k = 0; k < keys.length; k++) {
            int column = k;
            json.addProperty(keys[k], rows.stream().mapToDouble(r -> r[column]).average().orElse(Double.NaN));
        }
        return json;
    }
}
