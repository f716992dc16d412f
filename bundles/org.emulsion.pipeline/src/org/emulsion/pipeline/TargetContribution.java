package org.emulsion.pipeline;

import org.eclipse.core.runtime.IConfigurationElement;
import org.emulsion.core.extensions.Contribution;

/** A restoration target as its contribution declares it: what frames it makes are (IPTC), and what their provenance says. */
public final class TargetContribution extends Contribution<RestorationTarget> {
    private static final String IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/";

    TargetContribution(IConfigurationElement element, Class<RestorationTarget> type) {
        super(element, type);
    }

    /**
     * The IPTC digital source type of the frames (a full URI): {@code compositeWithTrainedAlgorithmicMedia}
     * when captured pixels stay (chroma on the scan's luma, damage filled), {@code trainedAlgorithmicMedia}
     * when the whole of a channel is inferred.
     */
    public String digitalSourceType() {
        return IPTC + attribute("digitalSourceType", "compositeWithTrainedAlgorithmicMedia");
    }

    /** What every frame's provenance says was inferred and what kept (translatable). */
    public String note() {
        return attribute("note", "");
    }

    /** What the model's output replaces, for people ("chroma (Cb, Cr)", "luma (Y) inside the damage"). */
    public String replaces() {
        return attribute("replaces", id());
    }
}
