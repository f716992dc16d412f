package org.emulsion.media.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.media.VideoWriter;

/** Writing small test videos with {@link VideoWriter} and comparing what a source decodes. */
final class VideoTesting {
    private VideoTesting() {
    }

    /** Distinct frames (seeded gradients), quantised to 8 bits as an 8-bit encoder sees them. */
    static List<Image> frames(int width, int height, int count) {
        List<Image> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(quantise(TestImages.gradient(width, height, 100 + i), 255));
        }
        return frames;
    }

    static Image quantise(Image image, int levels) {
        Image q = image.copy();
        float[] d = q.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.round(Math.min(1, Math.max(0, d[i])) * levels) / (float) levels;
        }
        return q;
    }

    static Path write(Path file, List<Image> frames, VideoWriter.Format format) throws IOException {
        Image first = frames.get(0);
        try (VideoWriter writer = new VideoWriter(file, first.width(), first.height(), format)) {
            for (Image f : frames) {
                writer.write(f);
            }
            writer.finish();
        }
        return file;
    }

    static VideoWriter.Format format(String container, int codec, int pixelFormat, double fps, int bitrate, boolean deep) {
        return new VideoWriter.Format(container, codec, pixelFormat, fps, 1.0, bitrate, 12, -1, deep, Map.of());
    }

    static List<Image> readAll(FrameSource source) throws IOException {
        List<Image> out = new ArrayList<>();
        for (int i = 0; i < source.frameCount(); i++) {
            out.add(source.read(i));
        }
        return out;
    }

    /** PSNR in dB of {@code b} against {@code a} (samples in [0, 1]). */
    static double psnr(Image a, Image b) {
        double se = 0;
        float[] x = a.data(), y = b.data();
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - y[i];
            se += d * d;
        }
        return se == 0 ? Double.POSITIVE_INFINITY : -10 * Math.log10(se / x.length);
    }

    /** Index of the frame in {@code candidates} closest to {@code frame}. */
    static int closest(Image frame, List<Image> candidates) {
        int best = -1;
        double bestPsnr = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            double p = psnr(candidates.get(i), frame);
            if (p > bestPsnr) {
                bestPsnr = p;
                best = i;
            }
        }
        return best;
    }

    /** Largest absolute sample difference. */
    static double maxError(Image a, Image b) {
        double m = 0;
        for (int i = 0; i < a.data().length; i++) {
            m = Math.max(m, Math.abs(a.data()[i] - b.data()[i]));
        }
        return m;
    }
}
