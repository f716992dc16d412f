package org.emulsion.media.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bytedeco.ffmpeg.global.avutil;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.media.ActiveArea;
import org.emulsion.media.internal.FilteredVideo.Fields;

/**
 * A decoded video as a {@link FrameSource}: frames come out of {@link FilteredVideo} in order;
 * reading an earlier frame decodes again from the start (long-GOP codecs and the field filters
 * cannot seek to an exact frame). Shared by the video file, DVD and telecine reference sources.
 */
final class VideoFrames implements FrameSource {
    private final VideoInput input;
    private final VideoInput.Stream stream;
    private final Fields fields;
    private final SourceInfo info;
    private FilteredVideo video;
    private int next;

    private VideoFrames(VideoInput input, VideoInput.Stream stream, Fields fields, SourceInfo info) {
        this.input = input;
        this.stream = stream;
        this.fields = fields;
        this.info = info;
    }

    /**
     * Opens {@code input} with the field step {@code fields}, counting its frames exactly and, when
     * {@code findArea}, detecting its picture area and subtitle band on sampled frames.
     */
    static VideoFrames open(VideoInput input, VideoInput.Stream stream, Fields fields, boolean findArea) throws IOException {
        int count = count(input, stream, fields);
        double fps = fields == Fields.INVERSE_TELECINE ? stream.fps() * 4 / 5 : stream.fps();
        SourceInfo info = new SourceInfo(stream.width(), stream.height(), count, fps, stream.pixelAspect(), stream.bitDepth(),
                encoding(stream, fields), stream.fieldOrder(), stream.matrix(), new SourceInfo.Rect(0, 0, stream.width(),
                        stream.height()), SourceInfo.Rect.NONE);
        if (findArea) {
            int stored = fields == Fields.INVERSE_TELECINE ? count * 5 / 4 : count;
            ActiveArea area = ActiveArea.detect(sample(input, stream, stored));
            info = info.withAreas(area.picture(), area.subtitles());
        }
        return new VideoFrames(input, stream, fields, info);
    }

    /** {@code input} as progressive frames with its picture area, the field step chosen by {@link FieldAnalysis}. */
    static VideoFrames progressive(VideoInput input) throws IOException {
        VideoInput.Stream stream = input.probe();
        return open(input, stream, FieldAnalysis.analyse(input, stream).fields(), true);
    }

    /**
     * The exact number of frames delivered: the container's count where it keeps one and no filter
     * changes the count, else counted by decoding (MPEG program streams keep none; inverse telecine
     * drops frames by content).
     */
    private static int count(VideoInput input, VideoInput.Stream stream, Fields fields) throws IOException {
        if (fields == Fields.AS_STORED && stream.declaredFrames() > 0) {
            return Math.toIntExact(stream.declaredFrames());
        }
        int n = 0;
        try (FilteredVideo video = new FilteredVideo(input, stream, fields, false)) {
            while (video.next() != null) {
                n++;
            }
        }
        return n;
    }

    /** Stored pictures spread over the video, for picture-area detection. */
    private static List<Image> sample(VideoInput input, VideoInput.Stream stream, int count) throws IOException {
        List<Image> samples = new ArrayList<>();
        try (FilteredVideo video = new FilteredVideo(input, stream, Fields.AS_STORED, true)) {
            for (int i : ActiveArea.samplePositions(count)) {
                Image frame = video.storedImage(i);
                if (frame == null) {
                    break;
                }
                samples.add(frame);
            }
        }
        return samples;
    }

    private static String encoding(VideoInput.Stream s, Fields fields) {
        String matrix = switch (s.matrix()) {
            case RGB -> "RGB";
            case REC601 -> "Rec.601 YCbCr";
            case REC709 -> "Rec.709 YCbCr";
            case REC2020 -> "Rec.2020 YCbCr";
        };
        String step = switch (fields) {
            case AS_STORED -> s.softPulldown() ? ", soft pulldown flags ignored (film frames)" : "";
            case DEINTERLACE -> ", deinterlaced (bwdif)";
            case INVERSE_TELECINE -> ", inverse telecine (fieldmatch, decimate)";
            case ANALYSE -> "";
        };
        return String.format(Locale.ROOT, "%s %s %d-bit %s%s range, decoded to RGB%s", s.codec(),
                avutil.av_get_pix_fmt_name(s.pixelFormat()).getString(), s.bitDepth(), matrix,
                s.matrix() == SourceInfo.Matrix.RGB ? "" : s.fullRange() ? " full" : " video", step);
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public String frameName(int index) {
        return String.format(Locale.ROOT, "%s#%06d", input.name().getFileName(), index);
    }

    @Override
    public synchronized Image read(int index) throws IOException {
        if (index < 0 || index >= info.frameCount()) {
            throw new IOException(input.name() + ": has no frame " + index + " (it has " + info.frameCount() + ")");
        }
        if (video == null || index < next) {
            close();
            video = new FilteredVideo(input, stream, fields, true);
            next = 0;
        }
        while (true) {
            Image frame = video.nextImage();
            if (frame == null) {
                throw new IOException(input.name() + ": ends before frame " + index + " (it decoded " + next + " of the "
                        + info.frameCount() + " frames counted when it was opened); the file changed or is damaged");
            }
            if (next++ == index) {
                return frame;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (video != null) {
            video.close();
            video = null;
        }
    }
}
