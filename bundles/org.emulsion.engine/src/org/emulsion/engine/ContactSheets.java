package org.emulsion.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.emulsion.core.image.Image;

/**
 * The contact sheets a training run writes into its run folder ({@value #DIRECTORY}/step-NNNNNNN.png):
 * one row per sample of three square tiles, Input | Target | Output, on a grey ground with
 * {@value #GAP}-pixel gaps. Readers (the workbench's viewer and monitor) take the tiles apart here,
 * where the layout is defined.
 */
public final class ContactSheets {
    /** The sub-folder of a run folder that holds the sheets. */
    public static final String DIRECTORY = "contact-sheets";
    /** Pixels between tiles and around them. */
    public static final int GAP = 4;

    private ContactSheets() {
    }

    /** One sample: what the network saw, what it should produce, what it produced. */
    public record Row(Image input, Image target, Image output) {
    }

    /** The sheet file written after {@code step}. */
    public static Path file(Path runDirectory, int step) {
        return runDirectory.resolve(DIRECTORY).resolve(String.format("step-%07d.png", step));
    }

    /** The step after which {@code sheet} (a {@link #file} name) was written. */
    public static int step(Path sheet) {
        return Integer.parseInt(sheet.getFileName().toString().replaceAll("\\D", ""));
    }

    /** The sheets of a run folder, oldest first (none when it has none yet). */
    public static List<Path> list(Path runDirectory) throws IOException {
        Path dir = runDirectory.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("step-\\d+\\.png")).sorted().toList();
        }
    }

    /**
     * The tiles of a sheet, top row first.
     *
     * @throws IllegalArgumentException when {@code sheet} does not have the layout of a contact sheet
     */
    public static List<Row> rows(Image sheet) {
        int tile = (sheet.width() - 4 * GAP) / 3;
        int rows = tile <= 0 ? 0 : (sheet.height() - GAP) / (tile + GAP);
        if (rows < 1 || 3 * tile + 4 * GAP != sheet.width() || rows * (tile + GAP) + GAP != sheet.height()) {
            throw new IllegalArgumentException(sheet.width() + "x" + sheet.height() + " is not the size of a contact sheet of"
                    + " square tiles");
        }
        List<Row> list = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int y = GAP + r * (tile + GAP);
            list.add(new Row(crop(sheet, GAP, y, tile), crop(sheet, 2 * GAP + tile, y, tile), crop(sheet, 3 * GAP + 2 * tile, y, tile)));
        }
        return list;
    }

    private static Image crop(Image sheet, int x0, int y0, int size) {
        int c = sheet.channels();
        Image tile = Image.blank(size, size, c);
        for (int y = 0; y < size; y++) {
            System.arraycopy(sheet.data(), ((y0 + y) * sheet.width() + x0) * c, tile.data(), y * size * c, size * c);
        }
        return tile;
    }
}
