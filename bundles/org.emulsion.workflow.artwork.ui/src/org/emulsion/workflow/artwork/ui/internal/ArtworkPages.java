package org.emulsion.workflow.artwork.ui.internal;

import java.util.List;
import java.util.Set;

import org.eclipse.jface.wizard.IWizardPage;
import org.emulsion.ui.wizards.IRestoreWizardContext;
import org.emulsion.ui.wizards.IWorkflowWizardPages;
import org.emulsion.ui.wizards.PathOptionPage;

/**
 * artwork-chroma's pages in its restore wizard: the artwork folder (a path with thumbnails of its first
 * pictures), then the assignment of artworks to the scan's shots ({@link ArtworkAssignmentPage}, which
 * writes the {@code --assign} file or takes the restorer's own).
 */
public final class ArtworkPages implements IWorkflowWizardPages {
    static final String ARTWORK = "artwork";
    static final String ASSIGN = "assign";

    @Override
    public Set<String> coveredOptions() {
        return Set.of(ARTWORK, ASSIGN);
    }

    @Override
    public List<IWizardPage> createPages(IRestoreWizardContext context) {
        return List.of(new PathOptionPage(context, ARTWORK, Texts.get("artwork.title"), Texts.get("artwork.description"),
                Texts.get("artwork.explanation"), true, false, true), new ArtworkAssignmentPage(context));
    }
}
