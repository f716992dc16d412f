package org.emulsion.ui.internal.wizards;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.emulsion.core.EmulsionPreferences;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowOption;
import org.emulsion.core.project.FilmElement;
import org.emulsion.core.project.FilmProject;
import org.emulsion.pipeline.PreparedRun;
import org.emulsion.ui.wizards.IRestoreWizardContext;

/**
 * The restore wizard's state: the option values (declared defaults at first), the output folder,
 * the prepared run under review and the restorer's pair choices, which the alignment check and
 * the pair review share and the wizard writes into {@code pairs.json} before the run, and the
 * frames the restorer keeps as scanned in the damage review or the source map review.
 */
public final class RestoreWizardModel implements IRestoreWizardContext {
    private final WorkflowContribution workflow;
    private final FilmProject project;
    private final Map<String, String> options = new LinkedHashMap<>();
    private String outputDirectory = "";
    private PreparedRun prepared;
    /** The options and folder {@link #prepared} was made with; another preparation is needed when they change. */
    private String preparedWith;
    private final Map<Integer, Boolean> choices = new TreeMap<>();
    /** Scan frames whose damage map the restorer rejected: kept as scanned. */
    private final Set<Integer> keptAsScanned = new java.util.TreeSet<>();
    /** Options the run may change after the preparation (the pipeline keys training apart from alignment). */
    private final Set<String> runOnly;
    /** Whether Finish started the run. */
    private boolean started;

    /**
     * @param runOnly options that do not affect the preparation (training time, granularity, format)
     * @param project the film project the restore is for, or null
     */
    public RestoreWizardModel(WorkflowContribution workflow, Set<String> runOnly, FilmProject project) {
        this.workflow = workflow;
        this.project = project;
        this.runOnly = Set.copyOf(runOnly);
        for (WorkflowOption o : workflow.options()) {
            if (o.defaultValue() != null) {
                options.put(o.name(), o.defaultValue());
            }
        }
        if (options.containsKey(TrainingPage.FORMAT)) { // the restorer's default output format (preferences)
            options.put(TrainingPage.FORMAT, EmulsionPreferences.outputFormat());
        }
        // a new folder in the project's runs, else under the work folder (preferences), named after the workflow and the time
        outputDirectory = (project != null ? project.defaultRunFolder(workflow.id(), Instant.now())
                : EmulsionPreferences.workFolder()
                        .resolve(workflow.id() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
                .toString();
    }

    @Override
    public WorkflowContribution workflow() { return workflow; }

    @Override
    public String option(String name) { return options.get(name); }

    @Override
    public void setOption(String name, String value) {
        if (value == null || value.isBlank()) {
            options.remove(name);
        } else {
            options.put(name, value.strip());
        }
    }

    @Override
    public Optional<FilmProject> project() { return Optional.ofNullable(project); }

    /** The material of the project, for path fields to offer (none without a project). */
    public List<FilmElement> projectElements() { return project == null ? List.of() : project.elements(); }

    /** The options as the launcher takes them (unset ones left out: the launcher names a missing required one). */
    public Map<String, String> options() { return Map.copyOf(options); }

    public String outputDirectory() { return outputDirectory; }

    public void setOutputDirectory(String folder) { outputDirectory = folder == null ? "" : folder.strip(); }

    public Path outputPath() { return Path.of(outputDirectory).toAbsolutePath().normalize(); }

    @Override
    public Path outputFolder() { return outputPath(); }

    @Override
    public boolean started() { return started; }

    /** Finish starts the run now. */
    void start() { started = true; }

    /** The run prepared for review, or null. */
    public PreparedRun prepared() { return prepared; }

    /** Whether the preparation under review was made with the current options and folder. */
    public boolean isPrepared() { return prepared != null && Objects.equals(preparedWith, key()); }

    /** Takes {@code run} as the preparation under review; the restorer's earlier choices are kept where they still apply. */
    public void setPrepared(PreparedRun run) {
        if (prepared != null && prepared != run) {
            prepared.close();
        }
        prepared = run;
        preparedWith = key();
        choices.keySet().removeIf(f -> run.pairs().stream().noneMatch(p -> p.scanIndex() == f));
        keptAsScanned.removeIf(f -> run.damage().stream().noneMatch(d -> d.index() == f));
    }

    private String key() {
        Map<String, String> preparing = new TreeMap<>(options);
        preparing.keySet().removeAll(runOnly);
        return preparing + " -> " + outputDirectory;
    }

    /** Whether candidate {@code pair} trains: the restorer's choice, else the preparation's. */
    public boolean chosen(PreparedRun.Pair pair) { return choices.getOrDefault(pair.scanIndex(), pair.chosen()); }

    /** Whether scan frame {@code frame} trains, or null when it is not a candidate pair. */
    public Boolean chosen(int frame) {
        if (prepared == null) {
            return null;
        }
        return prepared.pairs().stream().filter(p -> p.scanIndex() == frame).findFirst().map(this::chosen).orElse(null);
    }

    public void choose(int frame, boolean chosen) { choices.put(frame, chosen); }

    /** The restorer's choices so far, by scan frame index. */
    public Map<Integer, Boolean> choices() { return Map.copyOf(choices); }

    /** Whether the damage found on scan frame {@code frame} is repaired (else the frame is kept as scanned). */
    public boolean repairs(int frame) { return !keptAsScanned.contains(frame); }

    public void repair(int frame, boolean repaired) {
        if (repaired) {
            keptAsScanned.remove(frame);
        } else {
            keptAsScanned.add(frame);
        }
    }

    /** The scan frames whose damage the restorer rejected. */
    public Set<Integer> keptAsScanned() { return Set.copyOf(keptAsScanned); }

    public void dispose() {
        if (prepared != null) {
            prepared.close();
        }
    }
}
