package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.pipeline.AlignmentReport;
import org.emulsion.pipeline.Alignments;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.Provenance;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.SequenceAligner;

import com.google.gson.JsonObject;

/**
 * The preparation stage every recipe shares: finds the scan's shots and scenes, registers each
 * reference frame on its scan frame (the primary reference's alignment, per shot then refined per
 * frame, is the one the restorer reviews; every other reference is registered the same way),
 * curates the training pairs per shot on the primary reference ({@link PairCuration};
 * {@value PairCuration#FILE} lists them for the restorer), keeps a few held-out frames, writes the
 * alignment report and, for a target that composites through damage, the damage maps. All of it is
 * kept in the resume folder: a re-run of the job reuses it without aligning again, honouring the
 * restorer's edits of {@value PairCuration#FILE}.
 */
public final class RegistrationStage {
    /** Aligned frames that get a difference image in the alignment report. */
    private static final int DIFFERENCE_SAMPLES = 6;
    /** Held-out frames the models are validated on and show on their contact sheets. */
    private static final int HELD_OUT = 2;

    private RegistrationStage() {
    }

    /**
     * Registers, or reads back what an earlier run of the job registered.
     *
     * @throws EmulsionException when the output folder was prepared for other inputs, or reading fails
     */
    public static Registration run(RestorationJob job, IProgressMonitor monitor) throws EmulsionException {
        SubMonitor progress = SubMonitor.convert(monitor, 30);
        ResumeFolder resume = new ResumeFolder(job.outputDirectory());
        resume.claimPreparation(preparation(job));
        try {
            progress.subTask("finding shots");
            ShotList shots = resume.shots(job.scan(), progress.split(4));
            progress.setWorkRemaining(26);
            ResumeFolder.StoredRegistration stored = resume.registration();
            if (stored == null) {
                stored = alignPrimary(job, shots, resume, progress.split(14));
            }
            progress.setWorkRemaining(12);
            Set<Integer> kept = evidenceFrames(stored);
            for (int k = 1; k < job.references().size(); k++) {
                if (resume.frames(k) == null) {
                    alignOther(job, k, kept, resume, progress.split(6 / (job.references().size() - 1)));
                }
            }
            progress.setWorkRemaining(6);
            if (job.restoration().needsDamage()) {
                DamageMaps.ensure(job, resume, shots, progress.split(5));
            }
            progress.setWorkRemaining(1);
            return curated(job, shots, stored, resume, progress.split(1));
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }

    /** Aligns the primary reference, tries candidates as they go by and stores the registration. */
    private static ResumeFolder.StoredRegistration alignPrimary(RestorationJob job, ShotList shots, ResumeFolder resume,
            IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, 10);
        int frames = job.scan().frameCount();
        RestorationJob.Reference reference = job.reference();
        // held-out frames: the first usable ones from evenly spaced marks along the film, kept out of the pairs
        Set<Integer> marks = new HashSet<>();
        for (int k = 0; k < HELD_OUT; k++) {
            marks.add((int) ((k + 0.5) * frames / HELD_OUT));
        }
        PairCuration curation = new PairCuration(shots, job.trainEvery(), marks);
        List<PairCuration.Candidate> candidates = new ArrayList<>();
        List<Integer> heldOut = new ArrayList<>();
        AlignmentReport.Differences differences = new AlignmentReport.Differences(job.layout().alignment(), job.scan(),
                reference.match(), reference.aligner(), DIFFERENCE_SAMPLES);
        int viewWidth = Math.max(AlignmentReport.DIFFERENCE_WIDTH, PairCuration.OVERLAY_WIDTH);
        List<SequenceAligner.Frame> aligned = SequenceAligner.align(job.scan(), reference.source(), reference.match(),
                reference.aligner(), viewWidth, (frame, scan, ref) -> {
                    differences.aligned(frame, scan, ref);
                    int f = frame.scanFrame();
                    String role = curation.roleOf(f);
                    boolean held = role == null && Alignments.usable(frame.alignment()) && heldOut.size() < HELD_OUT
                            && f >= (int) ((heldOut.size() + 0.5) * frames / HELD_OUT);
                    if (role == null && !held) {
                        return;
                    }
                    String rejection = job.restoration().referencesRegistered()
                            ? PairCuration.rejection(frame.alignment(), scan, ref, reference.aligner())
                            : PairCuration.unplaced(frame.alignment(), ref);
                    if (role != null) {
                        candidates.add(curation.verdict(f, frame.referenceFrame(), rejection));
                    } else if (rejection == null) {
                        heldOut.add(f);
                    } else {
                        return;
                    }
                    keep(resume, 0, frame, scan, ref, reference.aligner());
                }, progress.split(9));
        progress.subTask("writing the alignment report");
        AlignmentReport.write(job.layout().alignment(), job.scan(), reference.source(), reference.match(), aligned,
                differences);
        resume.saveRegistration(aligned, candidates, heldOut); // last: its presence means the registration is complete
        progress.split(1);
        return resume.registration();
    }

    /** Registers reference {@code k} (≥ 1) on every scan frame, keeping it for the frames that serve as evidence. */
    private static void alignOther(RestorationJob job, int k, Set<Integer> kept, ResumeFolder resume, IProgressMonitor monitor)
            throws IOException {
        RestorationJob.Reference reference = job.references().get(k);
        SubMonitor.convert(monitor).setTaskName("Registering " + reference.role() + " " + reference.location().getFileName());
        List<SequenceAligner.Frame> aligned = SequenceAligner.align(job.scan(), reference.source(), reference.match(),
                reference.aligner(), 0, (frame, scan, ref) -> {
                    if (kept.contains(frame.scanFrame()) && Alignments.usable(frame.alignment())) {
                        keep(resume, k, frame, scan, ref, reference.aligner());
                    }
                }, monitor);
        resume.saveFrames(k, aligned);
    }

    /** Keeps reference {@code k} registered on an evidence frame ({@link ResumeFolder#saveRegistered}). */
    private static void keep(ResumeFolder resume, int k, SequenceAligner.Frame frame, SequenceAligner.ScanView scan, Image ref,
            Aligner aligner) throws IOException {
        resume.saveRegistered(k, frame.scanFrame(), frame.alignment(), ref,
                () -> aligner.warp(ref, frame.alignment(), scan.width(), scan.height()));
    }

    /** The frames whose registered references are kept: every pair candidate and held-out frame. */
    private static Set<Integer> evidenceFrames(ResumeFolder.StoredRegistration stored) {
        Set<Integer> frames = new HashSet<>(stored.heldOut());
        stored.candidates().forEach(c -> frames.add(c.scanFrame()));
        return frames;
    }

    /**
     * The registration with the restorer's edits of {@value PairCuration#FILE} applied (the file is
     * written back, so it always lists every candidate), and the chosen and held-out frames read.
     */
    private static Registration curated(RestorationJob job, ShotList shots, ResumeFolder.StoredRegistration stored,
            ResumeFolder resume, IProgressMonitor monitor) throws IOException, EmulsionException {
        Path pairsFile = job.layout().pairs();
        List<PairCuration.Candidate> candidates = PairCuration.applyEdits(pairsFile, stored.candidates());
        PairCuration.write(pairsFile, candidates, job.scan(), job.reference().source());
        Set<Integer> chosen = new HashSet<>();
        candidates.stream().filter(PairCuration.Candidate::chosen).forEach(c -> chosen.add(c.scanFrame()));
        EvidenceReader reader = new EvidenceReader(job, resume, true, job.restoration().needsDamage());
        List<Registered> registered = new ArrayList<>();
        List<Integer> pairs = new ArrayList<>();
        for (ResumeFolder.StoredFrame f : stored.frames()) {
            registered.add(new Registered(f.frame(), f.referenceFrame(), f.alignment(), chosen.contains(f.frame())));
            if (chosen.contains(f.frame())) {
                pairs.add(f.frame());
            }
        }
        SubMonitor.done(monitor);
        return new Registration(registered, new StoredEvidence(reader, pairs), new StoredEvidence(reader, stored.heldOut()),
                List.copyOf(stored.heldOut()), shots, candidates);
    }

    /**
     * What makes a registration this job's: the inputs (locations, frame names and sizes, the
     * temporal matches) and the settings that shape the alignment, the damage and the pairs. A
     * prepared folder may then be restored with any training settings, granularity and format;
     * the first restore fixes those too ({@link RestorationPipeline#fingerprint}).
     */
    static JsonObject preparation(RestorationJob job) {
        JsonObject json = new JsonObject();
        json.addProperty("workflow", job.workflowId());
        json.addProperty("target", job.target().id());
        json.addProperty("scan", job.scanLocation().toAbsolutePath().normalize().toString());
        json.addProperty("scanFrames", describe(job.scan()));
        for (int k = 0; k < job.references().size(); k++) {
            RestorationJob.Reference r = job.references().get(k);
            String suffix = k == 0 ? "" : String.valueOf(k + 1);
            json.addProperty("reference" + suffix, r.location().toAbsolutePath().normalize().toString());
            json.addProperty("referenceFrames" + suffix, describe(r.source()));
            json.addProperty("temporalMatch" + suffix, r.match().method() + " " + Provenance.sha256(Arrays.toString(r.match().referenceFrames())));
            json.addProperty("aligner" + suffix, r.aligner().getClass().getName());
        }
        if (job.masks() != null) {
            json.addProperty("masks", job.masks().toAbsolutePath().normalize().toString());
        }
        json.addProperty("trainEvery", job.trainEvery());
        return json;
    }

    private static String describe(FrameSource source) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < source.frameCount(); i++) {
            names.append(source.frameName(i)).append('\n');
        }
        return source.frameCount() + " frames " + source.info().width() + "x" + source.info().height() + " "
                + source.info().bitDepth() + "-bit, names " + Provenance.sha256(names.toString()).substring(0, 16);
    }
}
