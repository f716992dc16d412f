package org.emulsion.ui.internal.monitor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.emulsion.engine.ContactSheets;
import org.emulsion.engine.TrainingLog;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.RunFolder;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.UiThread;
import org.emulsion.ui.internal.compare.CompareCanvas;
import org.emulsion.ui.internal.compare.DisplayImages;

/**
 * "Training Monitor": follows the training of a run folder as it happens, from the live logs
 * each model's training folder gets ({@link TrainingLog}): loss and validation plot, step of
 * the step limit, elapsed time and time left, the newest contact sheet, and a Cancel button for
 * the Job that runs the training, when there is one. The logs are polled off the UI thread, once
 * a second, so the monitor also follows a restore started elsewhere (the command line).
 */
public final class TrainingMonitorView extends ViewPart {
    public static final String ID = "org.emulsion.ui.views.monitor";
    private static final long POLL_MILLIS = 1000;

    private Label folderLabel;
    private Combo modelCombo;
    private Label statusLabel;
    private Button cancelButton;
    private LossPlot plot;
    private Label sheetLabel;
    private CompareCanvas sheetCanvas;

    private Path folder;
    private Job job;
    private Poller poller;
    private final JobChangeAdapter jobListener = new JobChangeAdapter() {
        @Override
        public void done(IJobChangeEvent event) {
            UiThread.later(statusLabel, TrainingMonitorView.this::showStatus);
        }
    };
    /** What the poller saw last, by model name (UI thread). */
    private List<ModelState> models = List.of();
    private String shownModel;
    private Path shownSheet;
    private String problem;

    /**
     * Shows the monitor and makes it follow {@code outputFolder}; {@code jobOrNull} is the Job that
     * trains there, which Cancel cancels. Call on the UI thread.
     */
    public static TrainingMonitorView watch(Path outputFolder, Job jobOrNull) throws PartInitException {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        TrainingMonitorView view = (TrainingMonitorView) page.showView(ID);
        view.watchFolder(outputFolder, jobOrNull);
        return view;
    }

    /** One model's training as last polled: immutable. */
    public record ModelState(String name, List<TrainingLog.Step> steps, List<TrainingLog.Validation> validations, int maxSteps,
            Duration elapsed, Duration remaining, boolean finished, boolean interrupted, int bestStep, Path newestSheet,
            ImageData sheet) {
        int lastStep() {
            return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step();
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite header = new Composite(parent, SWT.NONE);
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        header.setLayout(new GridLayout(4, false));
        folderLabel = new Label(header, SWT.NONE);
        folderLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        folderLabel.setText(Labels.get("monitor.noFolder"));
        new Label(header, SWT.NONE).setText(Labels.get("monitor.model"));
        modelCombo = new Combo(header, SWT.READ_ONLY);
        modelCombo.addListener(SWT.Selection, e -> {
            shownModel = modelCombo.getText();
            showModel();
        });
        cancelButton = new Button(header, SWT.PUSH);
        cancelButton.setText(Labels.get("monitor.cancel"));
        cancelButton.setEnabled(false);
        cancelButton.addListener(SWT.Selection, e -> {
            if (job != null) {
                job.cancel();
                cancelButton.setEnabled(false);
            }
        });
        statusLabel = new Label(parent, SWT.NONE);
        statusLabel.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        plot = new LossPlot(sash, SWT.BORDER);
        Composite sheetPane = new Composite(sash, SWT.NONE);
        sheetPane.setLayout(new GridLayout(1, false));
        sheetLabel = new Label(sheetPane, SWT.NONE);
        sheetLabel.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        sheetCanvas = new CompareCanvas(sheetPane, SWT.BORDER);
        sheetCanvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        sheetCanvas.setMode(CompareCanvas.Mode.A_ONLY);
        sheetCanvas.setLabels(Labels.get("monitor.sheet.columns"), "");
        sash.setWeights(55, 45);
    }

    /** Follows {@code outputFolder} from now on (the previous folder is dropped). UI thread. */
    public void watchFolder(Path outputFolder, Job jobOrNull) {
        stopPolling();
        if (job != null) {
            job.removeJobChangeListener(jobListener);
        }
        folder = outputFolder.toAbsolutePath().normalize();
        job = jobOrNull;
        models = List.of();
        shownModel = null;
        shownSheet = null;
        problem = null;
        folderLabel.setText(Labels.get("monitor.folder", folder));
        modelCombo.removeAll();
        plot.setData(List.of(), List.of());
        sheetCanvas.setImages((ImageData) null, null);
        sheetLabel.setText(Labels.get("monitor.sheet.none"));
        if (job != null) {
            job.addJobChangeListener(jobListener);
        }
        poller = new Poller(folder);
        poller.schedule();
        showStatus();
    }

    /** The folder followed, or null. */
    public Path folder() {
        return folder;
    }

    /** The state of each model as last polled (for tests and glue). UI thread. */
    public List<ModelState> models() {
        return models;
    }

    /** The plot (for tests). */
    public LossPlot plot() {
        return plot;
    }

    /** The status line's text (for tests). UI thread. */
    public String status() {
        return statusLabel.getText();
    }

    private void update(List<ModelState> polled, String pollProblem) {
        problem = pollProblem;
        models = polled;
        List<String> names = polled.stream().map(ModelState::name).toList();
        if (!names.equals(List.of(modelCombo.getItems()))) {
            modelCombo.setItems(names.toArray(String[]::new));
            modelCombo.getParent().layout();
        }
        if (shownModel == null || !names.contains(shownModel)) {
            // the model training now: the last one not finished, else the last one
            shownModel = polled.stream().filter(m -> !m.finished()).map(ModelState::name).findFirst()
                    .orElse(names.isEmpty() ? null : names.get(names.size() - 1));
        }
        showModel();
    }

    private void showModel() {
        ModelState model = models.stream().filter(m -> m.name().equals(shownModel)).findFirst().orElse(null);
        modelCombo.select(model == null ? -1 : models.indexOf(model));
        if (model == null) {
            plot.setData(List.of(), List.of());
        } else {
            plot.setData(model.steps(), model.validations());
            if (model.newestSheet() != null && !model.newestSheet().equals(shownSheet)) {
                shownSheet = model.newestSheet();
                sheetCanvas.setImages(model.sheet(), null);
                sheetLabel.setText(Labels.get("monitor.sheet.step", String.valueOf(ContactSheets.step(shownSheet))));
            }
        }
        showStatus();
    }

    private void showStatus() {
        if (statusLabel.isDisposed()) {
            return;
        }
        ModelState model = models.stream().filter(m -> m.name().equals(shownModel)).findFirst().orElse(null);
        List<String> parts = new ArrayList<>();
        if (model == null) {
            parts.add(Labels.get("monitor.waiting"));
        } else {
            parts.add(Labels.get("monitor.step", model.lastStep(), model.maxSteps()));
            parts.add(Labels.get("monitor.elapsed", clock(model.elapsed())));
            if (model.remaining() != null) {
                parts.add(Labels.get("monitor.remaining", clock(model.remaining())));
            }
            if (!model.steps().isEmpty()) {
                parts.add(Labels.get("monitor.loss", format(model.steps().get(model.steps().size() - 1).loss())));
            }
            if (!model.validations().isEmpty()) {
                TrainingLog.Validation last = model.validations().get(model.validations().size() - 1);
                parts.add(Labels.get("monitor.validation", format(last.loss()), format(last.best())));
            }
            if (model.finished()) {
                parts.add(Labels.get("monitor.finished", model.bestStep()));
            } else if (model.interrupted()) {
                parts.add(Labels.get("monitor.interrupted"));
            }
        }
        boolean running = job != null && job.getState() != Job.NONE;
        if (job != null && !running && job.getResult() != null) {
            parts.add(Labels.get(job.getResult().getSeverity() == IStatus.CANCEL ? "monitor.job.cancelled" : "monitor.job.done",
                    job.getName()));
        }
        if (problem != null) {
            parts.add(problem);
        }
        statusLabel.setText(String.join(" \u00b7 ", parts));
        cancelButton.setEnabled(running);
        statusLabel.getParent().layout();
    }

    private static String format(float loss) {
        return String.format(Locale.ROOT, "%.4g", loss);
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private void stopPolling() {
        if (poller != null) {
            poller.cancel();
            poller = null;
        }
    }

    @Override
    public void setFocus() {
        modelCombo.setFocus();
    }

    @Override
    public void dispose() {
        stopPolling();
        if (job != null) {
            job.removeJobChangeListener(jobListener);
        }
        super.dispose();
    }

    /** Reads the logs' new lines and the newest contact sheets once a second, off the UI thread. */
    private final class Poller extends Job {
        private final Path watched;
        private final Map<String, TrainingLog> logs = new HashMap<>();
        private final Map<String, ModelState> last = new HashMap<>();
        private boolean first = true;

        Poller(Path watched) {
            super(Labels.get("monitor.poller", watched));
            this.watched = watched;
            setSystem(true);
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            List<ModelState> states = new ArrayList<>();
            String pollProblem = null;
            boolean changed = first;
            try {
                for (RunFolder.Model model : RunFolder.models(watched)) {
                    TrainingLog log = logs.computeIfAbsent(model.name(), name -> model.log());
                    ModelState before = last.get(model.name());
                    boolean fresh = log.poll();
                    Path newest = model.contactSheets().isEmpty() ? null : model.contactSheets().get(model.contactSheets().size() - 1);
                    if (before != null && !fresh && java.util.Objects.equals(newest, before.newestSheet())) {
                        states.add(before);
                        continue;
                    }
                    ImageData sheet = before != null && java.util.Objects.equals(newest, before.newestSheet()) ? before.sheet()
                            : newest == null ? null : DisplayImages.toImageData(ImageFiles.read(newest).image());
                    ModelState state = new ModelState(model.name(), log.steps(), log.validations(), log.maxSteps(), log.elapsed(),
                            log.remaining(), log.finished(), log.interrupted(), log.bestStep(), newest, sheet);
                    last.put(model.name(), state);
                    states.add(state);
                    changed = true;
                }
            } catch (IOException | RuntimeException e) {
                pollProblem = e.getMessage();
                changed = true;
            }
            first = false;
            if (changed) {
                String reported = pollProblem;
                UiThread.later(statusLabel, () -> {
                    if (poller == this) {
                        update(states, reported);
                    }
                });
            }
            if (!monitor.isCanceled()) {
                schedule(POLL_MILLIS);
            }
            return Status.OK_STATUS;
        }
    }
}
