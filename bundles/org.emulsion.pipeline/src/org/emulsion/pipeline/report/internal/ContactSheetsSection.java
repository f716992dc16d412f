package org.emulsion.pipeline.report.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.emulsion.engine.ContactSheets;
import org.emulsion.pipeline.RunFolder;

/** The latest contact sheets of each model (input | target | output on training and held-out crops). */
final class ContactSheetsSection implements Section {
    /** The newest sheets shown per model. */
    static final int PER_MODEL = 2;

    @Override
    public boolean present(Page page) {
        try {
            return page.run() != null && page.run().models().stream().anyMatch(m -> !m.contactSheets().isEmpty());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void write(Page page, Html h) throws IOException {
        h.raw("<section id=\"contact-sheets\">\n");
        h.element("h2", "", "Contact sheets");
        h.element("p", "class=\"note\"", "Each row: the network's input | the target from the reference | the network's output, "
                + "on training crops and the held-out frames.");
        for (RunFolder.Model m : page.run().models()) {
            List<Path> sheets = m.contactSheets();
            for (Path sheet : sheets.subList(Math.max(0, sheets.size() - PER_MODEL), sheets.size())) {
                String src = page.folder().relativize(sheet).toString();
                h.raw("<figure class=\"sheet\"><a href=\"" + Html.esc(src) + "\"><img src=\"" + Html.esc(src) + "\" alt=\"contact sheet\"></a>"
                        + "<figcaption>" + Html.esc(m.name() + ", step " + Figures.count(ContactSheets.step(sheet))) + "</figcaption></figure>\n");
            }
        }
        h.raw("</section>\n");
    }
}
