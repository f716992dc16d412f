package org.emulsion.media.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Locale;

import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo.FieldOrder;
import org.emulsion.core.image.SourceInfo.Matrix;
import org.emulsion.media.OpenCv;

/**
 * The one place where Emulsion decodes video: FFmpeg decodes each picture in its own pixel format,
 * then an FFmpeg filter graph applies the field step ({@link Fields}) and converts to 16-bit RGB
 * with the stream's own matrix and range. The stream's declared properties are restated to the
 * graph ({@code setparams}) because frames cross into the filter as bare pictures.
 * <p>
 * Decoding problems FFmpeg would otherwise skip silently — pictures flagged corrupt, gaps in the
 * timestamps, a stream that ends before the frames its container announces — are reported as
 * {@link IOException}s naming the file and the frame.
 */
final class FilteredVideo implements AutoCloseable {

    /** What happens to fields before frames are handed out. */
    enum Fields {
        /** Frames as stored (progressive material, or interlaced frames passed through). */
        AS_STORED(""),
        /** Every frame deinterlaced to one progressive frame (bwdif, motion adaptive). */
        DEINTERLACE("bwdif=mode=send_frame:parity=auto:deint=all"),
        /**
         * 3:2 pulldown removed: fieldmatch rebuilds each film frame from its two fields, bwdif
         * repairs the rare frame left combed (cadence breaks), decimate drops the one duplicate in
         * every five frames.
         */
        INVERSE_TELECINE("fieldmatch=order=%s:combmatch=full,bwdif=mode=send_frame:parity=auto:deint=interlaced,decimate=cycle=5"),
        /**
         * Frames as stored, each tagged by FFmpeg's interlace detector (idet) for {@link FieldAnalysis}.
         * A field counts as repeated when it differs from its predecessor 1.5 times less than the
         * other field does (idet's default, 3, misses repeats under video noise on slow motion).
         */
        ANALYSE("idet=rep_thres=1.5");

        private final String filter;

        Fields(String filter) {
            this.filter = filter;
        }
    }

    private final VideoInput input;
    private final VideoInput.Stream stream;
    private final Fields fields;
    private final boolean toRgb;
    private final FFmpegFrameGrabber grabber;
    private final FFmpegFrameFilter filter;
    private final BytePointer packed;
    private final int packedStride;
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private final double frameDuration;
    private int decoded;
    private long lastPts = avutil.AV_NOPTS_VALUE;
    private boolean ended;

    /**
     * @param toRgb false to skip the RGB conversion (counting frames, analysing fields)
     */
    FilteredVideo(VideoInput input, VideoInput.Stream stream, Fields fields, boolean toRgb) throws IOException {
        this.input = input;
        this.stream = stream;
        this.fields = fields;
        this.toRgb = toRgb;
        this.grabber = input.open();
        double tb = avutil.av_q2d(grabber.getFormatContext().streams(grabber.getVideoStream()).time_base());
        this.frameDuration = 1 / (stream.fps() * tb);
        int w = stream.width(), h = stream.height();
        int size = avutil.av_image_get_buffer_size(stream.pixelFormat(), w, h, 1);
        this.packed = new BytePointer(avutil.av_malloc(size)).capacity(size);
        this.packedStride = avutil.av_image_get_linesize(stream.pixelFormat(), w, 0);
        this.filter = new FFmpegFrameFilter(graph(), w, h);
        filter.setPixelFormat(stream.pixelFormat());
        filter.setFrameRate(stream.fps());
        filter.setAspectRatio(stream.pixelAspect());
        try {
            filter.start();
        } catch (FrameFilter.Exception e) {
            close();
            throw new IOException(input.name() + ": FFmpeg cannot set up the filters " + graph() + " (" + e.getMessage() + ")", e);
        }
    }

    /** The filter graph: restate the stream's properties, the field step, then RGB with the stream's matrix. */
    String graph() {
        StringBuilder g = new StringBuilder("setparams=field_mode=").append(switch (stream.fieldOrder()) {
            case PROGRESSIVE -> "prog";
            case TOP_FIELD_FIRST -> "tff";
            case BOTTOM_FIELD_FIRST -> "bff";
        });
        if (stream.matrix() != Matrix.RGB) {
            g.append(":range=").append(stream.fullRange() ? "pc" : "tv").append(":colorspace=").append(switch (stream.matrix()) {
                case REC709 -> "bt709";
                case REC2020 -> "bt2020nc";
                default -> "smpte170m";
            });
        }
        if (!fields.filter.isEmpty()) {
            g.append(',').append(String.format(Locale.ROOT, fields.filter,
                    stream.fieldOrder() == FieldOrder.BOTTOM_FIELD_FIRST ? "bff" : "tff"));
        }
        if (toRgb && stream.matrix() != Matrix.RGB) {
            g.append(",scale=in_color_matrix=").append(switch (stream.matrix()) {
                case REC709 -> "bt709";
                case REC2020 -> "bt2020";
                default -> "bt601";
            }).append(":in_range=").append(stream.fullRange() ? "pc" : "tv")
                    .append(":out_range=pc:flags=accurate_rnd+full_chroma_int+full_chroma_inp");
        }
        if (toRgb) {
            // 16 bits keep the matrix conversion's fractions; 8-bit RGB stays 8-bit (swscale widens by shifting, not exactly)
            g.append(eightBitRgb() ? ",format=rgb24" : ",format=rgb48le");
        } else if (fields == Fields.ANALYSE) {
            g.append(",format=gray"); // a packed picture keeps the filter's AVFrame (and idet's tags) reachable
        }
        return g.toString();
    }

    private boolean eightBitRgb() {
        return stream.matrix() == Matrix.RGB && stream.bitDepth() <= 8;
    }

    /** Index of the next stored picture to be decoded. */
    int decodedPictures() {
        return decoded;
    }

    /**
     * The next output frame: an RGB {@link Image} (16-bit samples scaled to [0, 1]) when converting,
     * else idet's verdict string for {@link Fields#ANALYSE} or a marker; null at the end.
     */
    Object next() throws IOException {
        while (ready.isEmpty() && !ended) {
            pushNextPicture();
        }
        return ready.poll();
    }

    /**
     * Stored picture {@code picture} (at or after the next one), the pictures before it decoded and
     * checked but not filtered; null past the end. Only for {@link Fields#AS_STORED}: seeking by
     * timestamp lands on the wrong picture in MPEG program streams, so sampling decodes through.
     */
    Image storedImage(int picture) throws IOException {
        if (fields != Fields.AS_STORED || !toRgb || picture < decoded) {
            throw new IllegalStateException("skipping forward is for frames as stored");
        }
        try {
            while (decoded < picture && ready.isEmpty()) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    return null;
                }
                check((AVFrame) frame.opaque);
                decoded++;
            }
        } catch (FrameGrabber.Exception e) {
            throw new IOException(input.name() + ": decoding stopped at picture " + decoded + " (" + e.getMessage()
                    + "); the file is damaged from there on", e);
        }
        return nextImage();
    }

    /** Image-typed {@link #next()}. */
    Image nextImage() throws IOException {
        return (Image) next();
    }

    private void pushNextPicture() throws IOException {
        try {
            Frame frame = grabber.grabImage();
            if (frame == null) {
                checkComplete();
                ended = true;
                filter.push(0, null, stream.pixelFormat());
                drain();
                return;
            }
            AVFrame picture = (AVFrame) frame.opaque;
            check(picture);
            avutil.av_image_copy_to_buffer(packed, (int) packed.capacity(), new PointerPointer<>(picture), picture.linesize(),
                    stream.pixelFormat(), stream.width(), stream.height(), 1);
            filter.pushImage(0, stream.width(), stream.height(), Frame.DEPTH_UBYTE, 1, packedStride, stream.pixelFormat(),
                    packed.position(0).asBuffer());
            decoded++;
            drain();
        } catch (FrameGrabber.Exception | FrameFilter.Exception e) {
            throw new IOException(input.name() + ": decoding stopped at picture " + decoded + " (" + e.getMessage()
                    + "); the file is damaged from there on", e);
        }
    }

    /** A picture the decoder flags as damaged, or one that follows a gap in time, stops reading. */
    private void check(AVFrame picture) throws IOException {
        if (picture.decode_error_flags() != 0 || (picture.flags() & AVFrame.AV_FRAME_FLAG_CORRUPT) != 0) {
            throw new IOException(input.name() + ": picture " + decoded + " is damaged (the decoder had to conceal errors); "
                    + "the file is corrupt there: use an intact copy or cut the file before that point");
        }
        long pts = picture.best_effort_timestamp();
        if (pts != avutil.AV_NOPTS_VALUE && lastPts != avutil.AV_NOPTS_VALUE && pts - lastPts > 1.5 * frameDuration) {
            throw new IOException(input.name() + ": pictures are missing before picture " + decoded + " (a gap of "
                    + Math.round((pts - lastPts) / frameDuration - 1) + " frame(s)); the file is corrupt there: "
                    + "use an intact copy or cut the file before that point");
        }
        lastPts = pts;
    }

    /** A stream that ends before the frames its container announces is truncated. */
    private void checkComplete() throws IOException {
        long announced = stream.declaredFrames();
        if (announced <= 0) {
            long duration = grabber.getFormatContext().duration();
            announced = duration > 0 && !"mpeg".equals(input.format()) && !isProgramStream()
                    ? Math.round(duration / 1e6 * stream.fps()) : 0;
        }
        if (decoded == 0 || (announced > 0 && decoded < announced - 1)) {
            throw new IOException(input.name() + ": ends after " + decoded + " decodable picture(s)"
                    + (announced > 0 ? " but its header announces " + announced : "")
                    + "; the file is truncated or damaged from picture " + decoded + " on: use a complete copy");
        }
    }

    /** MPEG program streams have no frame count; their duration is only an estimate from timestamps. */
    private boolean isProgramStream() {
        String demuxer = grabber.getFormatContext().iformat().name().getString();
        return demuxer.equals("mpeg") || demuxer.equals("mpegts") || demuxer.equals("mpegvideo");
    }

    private void drain() throws FrameFilter.Exception {
        Frame out;
        while ((out = filter.pullImage()) != null) {
            if (toRgb) {
                ready.add(rgb(out));
            } else if (fields == Fields.ANALYSE) {
                ready.add(idetVerdict((AVFrame) out.opaque));
            } else {
                ready.add(Boolean.TRUE);
            }
        }
    }

    /** idet's tags of one frame: "repeated/multiple", e.g. {@code "top/tff"}. */
    private static String idetVerdict(AVFrame frame) {
        return tag(frame, "lavfi.idet.repeated.current_frame") + "/" + tag(frame, "lavfi.idet.multiple.current_frame");
    }

    private static String tag(AVFrame frame, String key) {
        AVDictionaryEntry e = avutil.av_dict_get(frame.metadata(), key, null, 0);
        return e == null ? "" : e.value().getString();
    }

    /** A packed RGB48 (or RGB24) filter output as an RGB image in [0, 1]. */
    private Image rgb(Frame out) {
        BytePointer data = new BytePointer(((java.nio.ByteBuffer) out.image[0]));
        int type = eightBitRgb() ? opencv_core.CV_8UC3 : opencv_core.CV_16UC3;
        try (Mat rgb = new Mat(out.imageHeight, out.imageWidth, type, data, out.imageStride)) {
            return OpenCv.toImage(rgb);
        }
    }

    @Override
    public void close() {
        try {
            filter.close();
        } catch (FrameFilter.Exception e) {
            // nothing left to recover
        }
        VideoInput.closeQuietly(grabber);
        avutil.av_free(packed);
    }
}
