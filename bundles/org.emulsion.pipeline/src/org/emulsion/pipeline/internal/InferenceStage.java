package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.image.Image;
import org.emulsion.engine.FramePipeline;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.Provenance;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationTarget;

/**
 * The rendering stage: every scan frame through its group's model and the recipe's compositor,
 * decoded and written on their own threads while the model infers ({@link FramePipeline}), each
 * frame written with its provenance header. Frames an earlier run wrote with the same model are
 * kept (an interrupted render continues from the missing ones); frames of a model this run does
 * not have are rendered again. A target that maps its confidence gets each frame's map written
 * beside it ({@link org.emulsion.pipeline.RunLayout#CONFIDENCE}). With the truth known, every frame is scored against it.
 */
public final class InferenceStage {
    /** Frames decoded ahead of inference and waiting to be written. */
    private static final int QUEUE = 2;

    private InferenceStage() {
    }

    /**
     * Renders the frames not rendered yet into the job's frames folder.
     *
     * @param tone  the luma the frames keep (the scan's, or tone-mapped)
     * @param range the frames to render (a cluster's unit of work), or null for every frame
     * @param truth the truth scores to fill (only when the job knows its truth)
     * @param shares where the source maps of a compositing target go
     */
    static void run(RestorationJob job, Registration registration, TrainedModels models, LumaTone tone, Provenance provenance,
            FrameRange range, TruthScores truth, SourceShares shares, IProgressMonitor monitor) throws IOException {
        RestorationTarget target = job.restoration();
        Path framesDir = Files.createDirectories(job.layout().frames());
        ResumeFolder resume = new ResumeFolder(job.outputDirectory());
        String[] modelKeys = new String[job.scan().frameCount()];
        for (int f = 0; f < modelKeys.length; f++) {
            modelKeys[f] = models.keys().get(models.modelOf(f));
        }
        String[] before = resume.renderedBy(modelKeys.length);
        List<FrameSlot> slots = new ArrayList<>();
        for (Registered r : registration.frames()) {
            if (range != null && !range.contains(r.frame())) {
                continue;
            }
            FrameSlot slot = new FrameSlot(r, framesDir.resolve(job.format().fileName(job.scan().frameName(r.frame()))));
            boolean present = Files.isRegularFile(slot.file);
            if (present && (before == null || !modelKeys[r.frame()].equals(before[r.frame()]))) {
                Files.delete(slot.file); // rendered by a model this run does not have
                present = false;
            }
            slot.done = present;
            if (!present || job.truth() != null) {
                slots.add(slot);
            }
        }
        if (before == null || !Arrays.equals(before, modelKeys)) {
            resume.saveRenderedBy(modelKeys); // before any frame: a frame on disk is always its model's
        }
        EvidenceReader reader = new EvidenceReader(job, resume, target.needsReferencesToRender(job), target.needsDamage(),
                target.referenceScaleToRender(models.workScale()));
        FramePipeline<FrameSlot> pipeline = FramePipeline.perFrame(slot -> {
            slot.evidence = target.needsNeighbours() ? reader.readWithNeighbours(slot.frame.frame(), registration.shots(),
                    target.neighboursShownByReference())
                    : reader.read(slot.frame.frame());
            if (slot.done) {
                slot.result = ImageFiles.read(slot.file).image();
            }
            return slot.evidence.scan();
        }, (slot, scan) -> {
            if (slot.done) {
                return slot.result;
            }
            Rendered rendered = render(job, models, tone, slot.evidence);
            slot.sources = rendered.sources();
            return rendered.frame();
        }, (slot, result) -> {
            int m = models.modelOf(slot.frame.frame());
            if (!slot.done) {
                Map<String, String> metadata = new LinkedHashMap<>(provenance.frameMetadata(slot.evidence.name(), m));
                metadata.putAll(target.frameFacts(slot.evidence));
                if (slot.sources != null) {
                    metadata.put("sourceFractions", shares.write(job, slot.frame.frame(), slot.evidence.name(), result.width(),
                            result.height(), slot.sources));
                }
                job.format().write(framesDir, slot.evidence.name(), result, metadata);
                Image confidence = target.confidence(models.inputs().get(m), slot.evidence, models.workScale());
                if (confidence != null) {
                    Path map = job.layout().confidenceMap(slot.evidence.name());
                    Files.createDirectories(map.getParent());
                    MaskFiles.write(map, confidence);
                }
            } else {
                shares.read(job, slot.frame.frame(), slot.evidence.name());
            }
            if (job.truth() != null) {
                truth.add(slot.frame.training(), slot.frame.hasReference(),
                        target.scoreTruth(slot.evidence, result, job.truth().read(slot.frame.frame()), job.compositor()));
            }
            slot.evidence = null;
            slot.result = null;
            slot.sources = null;
        }, QUEUE);
        pipeline.run(slots, monitor);
    }

    /** A rendered frame and, for a compositing target, which element each pixel came from (else null). */
    record Rendered(Image frame, int[] sources) {
    }

    /** One frame restored: its model's prediction composited onto the scan (its luma as {@code tone} gives it) through the target's mask. */
    static Rendered render(RestorationJob job, TrainedModels models, LumaTone tone, Evidence frame) {
        int m = models.modelOf(frame.frame());
        RestorationTarget target = job.restoration();
        Image prediction = target.predict(models.models().get(m), models.inputs().get(m), frame, models.workScale());
        return new Rendered(job.compositor().compose(tone.scan(frame), prediction, frame.references(), target.compositeMask(frame)),
                target.sources(frame, prediction));
    }
}
