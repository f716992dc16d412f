package org.emulsion.media;

import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.TextFiles;
import org.emulsion.core.image.Image;
import org.emulsion.media.internal.DpxMetadata;
import org.emulsion.media.internal.EmbeddedProfiles;
import org.emulsion.media.internal.ExrHeader;
import org.emulsion.media.internal.FfmpegStills;
import org.emulsion.media.internal.TiffTags;
import org.emulsion.media.internal.Xmp;

/**
 * Reads and writes still frames: TIFF and PNG through OpenCV, DPX and OpenEXR through FFmpeg's
 * image codecs. (OpenEXR goes through FFmpeg because OpenCV enables its EXR codec only when the
 * process was started with {@code OPENCV_IO_ENABLE_OPENEXR=1}, which a running JVM cannot set for
 * native code.) Reads keep the stored precision (16-bit TIFF/PNG/DPX round-trip exactly, 10/12-bit
 * DPX come back as code/1023 or code/4095, EXR values pass through unclipped). Writes can carry
 * metadata key/values (provenance), where each format's tools look for it: XMP in TIFF tag 700,
 * string attributes in the EXR header, XMP in the DPX user-defined data. A write goes to a
 * temporary file that is renamed into place only when complete, so an interrupted or failed
 * write never leaves a frame that looks finished.
 */
public final class ImageFiles {
    /** Metadata key of the software that made a frame; DPX also puts it in its creator field. */
    public static final String KEY_TOOL = "tool";
    /** Metadata key of the project (film, restoration job); DPX also puts it in its project field. */
    public static final String KEY_PROJECT = "project";
    /** IPTC digital source type, e.g. {@link #TRAINED_ALGORITHMIC_MEDIA}. */
    public static final String KEY_DIGITAL_SOURCE_TYPE = "Iptc4xmpExt:DigitalSourceType";
    /** IPTC digital source type of media made by a trained model. */
    public static final String TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    private static final List<String> PICTURE_EXTENSIONS = List.of("png", "jpg", "jpeg", "tif", "tiff");

    private ImageFiles() {
    }

    /**
     * A decoded frame and how it was stored.
     *
     * @param image         RGB (or grey) samples; integer formats scaled to [0, 1], floats as stored
     * @param bitDepth      bits per stored sample: 8, 10, 12, 16, or 16 / 32 for half / float
     * @param floatingPoint whether the file stores floating-point samples (EXR)
     */
    public record Decoded(Image image, int bitDepth, boolean floatingPoint, int storedWidth, int storedHeight) {
        /** A frame decoded at its stored size. */
        public Decoded(Image image, int bitDepth, boolean floatingPoint) {
            this(image, bitDepth, floatingPoint, image.width(), image.height());
        }

        /** An integer-coded frame decoded at its stored size. */
        public Decoded(Image image, int bitDepth) {
            this(image, bitDepth, false);
        }
    }

    /**
     * Reads an RGB (or grey) frame: TIFF or PNG (8/16-bit), DPX (8/10/12/16-bit) or OpenEXR
     * (half/float).
     *
     * @throws IOException naming the file when it is missing, unreadable, truncated or not an image
     */
    public static Decoded read(Path file) throws IOException {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * {@link #read(Path)} at most {@code width} pixels wide (aspect kept, area averaging): for uses
     * that need no more (display, registration on a smaller reference). TIFF and PNG are shrunk as decoded, before any float copy of the whole frame is made
     * (their shrunk samples are then rounded to the file's codes); DPX and EXR are decoded whole
     * first. {@link Decoded#storedWidth()} and {@code storedHeight()} give the size in the file.
     */
    public static Decoded read(Path file, int width) throws IOException {
        checkReadable(file);
        Decoded whole;
        switch (extension(file)) {
            case "dpx" -> whole = FfmpegStills.decode(bytes(file), avcodec.AV_CODEC_ID_DPX, file.toString());
            case "exr" -> whole = readExr(file);
            default -> {
                return readOpenCv(file, width);
            }
        }
        Image shown = OpenCv.atMostWide(whole.image(), width);
        return shown == whole.image() ? whole
                : new Decoded(shown, whole.bitDepth(), whole.floatingPoint(), whole.storedWidth(), whole.storedHeight());
    }

    private static Decoded readExr(Path file) throws IOException {
        byte[] bytes = bytes(file);
        try {
            ExrHeader.parse(bytes).check();
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage() + "; re-export or replace this frame", e);
        }
        return FfmpegStills.decode(bytes, avcodec.AV_CODEC_ID_EXR, file.toString());
    }

    private static Decoded readOpenCv(Path file, int width) throws IOException {
        try (Mat raw = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_UNCHANGED)) {
            if (raw == null || raw.empty()) {
                throw new IOException(file + ": cannot be decoded (truncated, corrupt or not an image); "
                        + "re-export or replace this frame");
            }
            int bits = switch (raw.depth()) {
                case opencv_core.CV_8U -> 8;
                case opencv_core.CV_16U -> 16;
                case opencv_core.CV_32F -> 32;
                default -> throw new IOException(file + ": unsupported sample type (OpenCV depth " + raw.depth()
                        + "); export 8- or 16-bit integer or 32-bit float frames");
            };
            try (Mat shown = OpenCv.atMostWide(raw, width)) {
                return new Decoded(OpenCv.fromDecoded(shown), bits, raw.depth() == opencv_core.CV_32F, raw.cols(), raw.rows());
            }
        }
    }

    /**
     * The ICC colour profile a PNG, JPEG or TIFF embeds, if any, read from its header. {@link #read}
     * returns the stored values, which are in this profile's colour space ({@link Colour#toSrgb}
     * converts them); without a profile they are taken as sRGB.
     *
     * @throws IOException naming the file when it carries a profile that cannot be read
     */
    public static Optional<ICC_Profile> colourProfile(Path file) throws IOException {
        checkReadable(file);
        try {
            Optional<byte[]> profile = switch (extension(file)) {
                case "tif", "tiff" -> TiffTags.iccProfile(bytes(file));
                case "png", "jpg", "jpeg" -> EmbeddedProfiles.read(file);
                default -> Optional.empty();
            };
            return profile.map(ICC_Profile::getInstance);
        } catch (IOException | RuntimeException e) { // ImageIO and ICC_Profile throw unchecked on malformed data
            throw new IOException(file + ": its embedded ICC colour profile cannot be read (" + e.getMessage()
                    + "); re-export the picture in sRGB", e);
        }
    }

    /** Whether {@code file} is named as a PNG, JPEG or TIFF picture ({@link #readSrgb} reads them); hidden files are not. */
    public static boolean isPicture(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && PICTURE_EXTENSIONS.contains(extension(file));
    }

    /**
     * A PNG, JPEG or TIFF picture (artwork, a still) in sRGB RGB: converted through the ICC profile it
     * embeds ({@link #colourProfile}), taken as sRGB without one; a grey picture in all three channels,
     * an alpha channel dropped.
     *
     * @throws IOException naming the file when it cannot be decoded, its embedded profile cannot be read,
     *                     or the profile does not describe it (a CMYK JPEG)
     */
    public static Image readSrgb(Path file) throws IOException {
        Image image = read(file).image();
        Optional<ICC_Profile> profile = colourProfile(file);
        if (profile.isPresent()) {
            try {
                return Colour.toSrgb(image, profile.get());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage() + "; convert it to RGB first", e);
            }
        }
        return image.channels() == 3 ? image : Colour.rgb(image);
    }

    /**
     * The metadata key/values a frame carries (as written by {@link #write(Path, Image, FrameFormat, Map)}):
     * the XMP properties of a TIFF or DPX, the string attributes of an EXR (named like the XMP
     * properties: {@code emulsion:tool}, {@code Iptc4xmpExt:DigitalSourceType}; other tools'
     * string attributes come back under their own names). Empty when there are none or the format
     * has no place for them (PNG).
     *
     * @throws IOException naming the file when it is missing, truncated or its metadata is corrupt
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        checkReadable(file);
        String ext = extension(file);
        if (!ext.equals("tif") && !ext.equals("tiff") && !ext.equals("dpx") && !ext.equals("exr")) {
            return Map.of();
        }
        byte[] bytes = bytes(file);
        try {
            return switch (ext) {
                case "exr" -> unqualified(ExrHeader.parse(bytes).strings());
                case "dpx" -> parseXmp(DpxMetadata.read(bytes));
                default -> parseXmp(TiffTags.xmp(bytes));
            };
        } catch (IOException e) {
            throw new IOException(file + ": metadata cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** EXR attribute names for metadata keys: namespaced like XMP, so they cannot clash with OpenEXR's own. */
    private static Map<String, String> qualified(Map<String, String> metadata) {
        Map<String, String> names = new LinkedHashMap<>();
        metadata.forEach((k, v) -> names.put(Xmp.qualified(k), v));
        return names;
    }

    private static Map<String, String> unqualified(Map<String, String> attributes) {
        Map<String, String> keys = new LinkedHashMap<>();
        attributes.forEach((k, v) -> keys.put(Xmp.unqualified(k), v));
        return keys;
    }

    private static Map<String, String> parseXmp(Optional<byte[]> packet) throws IOException {
        return packet.isPresent() ? Xmp.parse(packet.get()) : Map.of();
    }

    /** Writes {@code image} (RGB or grey, [0, 1]) as a 16-bit TIFF; see {@link #write(Path, Image, int)}. */
    public static void writeTiff16(Path file, Image image) throws IOException {
        write(file, image, 16);
    }

    /**
     * Writes {@code image} with 8 or 16 bits per sample in the format the file name's extension
     * names (.tif, .png), rounding and clipping to the integer range. The file appears only once
     * it is complete.
     *
     * @throws IOException naming the file when it cannot be written (full disk, permissions)
     */
    public static void write(Path file, Image image, int bits) throws IOException {
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("8 or 16 bits, not " + bits);
        }
        checkFinite(file, image, false);
        writeAtomically(file, encodeOpenCv(file, image, bits));
    }

    /** Writes {@code image} in {@code format} without metadata; see {@link #write(Path, Image, FrameFormat, Map)}. */
    public static void write(Path file, Image image, FrameFormat format) throws IOException {
        write(file, image, format, Map.of());
    }

    /**
     * Writes {@code image} (RGB, [0, 1]; EXR keeps values outside that range) in {@code format} with
     * the metadata key/values {@code metadata}. A key is a bare name ({@code tool}) or
     * {@code prefix:name} in a well-known XMP namespace ({@code Iptc4xmpExt:DigitalSourceType},
     * {@code xmp:CreatorTool}, {@code dc:...}); {@link #readMetadata(Path)} returns the same map.
     * The file appears only once it is complete.
     *
     * @throws IllegalArgumentException when the file name's extension is not the format's, or a
     *                                  key cannot be written
     * @throws IOException              naming the file when it cannot be written (full disk, permissions)
     */
    public static void write(Path file, Image image, FrameFormat format, Map<String, String> metadata)
            throws IOException {
        if (!format.matches(file.getFileName().toString())) {
            throw new IllegalArgumentException(file + ": a " + format + " frame needs the extension ." + format.extension());
        }
        Xmp.checkKeys(metadata);
        // 32-bit float EXR keeps NaN exactly, and NaN is data there: a registered reference is NaN where it
        // does not cover the scan. An infinity is a numerical failure in every format.
        checkFinite(file, image, format == FrameFormat.EXR_FLOAT);
        writeAtomically(file, encode(file, image, format, metadata));
    }

    private static byte[] encode(Path file, Image image, FrameFormat format, Map<String, String> metadata) throws IOException {
        String name = file.toString();
        byte[] bytes = switch (format) {
            case TIFF16 -> {
                byte[] tiff = encodeOpenCv(file, image, 16);
                yield metadata.isEmpty() ? tiff : TiffTags.insert(tiff, Xmp.packet(metadata));
            }
            case DPX10, DPX12, DPX16 -> {
                int pixelFormat = switch (format) {
                    case DPX10 -> avutil.AV_PIX_FMT_GBRP10BE;
                    case DPX12 -> avutil.AV_PIX_FMT_GBRP12BE;
                    default -> avutil.AV_PIX_FMT_RGB48BE;
                };
                byte[] dpx = FfmpegStills.encode(image, avcodec.AV_CODEC_ID_DPX, pixelFormat, Map.of(), name);
                yield metadata.isEmpty() ? dpx
                        : DpxMetadata.insert(dpx, Xmp.packet(metadata), Optional.ofNullable(metadata.get(KEY_TOOL)),
                                Optional.ofNullable(metadata.get(KEY_PROJECT)));
            }
            case EXR_HALF, EXR_FLOAT -> {
                // FFmpeg's float-to-half conversion truncates; rounding to the nearest half first
                // makes it exact, so half files hold the correctly rounded values
                Image samples = format == FrameFormat.EXR_HALF ? roundToHalf(image) : image;
                byte[] exr = FfmpegStills.encode(samples, avcodec.AV_CODEC_ID_EXR, avutil.AV_PIX_FMT_GBRPF32LE,
                        Map.of("format", format == FrameFormat.EXR_HALF ? "half" : "float", "compression",
                                format == FrameFormat.EXR_HALF ? "zip16" : "none"), name);
                yield metadata.isEmpty() ? exr : ExrHeader.parse(exr).insertStrings(qualified(metadata));
            }
        };
        return bytes;
    }

    /**
     * No frame holding NaN (unless {@code nanAllowed}) or infinite samples is ever written: integer
     * formats would turn them into plausible values.
     */
    private static void checkFinite(Path file, Image image, boolean nanAllowed) throws IOException {
        float[] d = image.data();
        int chunk = 1 << 20; // archive-size frames: chunks on all cores, the first bad sample named
        int first = IntStream.range(0, (d.length + chunk - 1) / chunk).parallel().map(c -> {
            for (int i = c * chunk; i < Math.min(d.length, (c + 1) * chunk); i++) {
                if (Float.isInfinite(d[i]) || !nanAllowed && Float.isNaN(d[i])) {
                    return i;
                }
            }
            return d.length;
        }).min().orElse(d.length);
        if (first < d.length) {
            int pixel = first / image.channels();
            throw new IOException(file + " was not written: its pixel (" + pixel % image.width() + ", " + pixel / image.width()
                    + ") is " + d[first] + " (a numerical failure upstream, not a picture)");
        }
    }

    private static Image roundToHalf(Image image) {
        float[] data = image.data().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] = Float.float16ToFloat(Float.floatToFloat16(data[i]));
        }
        return new Image(image.width(), image.height(), image.channels(), data);
    }

    /** libtiff's COMPRESSION_NONE. */
    private static final int TIFF_UNCOMPRESSED = 1;

    /** Encodes with OpenCV in the format the file's extension names, as 8- or 16-bit integers. */
    private static byte[] encodeOpenCv(Path file, Image image, int bits) throws IOException {
        try (Mat bgr = OpenCv.toEncodable(image, bits); BytePointer buffer = new BytePointer()) {
            boolean ok;
            try {
                // TIFF uncompressed (see FrameFormat.TIFF16); other encoders warn about a parameter they do not know
                String ext = extension(file);
                ok = ext.startsWith("tif") ? opencv_imgcodecs.imencode("." + ext, bgr, buffer,
                        new IntPointer(opencv_imgcodecs.IMWRITE_TIFF_COMPRESSION, TIFF_UNCOMPRESSED))
                        : opencv_imgcodecs.imencode("." + ext, bgr, buffer);
            } catch (RuntimeException e) {
                ok = false;
            }
            if (!ok) {
                throw new IOException(file + ": OpenCV cannot encode a " + bits + "-bit ." + extension(file)
                        + " frame; use .tif or .png");
            }
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return bytes;
        }
    }

    /**
     * Writes {@code bytes} under a temporary name beside {@code file}, then renames it into place.
     * The temporary name is unique, so two machines writing the same frame (a retried or
     * speculative cluster task) never mix their bytes.
     */
    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        String name = file.getFileName().toString();
        int dot = Math.max(name.lastIndexOf('.'), 0);
        Path partial = file.resolveSibling("." + name.substring(0, dot) + "." + TextFiles.uniqueSuffix() + ".partial" + name.substring(dot));
        try {
            Files.write(partial, bytes);
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new IOException(file + ": could not be written (" + e.getMessage() + "); check free disk space and "
                    + "write permission on " + file.toAbsolutePath().getParent(), e);
        }
    }

    private static void checkReadable(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file; check the path or restore the frame from its backup");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": not readable; check its permissions");
        }
    }

    private static byte[] bytes(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
