package org.emulsion.pipeline.report.internal;

import java.io.IOException;
import java.util.List;

/**
 * The pictures first: a few frames spread over the shots as scanned, as the baseline made them,
 * as restored, and the reference registered on them; the held-out (scored) frames marked.
 */
final class BeforeAfter implements Section {
    /** Frames in the strip: enough to see each look of a short film, few enough to take in at a glance. */
    static final int FRAMES = 5;

    @Override
    public boolean present(Page page) {
        return page.frameCount() > 0;
    }

    @Override
    public void write(Page page, Html h) throws IOException {
        h.raw("<section id=\"before-after\">\n");
        h.element("h2", "", "Before and after");
        h.element("p", "class=\"note\"", "Frames spread over the shots; click a picture for a larger view. Held-out frames were kept "
                + "out of training and are the ones the figures above are measured on.");
        String baseline = page.baselineName().replaceFirst("^the ", "");
        Strip.write(page, h, "strip", strip(page), List.of(new Strip.Column("Scan (before)", Previews.View.SCAN),
                new Strip.Column(capital(baseline) + " (baseline)", Previews.View.BASELINE),
                new Strip.Column("Result (after)", Previews.View.RESULT),
                new Strip.Column("Reference, registered on the scan", Previews.View.REFERENCE)));
        h.raw("</section>\n");
    }

    static List<Integer> strip(Page page) {
        return FrameChoice.spread(page.frameCount(), page.ranges("shots"), page.heldOut(), FRAMES);
    }

    static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
