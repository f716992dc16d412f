package org.emulsion.ui.internal.wizards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.emulsion.media.ImageFiles;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.compare.DisplayImages;

/**
 * Thumbnails of the first pictures (PNG, JPEG, TIFF; in sRGB, an embedded ICC profile honoured) of
 * a folder, read off the UI thread, under a line saying how many the folder holds and naming those
 * that cannot be read: what a path page shows of a folder of artwork before the run.
 */
public final class PictureStrip {
    /** Pictures shown at most: enough to recognise the folder, few enough to read at once. */
    static final int SHOWN = 12;
    /** Thumbnail height in pixels. */
    static final int HEIGHT = 72;

    private final Label note;
    private final Composite strip;
    private final PreviewLoader loader;
    private final List<Image> images = new ArrayList<>();

    public PictureStrip(Composite parent) {
        note = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(note);
        strip = new Composite(parent, SWT.NONE);
        RowLayout row = new RowLayout(SWT.HORIZONTAL);
        row.wrap = true;
        strip.setLayout(row);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(strip);
        loader = new PreviewLoader(note);
        strip.addDisposeListener(e -> {
            loader.cancel();
            clear();
        });
    }

    /** Shows the first pictures of {@code folder}; nothing (and no note) for a path that is not a folder. */
    public void show(Path folder) {
        clear();
        if (folder == null || !Files.isDirectory(folder)) {
            loader.cancel();
            note.setText("");
            return;
        }
        List<Path> pictures;
        try (Stream<Path> list = Files.list(folder)) {
            pictures = list.filter(Files::isRegularFile).filter(ImageFiles::isPicture).sorted().toList();
        } catch (IOException e) {
            note.setText(e.getMessage());
            return;
        }
        if (pictures.isEmpty()) {
            loader.cancel();
            note.setText(Labels.get("wizard.pictures.none", folder));
            return;
        }
        List<Path> first = pictures.subList(0, Math.min(SHOWN, pictures.size()));
        List<String> names = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        loader.load(Labels.get("wizard.pictures.reading", folder.getFileName()), monitor -> read(first, names, unreadable, monitor), strip, data -> {
            clear();
            for (int i = 0; i < data.length; i++) {
                Label thumbnail = new Label(strip, SWT.BORDER);
                Image image = new Image(strip.getDisplay(), data[i]);
                images.add(image);
                thumbnail.setImage(image);
                thumbnail.setToolTipText(names.get(i));
            }
            note.setText(Labels.get("wizard.pictures.count", pictures.size(), data.length)
                    + (unreadable.isEmpty() ? "" : " " + Labels.get("wizard.pictures.unreadable", String.join(", ", unreadable))));
            strip.getParent().layout(true, true);
        });
    }

    /** Whether thumbnails are being read (tests wait for them). */
    public boolean isLoading() {
        return loader.isLoading();
    }

    /** The thumbnails shown. */
    public List<Control> thumbnails() {
        return List.of(strip.getChildren());
    }

    /** Thumbnails of {@code files}, those read before {@code monitor} was cancelled (a new folder chosen meanwhile). */
    private static ImageData[] read(List<Path> files, List<String> names, List<String> unreadable, IProgressMonitor monitor) {
        List<ImageData> out = new ArrayList<>();
        for (Path file : files) {
            if (monitor.isCanceled()) {
                break;
            }
            try {
                out.add(DisplayImages.thumbnail(ImageFiles.readSrgb(file), HEIGHT));
                names.add(file.getFileName().toString());
            } catch (IOException | RuntimeException e) {
                unreadable.add(file.getFileName().toString());
            }
        }
        return out.toArray(ImageData[]::new);
    }

    private void clear() {
        for (Control c : strip.getChildren()) {
            c.dispose();
        }
        images.forEach(Image::dispose);
        images.clear();
    }
}
