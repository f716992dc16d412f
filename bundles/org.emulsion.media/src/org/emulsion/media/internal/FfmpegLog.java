package org.emulsion.media.internal;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg prints stream details, muxer summaries and swscale notes on stderr at its default log
 * level; Emulsion reports problems itself, so only FFmpeg's errors are let through. Every class
 * that opens an FFmpeg demuxer, muxer or codec calls {@link #quiet()} first.
 */
public final class FfmpegLog {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private FfmpegLog() {
    }

    /** Ensures the log level is set (the work happens once, in the class initialiser). */
    public static void quiet() {
        // class initialisation does it
    }
}
