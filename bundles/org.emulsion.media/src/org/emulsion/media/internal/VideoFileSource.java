package org.emulsion.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.media.OpenCv;

/**
 * A video file decoded by FFmpeg, read in decode order. Frames are decoded to 16-bit RGB so that
 * 10-bit sources keep their precision. Reading an earlier frame reopens the file (long-GOP
 * codecs cannot seek to an arbitrary frame exactly).
 */
public final class VideoFileSource implements ReferenceSource {

    static {
        // FFmpeg prints stream details and swscale notes on stderr; Emulsion reports problems itself.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private static final Set<String> EXTENSIONS = Set.of("mkv", "mov", "mp4", "m4v", "avi", "mpg", "mpeg", "m2v",
            "vob", "ts", "mxf", "nut");

    @Override
    public boolean canOpen(Path location) {
        String name = location.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(location) && dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    @Override
    public FrameSource open(Path location) throws IOException {
        if (!Files.isRegularFile(location)) {
            throw new IOException(location + ": no such video file");
        }
        Video video = new Video(location);
        video.reopen();
        return video;
    }

    private static final class Video implements FrameSource {
        private final Path file;
        private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        private FFmpegFrameGrabber grabber;
        private SourceInfo info;
        private int next;

        Video(Path file) {
            this.file = file;
        }

        void reopen() throws IOException {
            close();
            FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR48LE);
            try {
                g.start();
            } catch (FrameGrabber.Exception e) {
                closeQuietly(g);
                throw new IOException(file + ": FFmpeg cannot decode it (" + e.getMessage()
                        + "); check that it is a complete video file", e);
            }
            if (g.getImageWidth() <= 0 || g.getLengthInVideoFrames() <= 0) {
                closeQuietly(g);
                throw new IOException(file + ": has no video stream");
            }
            grabber = g;
            next = 0;
            if (info == null) {
                double aspect = pixelAspect(g);
                info = new SourceInfo(g.getImageWidth(), g.getImageHeight(), g.getLengthInVideoFrames(), g.getFrameRate(),
                        aspect, 16, g.getVideoCodecName() + " " + g.getVideoMetadata().getOrDefault("encoder", ""));
            }
        }

        /**
         * The stream's sample aspect ratio (64/45 for anamorphic PAL DVD). Read from the stream
         * parameters: the grabber's own value is 1 until a picture has been decoded.
         */
        private static double pixelAspect(FFmpegFrameGrabber g) {
            var sar = g.getFormatContext().streams(g.getVideoStream()).codecpar().sample_aspect_ratio();
            return sar.num() > 0 && sar.den() > 0 ? (double) sar.num() / sar.den() : 1.0;
        }

        @Override
        public SourceInfo info() {
            return info;
        }

        @Override
        public String frameName(int index) {
            return String.format(Locale.ROOT, "%s#%06d", file.getFileName(), index);
        }

        @Override
        public synchronized Image read(int index) throws IOException {
            if (index < next || grabber == null) {
                reopen();
            }
            try {
                while (true) {
                    Frame frame = grabber.grabImage();
                    if (frame == null) {
                        throw new IOException(file + ": ends before frame " + index + " (truncated? it decoded "
                                + next + " frames of the " + info.frameCount() + " its header announces)");
                    }
                    if (next++ == index) {
                        return OpenCv.convert(OpenCv.toImage(bgr48(converter.convert(frame))), opencv_imgproc.COLOR_BGR2RGB);
                    }
                }
            } catch (FrameGrabber.Exception e) {
                throw new IOException(file + ": decoding frame " + index + " failed (" + e.getMessage() + ")", e);
            }
        }

        /** JavaCV hands 16-bit frames over as 6 byte channels; view them as 3 unsigned shorts. */
        private static Mat bgr48(Mat raw) {
            if (raw.depth() == opencv_core.CV_8U && raw.channels() == 6) {
                return new Mat(raw.rows(), raw.cols(), opencv_core.CV_16UC3, raw.data(), raw.step());
            }
            return raw;
        }

        @Override
        public synchronized void close() {
            if (grabber != null) {
                closeQuietly(grabber);
                grabber = null;
            }
        }

        private static void closeQuietly(FFmpegFrameGrabber g) {
            try {
                g.close();
            } catch (FrameGrabber.Exception e) {
                // closing a grabber that failed to start: nothing to recover
            }
        }
    }
}
