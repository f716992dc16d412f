package org.emulsion.media;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.emulsion.core.image.Image;

/**
 * Colour-space conversions (through OpenCV) and the CIEDE2000 colour difference, which OpenCV
 * does not provide.
 */
public final class Colour {
    private Colour() {
    }

    /** CIE L*a*b* (D65) of an sRGB-encoded RGB image; L in [0, 100]. */
    public static Image lab(Image rgb) {
        return OpenCv.convert(rgb, opencv_imgproc.COLOR_RGB2Lab);
    }

    /**
     * BT.601 Y, Cb, Cr of an RGB image (OpenCV's {@code RGB2YCrCb}, reordered to Y, Cb, Cr);
     * Cb and Cr are centred on 0.5.
     */
    public static Image ycbcr(Image rgb) {
        Image yCrCb = OpenCv.convert(rgb, opencv_imgproc.COLOR_RGB2YCrCb);
        float[] d = yCrCb.data();
        int w = rgb.width();
        IntStream.range(0, rgb.height()).parallel().forEach(row -> { // archive-size frames: rows among the cores
            for (int i = 3 * row * w; i < 3 * (row + 1) * w; i += 3) {
                float cr = d[i + 1];
                d[i + 1] = d[i + 2];
                d[i + 2] = cr;
            }
        });
        return yCrCb;
    }

    // OpenCV's float RGB2YCrCb coefficients (BT.601, rounded as OpenCV rounds them).
    private static final float YR = 0.299f;
    private static final float YG = 0.587f;
    private static final float YB = 0.114f;
    private static final float CR = 0.713f;
    private static final float CB = 0.564f;

    /** Y of one RGB colour as {@link #ycbcr} computes it (BT.601): for per-pixel work without a converted copy of the frame. */
    public static float y(float r, float g, float b) {
        return YR * r + YG * g + YB * b;
    }

    /**
     * Cb and Cr of one RGB colour into {@code out[at]} and {@code out[at + 1]}, as {@link #ycbcr}
     * computes them (same coefficients, centred on 0.5): for per-pixel work that must not make a
     * converted copy of a whole frame.
     */
    public static void cbcr(float r, float g, float b, float[] out, int at) {
        float y = y(r, g, b);
        out[at] = (b - y) * CB + 0.5f;
        out[at + 1] = (r - y) * CR + 0.5f;
    }

    /**
     * Rec. 709 luma of a display-referred RGB image (the first channel of a grey one), one float a
     * pixel: what structure comparisons (alignment, overlay and difference checks) read, where the
     * grade and fading matter less than in colour. A NaN sample (a warp's uncovered pixel) gives
     * {@code nanAs}; pass {@code Float.NaN} to keep it. Rows are shared among the cores: archive-size
     * frames are 14.5 Mpx.
     */
    public static float[] luma(Image image, float nanAs) {
        int c = image.channels();
        int w = image.width();
        float[] d = image.data();
        float[] y = new float[w * image.height()];
        IntStream.range(0, image.height()).parallel().forEach(row -> {
            for (int p = row * w; p < (row + 1) * w; p++) {
                int i = p * c;
                float v = c < 3 ? d[i] : 0.2126f * d[i] + 0.7152f * d[i + 1] + 0.0722f * d[i + 2];
                y[p] = Float.isNaN(v) ? nanAs : v;
            }
        });
        return y;
    }

    /** A grey ({@code 1} or {@code 2} channels: grey, alpha) or RGBA image as RGB: grey in all three channels, alpha dropped. */
    public static Image rgb(Image image) {
        int n = image.width() * image.height();
        int c = image.channels();
        float[] d = image.data();
        float[] out = new float[3 * n];
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < 3; k++) {
                out[3 * p + k] = d[p * c + (c >= 3 ? k : 0)];
            }
        }
        return new Image(image.width(), image.height(), 3, out);
    }

    /** Channels {@code from}..{@code from + count - 1} of {@code image}. */
    public static Image channels(Image image, int from, int count) {
        int w = image.width();
        int c = image.channels();
        float[] in = image.data();
        float[] out = new float[w * image.height() * count];
        IntStream.range(0, image.height()).parallel().forEach(row -> {
            for (int i = row * w; i < (row + 1) * w; i++) {
                for (int k = 0; k < count; k++) {
                    out[i * count + k] = in[i * c + from + k];
                }
            }
        });
        return new Image(image.width(), image.height(), count, out);
    }

    /** Mean and 95th percentile of a per-pixel difference. */
    public record Stats(double mean, double p95, int pixels) {
    }

    /**
     * An RGB frame's CIE L*a*b*, NaN in every channel where the RGB is not finite in all three:
     * for comparing one frame with several others without converting it each time.
     */
    public static final class LabFrame {
        private final int width;
        private final int height;
        private final float[] lab;

        private LabFrame(Image rgb) {
            width = rgb.width();
            height = rgb.height();
            lab = lab(rgb).data();
            float[] d = rgb.data();
            // Test the RGB input, not only the Lab output: OpenCV's vectorised conversion clips
            // samples to [0, 1] with min/max, which can turn NaN into a finite colour.
            for (int k = 0; k < d.length; k += 3) {
                if (!finite(d, k)) {
                    lab[k] = lab[k + 1] = lab[k + 2] = Float.NaN;
                }
            }
        }

        boolean sameSize(LabFrame other) {
            return width == other.width && height == other.height;
        }

        @Override
        public String toString() {
            return width + "x" + height + " L*a*b*";
        }
    }

    /** {@code rgb}'s L*a*b* for {@link #deltaE2000(LabFrame, LabFrame, Image)}. */
    public static LabFrame labFrame(Image rgb) {
        return new LabFrame(rgb);
    }

    /**
     * CIEDE2000 between two RGB images of the same size, over pixels where {@code mask} (1
     * channel, same width and height, may be null) is above 0.5 and both images are finite in all
     * three channels.
     */
    public static Stats deltaE2000(Image a, Image b, Image mask) {
        return deltaE2000(labFrame(a), labFrame(b), mask);
    }

    /** {@link #deltaE2000(Image, Image, Image)} of frames converted once. */
    public static Stats deltaE2000(LabFrame a, LabFrame b, Image mask) {
        return stats(differences(a, b, false), mask, a.width, a.height);
    }

    /** {@link #deltaE2000(LabFrame, LabFrame, Image)} of the chroma alone, as {@link #deltaE2000Map} with {@code chromaOnly}. */
    public static Stats chromaDeltaE2000(LabFrame a, LabFrame b, Image mask) {
        return stats(differences(a, b, true), mask, a.width, a.height);
    }

    /**
     * Per-pixel CIEDE2000 between two RGB images of the same size (1 channel; NaN where either
     * image is not finite in all three channels). With {@code chromaOnly}, of the chroma alone:
     * {@code a}'s a*, b* against {@code b}'s, both on {@code b}'s L*, so that lightness does not
     * count (a chroma-mode result keeps the scan's luma by design; this scores its colour).
     */
    public static Image deltaE2000Map(Image a, Image b, boolean chromaOnly) {
        return deltaE2000Map(labFrame(a), labFrame(b), chromaOnly);
    }

    /** {@link #deltaE2000Map(Image, Image, boolean)} of frames converted once. */
    public static Image deltaE2000Map(LabFrame a, LabFrame b, boolean chromaOnly) {
        double[] d = differences(a, b, chromaOnly);
        float[] map = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            map[i] = (float) d[i];
        }
        return new Image(a.width, a.height, 1, map);
    }

    /** Mean and 95th percentile of a per-pixel difference map (1 channel, as {@link #deltaE2000Map}) over its finite pixels in {@code mask} (may be null). */
    public static Stats stats(Image map, Image mask) {
        if (map.channels() != 1) {
            throw new IllegalArgumentException("a difference map has one channel: " + map);
        }
        float[] m = map.data();
        double[] values = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            values[i] = Float.isFinite(m[i]) ? m[i] : Double.NaN;
        }
        return stats(values, mask, map.width(), map.height());
    }

    /** Per-pixel CIEDE2000, NaN where either frame is not finite; {@code chromaOnly}: on {@code b}'s L*. */
    private static double[] differences(LabFrame a, LabFrame b, boolean chromaOnly) {
        if (!a.sameSize(b)) {
            throw new IllegalArgumentException("images differ in size: " + a + " vs " + b);
        }
        float[] la = a.lab;
        float[] lb = b.lab;
        int w = a.width;
        double[] d = new double[w * a.height];
        // per pixel on all cores (archive-size frames), NaN where a pixel does not count
        java.util.stream.IntStream.range(0, a.height).parallel().forEach(y -> {
            for (int i = y * w; i < (y + 1) * w; i++) {
                int k = 3 * i;
                d[i] = !finite(la, k) || !finite(lb, k) ? Double.NaN
                        : ciede2000(chromaOnly ? lb[k] : la[k], la[k + 1], la[k + 2], lb[k], lb[k + 1], lb[k + 2]);
            }
        });
        return d;
    }

    /** Mean and 95th percentile of the finite {@code values} where {@code mask} (fitting the frame, may be null) is above 0.5. */
    private static Stats stats(double[] values, Image mask, int width, int height) {
        if (mask != null && (mask.channels() != 1 || mask.width() != width || mask.height() != height)) {
            throw new IllegalArgumentException("mask " + mask + " does not fit " + width + "x" + height);
        }
        // the kept values are packed at the front of the array itself (it is the caller's scratch)
        int count = 0;
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            if ((mask == null || mask.data()[i] > 0.5f) && !Double.isNaN(values[i])) {
                sum += values[i];
                values[count++] = values[i];
            }
        }
        if (count == 0) {
            return new Stats(Double.NaN, Double.NaN, 0);
        }
        java.util.Arrays.parallelSort(values, 0, count);
        return new Stats(sum / count, values[Math.min(count - 1, (int) Math.ceil(0.95 * count) - 1)], count);
    }

    /**
     * CIEDE2000 (Sharma, Wu and Dalal 2005 formulation, kL = kC = kH = 1). Evaluated for every pixel
     * of whole frames, so plain products stand for {@code Math.hypot} and {@code Math.pow} (L*a*b*
     * values cannot overflow).
     */
    public static double ciede2000(double l1, double a1, double b1, double l2, double a2, double b2) {
        double c1 = Math.sqrt(a1 * a1 + b1 * b1);
        double c2 = Math.sqrt(a2 * a2 + b2 * b2);
        double cBar7 = seventh((c1 + c2) / 2);
        double g = 0.5 * (1 - Math.sqrt(cBar7 / (cBar7 + 6103515625.0))); // 25^7
        double a1p = (1 + g) * a1;
        double a2p = (1 + g) * a2;
        double c1p = Math.sqrt(a1p * a1p + b1 * b1);
        double c2p = Math.sqrt(a2p * a2p + b2 * b2);
        double h1p = hueDegrees(b1, a1p);
        double h2p = hueDegrees(b2, a2p);

        double dLp = l2 - l1;
        double dCp = c2p - c1p;
        double dhp;
        if (c1p * c2p == 0) {
            dhp = 0;
        } else if (Math.abs(h2p - h1p) <= 180) {
            dhp = h2p - h1p;
        } else if (h2p - h1p > 180) {
            dhp = h2p - h1p - 360;
        } else {
            dhp = h2p - h1p + 360;
        }
        double dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin(Math.toRadians(dhp / 2));

        double lBarP = (l1 + l2) / 2;
        double cBarP = (c1p + c2p) / 2;
        double hBarP;
        if (c1p * c2p == 0) {
            hBarP = h1p + h2p;
        } else if (Math.abs(h1p - h2p) <= 180) {
            hBarP = (h1p + h2p) / 2;
        } else if (h1p + h2p < 360) {
            hBarP = (h1p + h2p + 360) / 2;
        } else {
            hBarP = (h1p + h2p - 360) / 2;
        }
        double t = 1 - 0.17 * Math.cos(Math.toRadians(hBarP - 30)) + 0.24 * Math.cos(Math.toRadians(2 * hBarP))
                + 0.32 * Math.cos(Math.toRadians(3 * hBarP + 6)) - 0.20 * Math.cos(Math.toRadians(4 * hBarP - 63));
        double hue = (hBarP - 275) / 25;
        double dTheta = 30 * Math.exp(-hue * hue);
        double cBarP7 = seventh(cBarP);
        double rc = 2 * Math.sqrt(cBarP7 / (cBarP7 + 6103515625.0));
        double lm50 = (lBarP - 50) * (lBarP - 50);
        double sl = 1 + 0.015 * lm50 / Math.sqrt(20 + lm50);
        double sc = 1 + 0.045 * cBarP;
        double sh = 1 + 0.015 * cBarP * t;
        double rt = -Math.sin(Math.toRadians(2 * dTheta)) * rc;
        double fl = dLp / sl;
        double fc = dCp / sc;
        double fh = dHp / sh;
        return Math.sqrt(fl * fl + fc * fc + fh * fh + rt * fc * fh);
    }

    private static double seventh(double x) {
        double x2 = x * x;
        return x2 * x2 * x2 * x;
    }

    private static boolean finite(float[] d, int k) {
        return Float.isFinite(d[k]) && Float.isFinite(d[k + 1]) && Float.isFinite(d[k + 2]);
    }

    private static double hueDegrees(double b, double a) {
        if (a == 0 && b == 0) {
            return 0;
        }
        double h = Math.toDegrees(Math.atan2(b, a));
        return h < 0 ? h + 360 : h;
    }
    /**
     * {@code image}, whose values ([0, 1]) are in {@code profile}'s colour space (RGB, or grey in one
     * channel), converted to sRGB RGB through Java's colour management (Little CMS), the profile's
     * rendering intent honoured.
     *
     * @throws IllegalArgumentException when the profile is neither RGB nor grey, or its number of
     *                                  components is not the image's number of channels
     */
    public static Image toSrgb(Image image, ICC_Profile profile) {
        String mismatch = mismatch(profile, image.channels());
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
        ColorSpace from = new ICC_ColorSpace(profile);
        int w = image.width();
        int h = image.height();
        BufferedImage in = floatImage(from, w, h);
        in.getRaster().setPixels(0, 0, w, h, image.data());
        BufferedImage out = floatImage(ColorSpace.getInstance(ColorSpace.CS_sRGB), w, h);
        new ColorConvertOp(null).filter(in, out);
        return new Image(w, h, 3, out.getRaster().getPixels(0, 0, w, h, (float[]) null));
    }

    /**
     * Why {@link #toSrgb} cannot convert a {@code channels}-channel picture through {@code profile}
     * (not RGB or grey, or another number of components), or null when it can: to check a picture
     * without converting it.
     */
    public static String mismatch(ICC_Profile profile, int channels) {
        ColorSpace from = new ICC_ColorSpace(profile);
        boolean rgbOrGrey = from.getType() == ColorSpace.TYPE_RGB || from.getType() == ColorSpace.TYPE_GRAY;
        return rgbOrGrey && from.getNumComponents() == channels ? null : "a " + from.getNumComponents() + "-component colour profile ("
                + name(profile) + ") does not describe a " + channels + "-channel RGB or grey picture";
    }

    private static BufferedImage floatImage(ColorSpace space, int width, int height) {
        ComponentColorModel model = new ComponentColorModel(space, false, false, Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        return new BufferedImage(model, model.createCompatibleWritableRaster(width, height), false, null);
    }

    /**
     * The profile's description (its {@code desc} tag: ICC v2 {@code textDescriptionType} or v4
     * {@code multiLocalizedUnicodeType}, first record), or "unnamed ICC profile".
     */
    public static String name(ICC_Profile profile) {
        byte[] tag = profile.getData(ICC_Profile.icSigProfileDescriptionTag);
        String name = null;
        if (tag != null && tag.length >= 12) {
            ByteBuffer b = ByteBuffer.wrap(tag);
            String type = new String(tag, 0, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("desc")) {
                int count = b.getInt(8);
                if (count > 0 && 12L + count <= tag.length) {
                    name = new String(tag, 12, count, StandardCharsets.ISO_8859_1);
                }
            } else if (type.equals("mluc") && tag.length >= 28 && b.getInt(8) > 0) {
                int length = b.getInt(20);
                int offset = b.getInt(24);
                if (length > 0 && offset >= 0 && (long) offset + length <= tag.length) {
                    name = new String(tag, offset, length, StandardCharsets.UTF_16BE);
                }
            }
        }
        name = name == null ? "" : name.replace("\0", "").strip();
        return name.isEmpty() ? "unnamed ICC profile" : name;
    }
}
