package org.emulsion.ui.internal.projects;

import org.emulsion.core.project.FilmElement;
import org.emulsion.core.project.FilmProject;

/** An element in the explorer tree, with the project it belongs to (commands act on both). */
public record ElementNode(FilmProject project, FilmElement element) {
}
