package org.emulsion.pipeline.internal;

import java.io.IOException;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.Image;
import org.emulsion.pipeline.RestorationJob;

/** Finds the damage of one scan frame from its registered references and its neighbours (wired to org.emulsion.align's detector). */
final class DamageDetection {
    private final RestorationJob job;
    private final EvidenceReader reader;

    DamageDetection(RestorationJob job, ResumeFolder resume) throws IOException {
        this.job = job;
        this.reader = new EvidenceReader(job, resume, true, false);
    }

    Image detect(int frame) throws IOException, EmulsionException {
        throw new EmulsionException("damage detection of " + job.scan().frameName(frame) + " (" + reader + ") is not wired yet");
    }
}
