package org.emulsion.media.internal;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVComponentDescriptor;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;

/**
 * Still frames through FFmpeg's image codecs (dpx, exr): one file is one packet, so the codec is
 * driven directly, without a demuxer, and the encoded bytes stay in memory for metadata to be
 * added before the file is written. Samples are moved between FFmpeg's planes and an
 * {@link Image} following FFmpeg's own pixel format descriptor, so every RGB/grey layout the
 * decoders produce (planar 10/12-bit, packed 16-bit, half and float) is read at its stored
 * precision; other layouts (YUV) are converted by swscale first.
 */
public final class FfmpegStills {

    private static final String DECODE_FAILED = "cannot be decoded (truncated or corrupt?); re-export or replace this frame";

    static {
        FfmpegLog.quiet();
    }

    private FfmpegStills() {
    }

    /** Where each colour sample of a frame lies, from FFmpeg's pixel format descriptor. */
    private record Layout(int channels, int[] plane, int[] step, int[] offset, int[] shift, int depth,
            boolean floating, ByteOrder order) {

        /** The layout of {@code format}, or null when it is not plain RGB/grey samples of one depth. */
        static Layout of(int format) {
            AVPixFmtDescriptor d = av_pix_fmt_desc_get(format);
            long flags = d.flags();
            boolean rgb = (flags & AV_PIX_FMT_FLAG_RGB) != 0 && d.nb_components() >= 3;
            if ((flags & (AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_HWACCEL)) != 0
                    || !(rgb || d.nb_components() <= 2)) {
                return null;
            }
            boolean floating = (flags & AV_PIX_FMT_FLAG_FLOAT) != 0;
            int channels = rgb ? 3 : 1;
            int depth = d.comp(0).depth();
            int[] plane = new int[channels];
            int[] step = new int[channels];
            int[] offset = new int[channels];
            int[] shift = new int[channels];
            for (int c = 0; c < channels; c++) {
                AVComponentDescriptor comp = d.comp(c);
                int width = floating ? depth : depth + comp.shift();
                if (comp.depth() != depth || (floating ? depth != 16 && depth != 32 : width > 16)) {
                    return null;
                }
                plane[c] = comp.plane();
                step[c] = comp.step();
                offset[c] = comp.offset();
                shift[c] = comp.shift();
            }
            return new Layout(channels, plane, step, offset, shift, depth, floating,
                    (flags & AV_PIX_FMT_FLAG_BE) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }

        /** Bytes that hold one sample: a byte up to 8 bits, else a 16-bit word (or a float). */
        int bytes() {
            return floating ? depth / 8 : depth + shift[0] <= 8 ? 1 : 2;
        }

        ByteBuffer plane(AVFrame frame, int c) {
            int p = plane[c];
            return frame.data(p).capacity((long) frame.linesize(p) * frame.height()).asByteBuffer().order(order);
        }

        float get(ByteBuffer buf, int at, int c) {
            if (floating) {
                return depth == 16 ? Float.float16ToFloat(buf.getShort(at)) : buf.getFloat(at);
            }
            int word = bytes() == 1 ? Byte.toUnsignedInt(buf.get(at)) : Short.toUnsignedInt(buf.getShort(at));
            // code × (1/max) in float, as OpenCV's convertTo scales: a 16-bit DPX and a 16-bit TIFF
            // of the same codes give the same floats
            return ((word >> shift[c]) & ((1 << depth) - 1)) * (1f / ((1 << depth) - 1));
        }

        void put(ByteBuffer buf, int at, int c, float value) {
            if (floating) {
                buf.putFloat(at, value); // depth 32: the encoders take float input
                return;
            }
            int max = (1 << depth) - 1;
            int code = (int) Math.rint(Math.max(0f, Math.min(1f, value)) * max) << shift[c];
            if (bytes() == 1) {
                buf.put(at, (byte) code);
            } else {
                buf.putShort(at, (short) code);
            }
        }
    }

    /**
     * Decodes one file's bytes with the decoder {@code codecId}.
     *
     * @throws IOException naming {@code name} when the decoder rejects the data
     */
    public static ImageFiles.Decoded decode(byte[] bytes, int codecId, String name) throws IOException {
        AVCodec codec = avcodec_find_decoder(codecId);
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        AVFrame converted = null;
        try {
            check(avcodec_open2(ctx, codec, (AVDictionary) null), name, "cannot start the decoder");
            check(av_new_packet(packet, bytes.length), name, "out of memory");
            packet.data().put(bytes);
            check(avcodec_send_packet(ctx, packet), name, DECODE_FAILED);
            avcodec_send_packet(ctx, null); // end of stream: the one frame must come out now
            check(avcodec_receive_frame(ctx, frame), name, DECODE_FAILED);
            Layout layout = Layout.of(frame.format());
            int bitDepth = av_pix_fmt_desc_get(frame.format()).comp(0).depth();
            boolean floating = layout != null && layout.floating();
            AVFrame source = frame;
            if (layout == null) {
                converted = toRgb16(frame, name);
                source = converted;
                layout = Layout.of(converted.format());
            }
            return new ImageFiles.Decoded(toImage(source, layout), bitDepth, floating);
        } finally {
            av_frame_free(frame);
            if (converted != null) {
                av_frame_free(converted);
            }
            av_packet_free(packet);
            avcodec_free_context(ctx);
        }
    }

    /**
     * Encodes {@code image} (RGB) with the encoder {@code codecId} in {@code pixelFormat}, passing
     * {@code options} to the encoder; returns the file's bytes.
     */
    public static byte[] encode(Image image, int codecId, int pixelFormat, Map<String, String> options, String name)
            throws IOException {
        Layout layout = Layout.of(pixelFormat);
        if (layout == null || layout.channels() != image.channels()) {
            throw new IllegalArgumentException(name + ": needs an image with " + (layout == null ? "?" : layout.channels())
                    + " channels, not " + image.channels());
        }
        AVCodec codec = avcodec_find_encoder(codecId);
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVFrame frame = av_frame_alloc();
        AVPacket packet = av_packet_alloc();
        AVDictionary dict = new AVDictionary(null);
        try {
            ctx.width(image.width()).height(image.height()).pix_fmt(pixelFormat);
            ctx.time_base().num(1).den(24);
            options.forEach((k, v) -> av_dict_set(dict, k, v, 0));
            check(avcodec_open2(ctx, codec, dict), name, "cannot start the encoder");
            frame.format(pixelFormat).width(image.width()).height(image.height());
            check(av_frame_get_buffer(frame, 0), name, "out of memory");
            fromImage(image, frame, layout);
            check(avcodec_send_frame(ctx, frame), name, "cannot be encoded");
            check(avcodec_receive_packet(ctx, packet), name, "cannot be encoded");
            byte[] bytes = new byte[packet.size()];
            packet.data().get(bytes);
            return bytes;
        } finally {
            av_dict_free(dict);
            av_packet_free(packet);
            av_frame_free(frame);
            avcodec_free_context(ctx);
        }
    }

    private static Image toImage(AVFrame frame, Layout layout) {
        int w = frame.width();
        int h = frame.height();
        int n = layout.channels();
        float[] data = new float[w * h * n];
        for (int c = 0; c < n; c++) {
            ByteBuffer plane = layout.plane(frame, c);
            int linesize = frame.linesize(layout.plane()[c]);
            for (int y = 0; y < h; y++) {
                int at = y * linesize + layout.offset()[c];
                int out = y * w * n + c;
                for (int x = 0; x < w; x++, at += layout.step()[c], out += n) {
                    data[out] = layout.get(plane, at, c);
                }
            }
        }
        return new Image(w, h, n, data);
    }

    private static void fromImage(Image image, AVFrame frame, Layout layout) {
        int w = image.width();
        int n = layout.channels();
        float[] data = image.data();
        for (int c = 0; c < n; c++) {
            ByteBuffer plane = layout.plane(frame, c);
            int linesize = frame.linesize(layout.plane()[c]);
            for (int y = 0; y < image.height(); y++) {
                int at = y * linesize + layout.offset()[c];
                int in = y * w * n + c;
                for (int x = 0; x < w; x++, at += layout.step()[c], in += n) {
                    layout.put(plane, at, c, data[in]);
                }
            }
        }
    }

    /** Converts a frame of another layout (YUV, odd packings) to 16-bit planar RGB with swscale. */
    private static AVFrame toRgb16(AVFrame frame, String name) throws IOException {
        AVFrame rgb = av_frame_alloc();
        rgb.format(AV_PIX_FMT_GBRP16LE).width(frame.width()).height(frame.height());
        SwsContext sws = swscale.sws_getContext(frame.width(), frame.height(), frame.format(), frame.width(),
                frame.height(), AV_PIX_FMT_GBRP16LE, swscale.SWS_ACCURATE_RND | swscale.SWS_FULL_CHR_H_INT
                        | swscale.SWS_BICUBIC, null, null, (DoublePointer) null);
        try {
            if (sws == null) {
                throw new IOException(name + ": FFmpeg cannot convert its pixel format "
                        + av_get_pix_fmt_name(frame.format()).getString() + " to RGB");
            }
            check(av_frame_get_buffer(rgb, 0), name, "out of memory");
            check(swscale.sws_scale_frame(sws, rgb, frame), name, "cannot be converted to RGB");
            return rgb;
        } catch (IOException e) {
            av_frame_free(rgb);
            throw e;
        } finally {
            swscale.sws_freeContext(sws);
        }
    }

    private static void check(int result, String name, String what) throws IOException {
        if (result < 0) {
            byte[] text = new byte[256];
            av_strerror(result, text, text.length);
            String reason = new String(text, StandardCharsets.US_ASCII).replace("\0", "").trim();
            throw new IOException(name + ": " + what + " (FFmpeg: " + reason + ")");
        }
    }
}
