package org.emulsion.ui.internal.projects;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.ListenerList;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.project.FilmProject;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The film projects open in the workbench, in the order they were opened. The list of their
 * folders is kept in this bundle's instance preferences, so it survives a restart. Listeners hear
 * of every change (a project opened, closed or edited) on the thread that made it.
 */
public final class OpenProjects {
    private static final String NODE = "org.emulsion.ui";
    private static final String KEY = "openProjects";
    private static OpenProjects instance;

    private final List<FilmProject> projects = new ArrayList<>();
    private final ListenerList<Consumer<FilmProject>> listeners = new ListenerList<>();

    private OpenProjects() {
    }

    /** The workbench's list, restored from the preferences on first use. */
    public static synchronized OpenProjects get() {
        if (instance == null) {
            instance = new OpenProjects();
            instance.restore();
        }
        return instance;
    }

    /** A folder that no longer holds a readable project (an unplugged drive) is logged and left out. */
    private void restore() {
        for (String folder : preferences().get(KEY, "").split("\n")) {
            if (folder.isBlank()) {
                continue;
            }
            try {
                projects.add(FilmProject.open(Path.of(folder)));
            } catch (EmulsionException e) {
                ILog.of(getClass()).warn("Film project not reopened: " + e.getMessage());
            }
        }
    }

    public synchronized List<FilmProject> projects() {
        return List.copyOf(projects);
    }

    /** The open project in {@code folder}, or null. */
    public synchronized FilmProject find(Path folder) {
        Path normal = folder.toAbsolutePath().normalize();
        return projects.stream().filter(p -> p.folder().equals(normal)).findFirst().orElse(null);
    }

    /** Opens {@code project}; when its folder is open already, that one is kept and returned. */
    public FilmProject add(FilmProject project) {
        synchronized (this) {
            FilmProject open = find(project.folder());
            if (open != null) {
                return open;
            }
            projects.add(project);
            store();
        }
        fire(project);
        return project;
    }

    public void close(FilmProject project) {
        synchronized (this) {
            if (!projects.remove(project)) {
                return;
            }
            store();
        }
        fire(project);
    }

    /** Saves {@code project}'s file and tells the listeners (the explorer) that it changed. */
    public void save(FilmProject project) throws EmulsionException {
        project.save();
        fire(project);
    }

    public void addListener(Consumer<FilmProject> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<FilmProject> listener) {
        listeners.remove(listener);
    }

    private void fire(FilmProject project) {
        listeners.forEach(l -> l.accept(project));
    }

    private void store() {
        IEclipsePreferences node = preferences();
        node.put(KEY, String.join("\n", projects.stream().map(p -> p.folder().toString()).toList()));
        try {
            node.flush();
        } catch (BackingStoreException e) {
            ILog.of(getClass()).error("The list of open film projects could not be saved; it will be lost on restart", e);
        }
    }

    private static IEclipsePreferences preferences() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }
}
