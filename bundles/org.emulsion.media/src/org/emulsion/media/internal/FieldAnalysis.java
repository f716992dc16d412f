package org.emulsion.media.internal;

import java.io.IOException;

import org.emulsion.media.internal.FilteredVideo.Fields;

/**
 * Chooses the field step for interlaced material from what FFmpeg's interlace detector (idet)
 * sees in its first pictures, not from flags alone: flags say how a picture was coded, not whether
 * its two fields come from one instant. 3:2 pulldown shows as a field repeated in two of every five
 * frames; progressive film coded as interlaced (PAL film DVDs) shows no combing.
 */
final class FieldAnalysis {
    /** Pictures analysed: enough for several pulldown cycles and idet's multi-frame verdict to settle. */
    static final int WINDOW = 60;
    /** Repeated fields per frame above which the material is taken as telecined (3:2 pulldown gives 2/5). */
    private static final double PULLDOWN_REPEATS = 0.25;

    private FieldAnalysis() {
    }

    /** What idet saw, and the field step it calls for. */
    record Verdict(int frames, int repeated, int interlaced, int progressive, Fields fields) {
    }

    static Verdict analyse(VideoInput input, VideoInput.Stream stream) throws IOException {
        if (!stream.fieldOrder().interlaced()) {
            return new Verdict(0, 0, 0, 0, Fields.AS_STORED);
        }
        int frames = 0, repeated = 0, interlaced = 0, progressive = 0;
        try (FilteredVideo video = new FilteredVideo(input, stream, Fields.ANALYSE, false)) {
            Object tags;
            while (frames < WINDOW && (tags = video.next()) != null) {
                String[] t = ((String) tags).split("/", -1);
                frames++;
                repeated += t[0].equals("top") || t[0].equals("bottom") ? 1 : 0;
                interlaced += t[1].equals("tff") || t[1].equals("bff") ? 1 : 0;
                progressive += t[1].equals("progressive") ? 1 : 0;
            }
        }
        boolean ntsc = Math.abs(stream.fps() - 30000.0 / 1001) < 0.05 || Math.abs(stream.fps() - 30) < 0.05;
        Fields fields = ntsc && repeated > PULLDOWN_REPEATS * frames ? Fields.INVERSE_TELECINE
                : interlaced > progressive ? Fields.DEINTERLACE : Fields.AS_STORED;
        return new Verdict(frames, repeated, interlaced, progressive, fields);
    }
}
