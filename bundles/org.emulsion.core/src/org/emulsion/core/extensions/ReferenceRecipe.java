package org.emulsion.core.extensions;

/**
 * One reference a workflow's recipe reads, as its {@code <reference>} element declares it: where
 * the path comes from, how it is opened, matched in time and registered on the scan.
 *
 * @param option          the workflow option naming its location(s) ({@code reference}; a {@code paths}
 *                        option names several references read alike), or empty when the workflow supplies
 *                        the material itself (the demo's generated sample)
 * @param sourceId        the reference source that opens it when it recognises the location (else a frame
 *                        folder or a plain video file is tried)
 * @param temporalAlignerId the temporal aligner, or empty when the frame correspondence is known
 * @param alignerId       the spatial aligner that registers each reference frame on its scan frame
 * @param role            what it is evidence of, for people ("colour reference", "luma guide", "witness print")
 * @param kinds           what the location may be, for messages ("a VIDEO_TS folder, a .vob file or a video file")
 */
public record ReferenceRecipe(String option, String sourceId, String temporalAlignerId, String alignerId, String role,
        String kinds) {

    public ReferenceSource source() {
        return ReferenceSourceRegistry.get().get(sourceId).instance();
    }

    public Aligner aligner() {
        return AlignerRegistry.get().get(alignerId).instance();
    }

    /** The temporal aligner, or null when the recipe knows the frame correspondence itself. */
    public TemporalAligner temporalAligner() {
        return temporalAlignerId.isEmpty() ? null : TemporalAlignerRegistry.get().get(temporalAlignerId).instance();
    }
}
