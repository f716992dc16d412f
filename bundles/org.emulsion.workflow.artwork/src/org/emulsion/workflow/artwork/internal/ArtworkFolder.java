package org.emulsion.workflow.artwork.internal;

import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.Provenance;

/**
 * The artwork of a folder: every JPEG, PNG and TIFF in it (not in sub-folders), in name order,
 * each decoded once to check it. A file that cannot be decoded, or a picture too small to show a
 * subject's colour, is skipped and named with the reason; a folder with no usable artwork is refused
 * in one line. Pictures are read in sRGB: one that embeds an ICC profile is converted from it (a
 * profile that is not RGB or grey, as in a CMYK JPEG, has the file skipped), one without is taken as sRGB.
 */
public final class ArtworkFolder {
    /** A picture smaller than this on either side is skipped: too little to show a subject's colour. */
    public static final int MIN_SIDE = 64;
    /** How the artwork's colour is read, for the report and the frame source. */
    public static final String COLOUR_ENCODING = "sRGB (embedded ICC profiles converted to sRGB; pictures without one taken as sRGB)";
    private static final String UNTAGGED = "sRGB (no embedded profile: taken as sRGB)";

    /** A usable artwork file, its size, SHA-256 and the ICC profile it embeds (null: none, taken as sRGB). */
    public record Artwork(Path file, int width, int height, String sha256, ICC_Profile profile) {
        public String name() {
            return file.getFileName().toString();
        }

        /** How this artwork's colour was read, for the report. */
        public String colourEncoding() {
            return profile == null ? UNTAGGED : Colour.name(profile) + " (embedded ICC profile, converted to sRGB)";
        }
    }

    /** A file left out, and why. */
    public record Skipped(Path file, String why) {
        @Override
        public String toString() {
            return file.getFileName() + " (" + why + ")";
        }
    }

    private final Path folder;
    private final List<Artwork> artworks;
    private final List<Skipped> skipped;

    private ArtworkFolder(Path folder, List<Artwork> artworks, List<Skipped> skipped) {
        this.folder = folder;
        this.artworks = List.copyOf(artworks);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Reads {@code folder}.
     *
     * @throws IOException in one line naming the folder when it is not a folder or holds no usable artwork
     */
    public static ArtworkFolder read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder; give the folder that holds the artwork (JPEG, PNG or TIFF)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).filter(ImageFiles::isPicture).sorted().toList();
        }
        List<Artwork> artworks = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path file : files) {
            Image image;
            ICC_Profile profile;
            try {
                image = ImageFiles.read(file).image();
            } catch (IOException | RuntimeException e) {
                skipped.add(new Skipped(file, "cannot be decoded"));
                continue;
            }
            try {
                profile = ImageFiles.colourProfile(file).orElse(null);
            } catch (IOException e) {
                // the reason itself (e.g. a BigTIFF's tags), without the file, which the skip names already
                String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                skipped.add(new Skipped(file, "its embedded colour profile cannot be read (" + why + "); re-export it in sRGB"));
                continue;
            }
            if (image.width() < MIN_SIDE || image.height() < MIN_SIDE) {
                skipped.add(new Skipped(file, image.width() + "x" + image.height() + ", under " + MIN_SIDE + " px a side"));
                continue;
            }
            String mismatch = profile == null ? null : Colour.mismatch(profile, image.channels());
            if (mismatch != null) {
                skipped.add(new Skipped(file, mismatch + "; convert it to RGB first"));
                continue;
            }
            artworks.add(new Artwork(file, image.width(), image.height(), Provenance.sha256(file), profile));
        }
        if (artworks.isEmpty()) {
            throw new IOException(folder + " holds no usable artwork" + (skipped.isEmpty() ? "" : " (skipped: "
                    + skipped.stream().map(Skipped::toString).reduce((a, b) -> a + ", " + b).orElse("") + ")")
                    + "; add paintings or stills of the film's world as JPEG, PNG or TIFF, at least " + MIN_SIDE + " px a side");
        }
        return new ArtworkFolder(folder, artworks, skipped);
    }

    public Path folder() {
        return folder;
    }

    /** The usable artwork, in name order: frame {@code i} of the folder's frame source is {@code artworks().get(i)}. */
    public List<Artwork> artworks() {
        return artworks;
    }

    public List<Skipped> skipped() {
        return skipped;
    }

    /** The index of the artwork named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < artworks.size(); i++) {
            if (artworks.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Artwork {@code i} in sRGB RGB (see {@link ImageFiles#readSrgb}). */
    public Image read(int i) throws IOException {
        return ImageFiles.readSrgb(artworks.get(i).file());
    }
}
