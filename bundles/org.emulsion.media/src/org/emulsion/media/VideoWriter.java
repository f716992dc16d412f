package org.emulsion.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo.Matrix;
import org.emulsion.media.internal.FfmpegLog;

/**
 * Encodes RGB {@link Image}s into a video file with FFmpeg. Frames go in as 8-bit BGR (or 16-bit
 * BGR48 when {@code deep}). With a {@link Format#matrix() matrix} FFmpeg's scale filter converts
 * them to the stream's pixel format with that YCbCr matrix (video range) and the stream is tagged
 * with it; without one the encoder's own conversion applies (Rec.601, untagged). Encoding and
 * muxing are bit-exact, so the same frames give the same file. The file appears under its name
 * only once it is complete.
 */
public final class VideoWriter implements AutoCloseable {

    /**
     * What to write: container, codec, pixel format, timing and options.
     *
     * @param matrix the YCbCr matrix to convert with and signal, or null for the encoder's default (untagged)
     */
    public record Format(String container, int codec, int pixelFormat, double fps, double pixelAspect, int bitrate, int gopSize,
            int maxBFrames, boolean deep, Map<String, String> codecOptions, Matrix matrix) {

        /** A format converted by the encoder's default (untagged Rec.601). */
        public Format(String container, int codec, int pixelFormat, double fps, double pixelAspect, int bitrate, int gopSize,
                int maxBFrames, boolean deep, Map<String, String> codecOptions) {
            this(container, codec, pixelFormat, fps, pixelAspect, bitrate, gopSize, maxBFrames, deep, codecOptions, null);
        }
    }

    static {
        FfmpegLog.quiet();
    }

    private final Path file;
    private final Path partial;
    private final boolean deep;
    private final FFmpegFrameRecorder recorder;
    private final FFmpegFrameFilter toStream;
    private final int pixelFormat;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private boolean done;

    public VideoWriter(Path file, int width, int height, Format format) throws IOException {
        this.file = file;
        String name = file.getFileName().toString();
        this.partial = file.resolveSibling("." + name + ".partial");
        this.deep = format.deep();
        this.pixelFormat = format.pixelFormat();
        recorder = new FFmpegFrameRecorder(partial.toFile(), width, height, 0);
        recorder.setFormat(format.container());
        recorder.setVideoCodec(format.codec());
        recorder.setPixelFormat(format.pixelFormat());
        recorder.setFrameRate(format.fps());
        recorder.setAspectRatio(format.pixelAspect());
        if (format.bitrate() > 0) {
            recorder.setVideoBitrate(format.bitrate());
        }
        if (format.gopSize() > 0) {
            recorder.setGopSize(format.gopSize());
        }
        if (format.maxBFrames() >= 0) {
            recorder.setMaxBFrames(format.maxBFrames());
        }
        format.codecOptions().forEach(recorder::setVideoOption);
        recorder.setVideoOption("flags", format.codecOptions().getOrDefault("flags", "") + "+bitexact");
        recorder.setOption("fflags", "+bitexact");
        toStream = format.matrix() == null || format.matrix() == Matrix.RGB ? null : converter(format, width, height);
        try {
            if (toStream != null) {
                toStream.start();
            }
            recorder.start();
        } catch (FrameRecorder.Exception | FrameFilter.Exception e) {
            release();
            Files.deleteIfExists(partial);
            throw new IOException(file + ": FFmpeg cannot start the " + format.container() + " encoder (" + e.getMessage() + ")", e);
        }
    }

    /** RGB to the stream's YCbCr with the chosen matrix, tagging the stream with it. */
    private FFmpegFrameFilter converter(Format format, int width, int height) {
        String[] names = switch (format.matrix()) {
            case REC709 -> new String[] {"bt709", "bt709"};
            case REC2020 -> new String[] {"bt2020", "bt2020nc"};
            default -> new String[] {"bt601", "smpte170m"};
        };
        recorder.setVideoOption("colorspace", names[1]);
        recorder.setVideoOption("color_range", "tv");
        // interlaced frames: subsample chroma within each field, so that one field's colour does not leak into the other's
        FFmpegFrameFilter filter = new FFmpegFrameFilter("scale=out_color_matrix=" + names[0]
                + ":out_range=tv:flags=accurate_rnd+full_chroma_int:interl=" + (interlaced(format) ? 1 : 0) + ",format="
                + avutil.av_get_pix_fmt_name(format.pixelFormat()).getString(), width, height);
        filter.setPixelFormat(format.deep() ? avutil.AV_PIX_FMT_BGR48LE : avutil.AV_PIX_FMT_BGR24);
        filter.setFrameRate(format.fps());
        return filter;
    }

    /** Whether the codec options ask for interlaced coding (a field order, or interlaced DCT). */
    private static boolean interlaced(Format format) {
        String order = format.codecOptions().getOrDefault("field_order", "progressive");
        return !order.equals("progressive") || format.codecOptions().getOrDefault("flags", "").contains("ildct");
    }

    /** Appends one RGB frame in [0, 1] of the file's size. */
    public void write(Image rgb) throws IOException {
        try (Mat f = OpenCv.toMat(rgb); Mat ints = new Mat(); Mat bgr = new Mat()) {
            f.convertTo(ints, deep ? opencv_core.CV_16U : opencv_core.CV_8U, deep ? 65535.0 : 255.0, 0);
            opencv_imgproc.cvtColor(ints, bgr, opencv_imgproc.COLOR_RGB2BGR);
            Frame frame = converter.convert(bgr);
            int bgrFormat = deep ? avutil.AV_PIX_FMT_BGR48LE : avutil.AV_PIX_FMT_BGR24;
            if (toStream == null) {
                recorder.recordImage(frame.imageWidth, frame.imageHeight, frame.imageDepth, frame.imageChannels,
                        frame.imageStride, bgrFormat, frame.image);
                return;
            }
            toStream.pushImage(0, frame.imageWidth, frame.imageHeight, frame.imageDepth, frame.imageChannels, frame.imageStride,
                    bgrFormat, frame.image);
            Frame converted;
            while ((converted = toStream.pullImage()) != null) {
                // planar output arrives packed into one buffer, the layout the recorder expects for its own pixel format
                recorder.recordImage(converted.imageWidth, converted.imageHeight, Frame.DEPTH_UBYTE, 1,
                        avutil.av_image_get_linesize(pixelFormat, converted.imageWidth, 0), pixelFormat, converted.image);
            }
        } catch (FrameRecorder.Exception | FrameFilter.Exception e) {
            throw new IOException(file + ": encoding a frame failed (" + e.getMessage() + ")", e);
        }
    }

    /** Finishes the file and moves it into place. */
    public void finish() throws IOException {
        try {
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException(file + ": finishing the video failed (" + e.getMessage() + "); check free disk space", e);
        } finally {
            release();
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        done = true;
    }

    private void release() {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            // nothing left to recover: the partial file is removed by close()
        }
        if (toStream != null) {
            try {
                toStream.release();
            } catch (FrameFilter.Exception e) {
                // nothing left to recover
            }
        }
        converter.close();
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            release();
            Files.deleteIfExists(partial);
        }
    }
}
