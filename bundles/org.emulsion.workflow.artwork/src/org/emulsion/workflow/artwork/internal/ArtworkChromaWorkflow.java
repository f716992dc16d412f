package org.emulsion.workflow.artwork.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.JsonFiles;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.core.extensions.WorkflowRun;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.pipeline.Provenance;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationWorkflow;
import org.emulsion.pipeline.internal.ResumeFolder;
import org.emulsion.pipeline.internal.ShotList;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code artwork-chroma}: the shared restoration pipeline with the {@code artwork} target, its
 * reference a folder of artwork. Beyond the declarative recipe it honours {@code --assign} (the
 * restorer's artworks per frame, over what retrieval chose) and records the artwork for the
 * report and the provenance: every file with its SHA-256, the files skipped and why, which artwork
 * each run of frames learnt from, the palette, and the colour assumption.
 */
public final class ArtworkChromaWorkflow extends RestorationWorkflow {
    private static final String ARTWORK = "artwork";
    private static final String ASSIGN = "assign";
    static final String NOTE = "The colour is inferred from artwork of the film's world, not from any copy of the film: an "
            + "interpretation. Assumed: the artwork shows the same world (places, costumes, light) as the scan, is in the colour "
            + "space its ICC profile names (sRGB where it names none), and "
            + "its painter's palette is the colour to recover; the scan's fade is estimated against it.";

    @Override
    public WorkflowResult run(WorkflowRun run, IProgressMonitor monitor) throws EmulsionException {
        WorkflowResult result = super.run(run, monitor);
        Map<String, String> summary = new LinkedHashMap<>(result.summary());
        try {
            JsonObject artwork = JsonFiles.read(result.report()).getAsJsonObject(ARTWORK);
            if (artwork != null && artwork.getAsJsonArray("skipped").size() > 0) {
                List<String> skipped = new ArrayList<>();
                artwork.getAsJsonArray("skipped").forEach(s -> skipped.add(s.getAsJsonObject().get("file").getAsString() + " ("
                        + s.getAsJsonObject().get("why").getAsString() + ")"));
                summary.put("warning: artwork skipped", String.join(", ", skipped));
            }
        } catch (IOException e) {
            throw new EmulsionException(result.report() + " cannot be read back (" + e.getMessage() + ")", e);
        }
        return new WorkflowResult(result.outputDirectory(), result.report(), summary);
    }

    /**
     * Opens the artwork folder and lets retrieval choose each frame's artwork, then applies
     * {@code --assign}; the material's extra report holds the artwork record.
     */
    @Override
    protected Material openReferences(WorkflowRun run, FrameSource scan, IProgressMonitor monitor) throws EmulsionException {
        Path location = existing(run, ARTWORK);
        if (!Files.isDirectory(location)) {
            throw new EmulsionException("--artwork " + location + " is not a folder; give the folder that holds the artwork "
                    + "(JPEG, PNG or TIFF)");
        }
        Material opened = super.openReferences(run, scan, monitor);
        try {
            RestorationJob.Reference reference = opened.references().get(0);
            ArtworkFolder folder = ((ArtworkFolderSource.Frames) reference.source()).folder();
            folder.skipped().forEach(s -> ILog.of(getClass()).warn("artwork " + s.file() + " skipped: " + s.why()));
            ArtworkAssignment assignment = run.hasOption(ASSIGN) && !run.option(ASSIGN).isBlank()
                    ? ArtworkAssignment.read(existing(run, ASSIGN), folder, scan.frameCount(), () -> shots(run, scan, monitor)) : null;
            TemporalMatch match = assignment == null ? reference.match() : assignment.apply(reference.match());
            RestorationJob.Reference chosen = new RestorationJob.Reference(reference.role(), reference.source(), reference.location(),
                    match, reference.aligner(), reference.colourDrifts());
            return new Material(opened.scan(), opened.scanLocation(), List.of(chosen), opened.truth(),
                    record(folder, match, scan, assignment));
        } catch (EmulsionException | RuntimeException e) {
            opened.references().forEach(r -> r.source().close());
            throw e;
        } catch (IOException e) {
            opened.references().forEach(r -> r.source().close());
            throw new EmulsionException(e.getMessage(), e);
        }
    }

    /**
     * The scan's shots and scenes, found as the run's registration finds them (so numbered as the
     * report numbers them), and kept in the output folder for it.
     */
    private static ShotList shots(WorkflowRun run, FrameSource scan, IProgressMonitor monitor) throws EmulsionException {
        try {
            return new ResumeFolder(run.outputDirectory()).shots(scan, monitor);
        } catch (IOException e) {
            throw new EmulsionException("the scan's shots cannot be found for --assign (" + e.getMessage() + ")", e);
        }
    }

    /** The artwork record of the report: files, skipped files, runs of frames and their artwork, palette, provenance files. */
    static JsonObject record(ArtworkFolder folder, TemporalMatch match, FrameSource scan, ArtworkAssignment assignment)
            throws IOException {
        int[] chosen = match.referenceFrames();
        int[] shown = new int[folder.artworks().size()];
        for (int a : chosen) {
            if (a >= 0) {
                shown[a]++;
            }
        }
        JsonObject artwork = new JsonObject();
        artwork.addProperty("folder", folder.folder().toString());
        artwork.addProperty("colourEncoding", ArtworkFolder.COLOUR_ENCODING);
        artwork.addProperty("choice", assignment == null ? match.method() : match.method() + " (" + assignment.file() + ")");
        artwork.addProperty("note", NOTE);
        JsonArray files = new JsonArray();
        JsonObject sums = new JsonObject();
        TreeSet<Integer> used = new TreeSet<>();
        for (int a = 0; a < shown.length; a++) {
            ArtworkFolder.Artwork w = folder.artworks().get(a);
            JsonObject f = new JsonObject();
            f.addProperty("file", w.name());
            f.addProperty("sha256", w.sha256());
            f.addProperty("width", w.width());
            f.addProperty("height", w.height());
            f.addProperty("colourEncoding", w.colourEncoding());
            f.addProperty("framesGiven", shown[a]);
            files.add(f);
            sums.addProperty(w.name(), w.sha256());
            if (shown[a] > 0) {
                used.add(a);
            }
        }
        artwork.add("files", files);
        JsonArray skipped = new JsonArray();
        for (ArtworkFolder.Skipped s : folder.skipped()) {
            JsonObject o = new JsonObject();
            o.addProperty("file", s.file().getFileName().toString());
            o.addProperty("why", s.why());
            skipped.add(o);
        }
        artwork.add("skipped", skipped);
        JsonArray runs = new JsonArray();
        // runs of consecutive frames drawing on the same few artworks (retrieval gives a frame's best ones in turn)
        for (int f = 0; f < chosen.length;) {
            TreeSet<Integer> set = new TreeSet<>();
            int end = f;
            while (end < chosen.length) {
                TreeSet<Integer> grown = new TreeSet<>(set);
                grown.add(chosen[end]);
                if (grown.size() > ArtworkRetrieval.CHOICES) {
                    break;
                }
                set = grown;
                end++;
            }
            JsonObject run = new JsonObject();
            run.addProperty("first", scan.frameName(f));
            run.addProperty("last", scan.frameName(end - 1));
            JsonArray names = new JsonArray();
            set.stream().filter(a -> a >= 0).forEach(a -> names.add(folder.artworks().get(a).name()));
            run.add("artwork", names);
            runs.add(run);
            f = end;
        }
        artwork.add("runs", runs);
        JsonObject extra = new JsonObject();
        extra.add(ARTWORK, artwork);
        extra.add(Provenance.REFERENCE_FILES, sums);
        List<Image> pictures = new ArrayList<>();
        for (int a : used) {
            pictures.add(folder.read(a));
        }
        extra.add("palette", ArtworkPalette.of(pictures));
        return extra;
    }

}
