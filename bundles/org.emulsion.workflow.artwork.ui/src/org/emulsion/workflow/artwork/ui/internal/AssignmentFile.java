package org.emulsion.workflow.artwork.ui.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.emulsion.core.project.FilmProject;
import org.emulsion.ui.wizards.IRestoreWizardContext;

/**
 * Where the assignment page writes the {@code --assign} file. Not into the output folder: the run
 * refuses one that is not new or empty (Emulsion never overwrites earlier results). So beside it, as
 * {@code <output folder>-assignment-<tag>.json}, which keeps it with the run in a film project's
 * {@value FilmProject#RUNS_FOLDER} folder; for an output folder outside the restore's film project, in
 * the project's {@value FilmProject#RUNS_FOLDER} folder all the same. The tag follows the content: the
 * wizard prepares the run again when an option changes, and a changed assignment is then a changed option.
 */
final class AssignmentFile {
    private AssignmentFile() {
    }

    static Path location(IRestoreWizardContext context, Map<Integer, List<String>> assignment) {
        Path out = context.outputFolder();
        Path folder = context.project().map(p -> p.folder().toAbsolutePath().normalize())
                .map(project -> out.startsWith(project) ? out.getParent() : project.resolve(FilmProject.RUNS_FOLDER))
                .orElse(out.getParent());
        return folder.resolve(out.getFileName() + "-assignment-" + String.format("%08x", assignment.toString().hashCode()) + ".json");
    }
}
