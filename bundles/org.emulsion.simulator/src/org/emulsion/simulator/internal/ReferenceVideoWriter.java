package org.emulsion.simulator.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * Encodes RGB {@link Image}s into a video file with FFmpeg. Frames go in as 8-bit BGR (or 16-bit
 * BGR48 when {@code deep}); FFmpeg converts them to the stream's pixel format (Rec. 601 matrix for
 * SD). Encoding and muxing are bit-exact, so the same frames give the same file. The file appears
 * under its name only once it is complete.
 */
public final class ReferenceVideoWriter implements AutoCloseable {

    /** What to write: container, codec, pixel format, timing and options. */
    public record Format(String container, int codec, int pixelFormat, double fps, double pixelAspect, int bitrate, int gopSize,
            int maxBFrames, boolean deep, Map<String, String> codecOptions) {
    }

    private final Path file;
    private final Path partial;
    private final boolean deep;
    private final FFmpegFrameRecorder recorder;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private boolean done;

    public ReferenceVideoWriter(Path file, int width, int height, Format format) throws IOException {
        this.file = file;
        String name = file.getFileName().toString();
        this.partial = file.resolveSibling("." + name + ".partial");
        this.deep = format.deep();
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
        recorder.setVideoOption("flags", "+bitexact");
        recorder.setOption("fflags", "+bitexact");
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            release();
            Files.deleteIfExists(partial);
            throw new IOException(file + ": FFmpeg cannot start the " + format.container() + " encoder (" + e.getMessage() + ")", e);
        }
    }

    /** Appends one RGB frame in [0, 1] of the file's size. */
    public void write(Image rgb) throws IOException {
        try (Mat f = OpenCv.toMat(rgb); Mat ints = new Mat(); Mat bgr = new Mat()) {
            f.convertTo(ints, deep ? opencv_core.CV_16U : opencv_core.CV_8U, deep ? 65535.0 : 255.0, 0);
            opencv_imgproc.cvtColor(ints, bgr, opencv_imgproc.COLOR_RGB2BGR);
            Frame frame = converter.convert(bgr);
            recorder.recordImage(frame.imageWidth, frame.imageHeight, frame.imageDepth, frame.imageChannels, frame.imageStride,
                    deep ? avutil.AV_PIX_FMT_BGR48LE : avutil.AV_PIX_FMT_BGR24, frame.image);
        } catch (FrameRecorder.Exception e) {
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
