package org.emulsion.ui.internal.projects;

import org.emulsion.core.project.FilmProject;
import org.emulsion.core.project.RestorationRun;

/** A restoration run in the explorer tree, with the project it was made for. */
public record RunNode(FilmProject project, RestorationRun run) {
}
