package org.emulsion.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.emulsion.core.image.SourceInfo.FieldOrder;
import org.emulsion.core.image.SourceInfo.Matrix;

/**
 * What FFmpeg reads for one video: a file, or several files read as one stream (the parts of a
 * DVD title through FFmpeg's {@code concat:} protocol), and the properties of its video stream as
 * the stream itself declares them (field order, colour matrix and range, pixel aspect, rate).
 *
 * @param url     what FFmpeg opens
 * @param format  the demuxer to use, or null to let FFmpeg probe
 * @param name    the file the user gave, named in every message
 * @param parts   the files read, in order (one for a plain file)
 */
record VideoInput(String url, String format, Path name, List<Path> parts) {

    static {
        FfmpegLog.quiet();
    }

    static VideoInput file(Path file) {
        return new VideoInput(file.toString(), null, file, List.of(file));
    }

    /** Several files of one MPEG program stream read back to back (DVD VOB parts split at pack boundaries). */
    static VideoInput concatenated(Path name, List<Path> parts) {
        if (parts.size() == 1) {
            return new VideoInput(parts.get(0).toString(), "mpeg", name, parts);
        }
        return new VideoInput("concat:" + parts.stream().map(Path::toString).collect(Collectors.joining("|")), "mpeg", name,
                List.copyOf(parts));
    }

    /**
     * The video stream as declared.
     *
     * @param width          stored width
     * @param height         stored height
     * @param pixelFormat    the decoder's pixel format (AV_PIX_FMT_*)
     * @param bitDepth       bits per sample
     * @param pixelAspect    sample aspect ratio (1 when unsigned)
     * @param frameRate      the stream's frame rate as a fraction
     * @param declaredFrames frames the container announces (0 when it does not)
     * @param fieldOrder     from the stream parameters, else from the first decoded picture
     * @param matrix         YCbCr matrix (RGB for RGB pixel formats), Rec.601 for SD and Rec.709 for HD when unsigned
     * @param fullRange      whether YCbCr samples use the full range (JPEG) rather than the video range
     * @param softPulldown   whether pictures carry repeat-field flags (NTSC DVD film: 24p coded, 29.97 played)
     * @param codec          the codec's name
     */
    record Stream(int width, int height, int pixelFormat, int bitDepth, double pixelAspect, AVRational frameRate,
            long declaredFrames, FieldOrder fieldOrder, Matrix matrix, boolean fullRange, boolean softPulldown, String codec) {

        double fps() { return avutil.av_q2d(frameRate); }
    }

    /** Pictures looked at to find field flags and repeat-field flags the stream parameters leave open. */
    private static final int PROBED_PICTURES = 12;

    /** Opens the input, reads its stream parameters and decodes its first pictures. */
    Stream probe() throws IOException {
        try (FFmpegFrameGrabber g = open()) {
            AVCodecParameters par = g.getFormatContext().streams(g.getVideoStream()).codecpar();
            int format = par.format();
            AVPixFmtDescriptor desc = avutil.av_pix_fmt_desc_get(format);
            if (desc == null) {
                throw new IOException(where() + ": FFmpeg reports no pixel format for its video; the file is probably damaged");
            }
            boolean rgb = (desc.flags() & avutil.AV_PIX_FMT_FLAG_RGB) != 0;
            AVStream st = g.getFormatContext().streams(g.getVideoStream());
            // containers (Matroska, MOV) may keep the aspect in the stream, elementary streams in the codec parameters
            AVRational sar = st.sample_aspect_ratio().num() > 0 ? st.sample_aspect_ratio() : par.sample_aspect_ratio();
            double aspect = sar.num() > 0 && sar.den() > 0 ? (double) sar.num() / sar.den() : 1.0;
            // copied: the stream's own fields are freed with the grabber
            AVRational rate = st.r_frame_rate().num() > 0 && st.r_frame_rate().den() > 0
                    ? avutil.av_make_q(st.r_frame_rate().num(), st.r_frame_rate().den())
                    : avutil.av_d2q(g.getFrameRate(), 1001000);
            long declared = st.nb_frames();
            FieldOrder order = fieldOrder(par.field_order());
            boolean soft = false;
            for (int i = 0; i < PROBED_PICTURES; i++) {
                Frame f = g.grabImage();
                if (f == null) {
                    if (i == 0) {
                        throw new IOException(where() + ": no picture of its video stream could be decoded; the file is damaged"
                                + " or encrypted (copy-protected DVDs must be decrypted first)");
                    }
                    break;
                }
                AVFrame picture = (AVFrame) f.opaque;
                soft |= picture.repeat_pict() > 0 && (picture.flags() & AVFrame.AV_FRAME_FLAG_INTERLACED) == 0;
                if (i == 0 && order == null) {
                    order = (picture.flags() & AVFrame.AV_FRAME_FLAG_INTERLACED) == 0 ? FieldOrder.PROGRESSIVE
                            : (picture.flags() & AVFrame.AV_FRAME_FLAG_TOP_FIELD_FIRST) != 0 ? FieldOrder.TOP_FIELD_FIRST
                                    : FieldOrder.BOTTOM_FIELD_FIRST;
                }
            }
            if (soft) {
                // coded progressive film frames that the player spreads over 2 or 3 fields: deliver them at the film rate
                order = FieldOrder.PROGRESSIVE;
                rate = avutil.av_make_q(24000, 1001);
            }
            Matrix matrix = rgb ? Matrix.RGB : matrix(par.color_space(), g.getImageWidth(), g.getImageHeight());
            boolean full = par.color_range() == avutil.AVCOL_RANGE_JPEG || format == avutil.AV_PIX_FMT_YUVJ420P
                    || format == avutil.AV_PIX_FMT_YUVJ422P || format == avutil.AV_PIX_FMT_YUVJ444P;
            return new Stream(g.getImageWidth(), g.getImageHeight(), format, desc.comp(0).depth(), aspect, rate, declared, order,
                    matrix, full, soft, g.getVideoCodecName());
        } catch (FrameGrabber.Exception e) {
            throw new IOException(where() + ": decoding its first pictures failed (" + e.getMessage() + ")", e);
        }
    }

    /** The given file, with the files actually read when it is a folder (a DVD title's VOB parts), for messages. */
    String where() {
        return parts.size() == 1 && parts.get(0).equals(name) ? name.toString()
                : name + " (" + parts.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")) + ")";
    }

    /** A started grabber that hands out decoded pictures in the decoder's own pixel format. */
    FFmpegFrameGrabber open() throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(url);
        if (format != null) {
            g.setFormat(format);
        }
        g.setImageMode(FrameGrabber.ImageMode.RAW);
        try {
            g.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(g);
            throw new IOException(where() + ": FFmpeg cannot read it (" + e.getMessage()
                    + "); check that it is a complete, unencrypted video file", e);
        }
        if (g.getVideoStream() < 0 || g.getImageWidth() <= 0) {
            closeQuietly(g);
            throw new IOException(where() + ": has no video stream");
        }
        return g;
    }

    static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception e) {
            // closing a grabber that failed to start: nothing to recover
        }
    }

    private static FieldOrder fieldOrder(int codecpar) {
        return switch (codecpar) {
            case avcodec.AV_FIELD_PROGRESSIVE -> FieldOrder.PROGRESSIVE;
            case avcodec.AV_FIELD_TT, avcodec.AV_FIELD_TB -> FieldOrder.TOP_FIELD_FIRST;
            case avcodec.AV_FIELD_BB, avcodec.AV_FIELD_BT -> FieldOrder.BOTTOM_FIELD_FIRST;
            default -> null;
        };
    }

    /** The signalled matrix; unsigned streams get the usual default: Rec.709 for HD, Rec.601 for SD. */
    static Matrix matrix(int colorSpace, int width, int height) {
        return switch (colorSpace) {
            case avutil.AVCOL_SPC_BT709 -> Matrix.REC709;
            case avutil.AVCOL_SPC_BT470BG, avutil.AVCOL_SPC_SMPTE170M, avutil.AVCOL_SPC_FCC -> Matrix.REC601;
            case avutil.AVCOL_SPC_BT2020_NCL, avutil.AVCOL_SPC_BT2020_CL -> Matrix.REC2020;
            case avutil.AVCOL_SPC_RGB -> Matrix.RGB;
            default -> width > 1024 || height > 576 ? Matrix.REC709 : Matrix.REC601;
        };
    }
}
