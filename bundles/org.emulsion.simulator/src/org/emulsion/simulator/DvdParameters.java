package org.emulsion.simulator;

import com.google.gson.JsonObject;

/**
 * How a simulated PAL DVD was authored from the film.
 *
 * @param logoFrames  distributor-logo frames at the start of the disc
 * @param blackFrames black frames between the logo and the film
 * @param cuts        number of censor cuts (runs of film frames missing from the disc)
 * @param cutLength   film frames removed by each cut
 * @param anamorphic  16:9 anamorphic (pixel aspect 64/45) or 4:3 (16/15)
 * @param framing     the transfer's framing of the film (aspect, letterbox, crop)
 * @param grade       the transfer's colour grade
 * @param bitrate     MPEG-2 video bit rate, bits per second
 * @param gopSize     MPEG-2 group of pictures length (15 on PAL discs)
 */
public record DvdParameters(int logoFrames, int blackFrames, int cuts, int cutLength, boolean anamorphic,
        ReferenceFraming framing, ReferenceGrade grade, int bitrate, int gopSize) {

    public DvdParameters {
        if (logoFrames < 0 || blackFrames < 0 || cuts < 0 || cutLength < 1 || bitrate < 500_000 || bitrate > 9_800_000
                || gopSize < 1) {
            throw new IllegalArgumentException("bad DVD parameters");
        }
    }

    /** A 16:9 anamorphic disc: 8 logo + 4 black frames, one 3-frame cut, 1.85 letterbox, warm punchy grade, 7 Mb/s. */
    public static DvdParameters defaults() {
        return new DvdParameters(8, 4, 1, 3, true, new ReferenceFraming(1.85, 1.04, 0.3, -0.2),
                new ReferenceGrade(0.95, 1.0, 1.06, 1.04, 1.0, 0.93, 0.01, 1.15), 7_000_000, 15);
    }

    /** These parameters with another lead-in. */
    public DvdParameters withLeadIn(int logo, int black) {
        return new DvdParameters(logo, black, cuts, cutLength, anamorphic, framing, grade, bitrate, gopSize);
    }

    /** These parameters with other censor cuts. */
    public DvdParameters withCuts(int count, int length) {
        return new DvdParameters(logoFrames, blackFrames, count, length, anamorphic, framing, grade, bitrate, gopSize);
    }

    /** Lead-in frames before the film's first frame. */
    public int leadInFrames() {
        return logoFrames + blackFrames;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("logoFrames", logoFrames);
        json.addProperty("blackFrames", blackFrames);
        json.addProperty("cuts", cuts);
        json.addProperty("cutLength", cutLength);
        json.addProperty("anamorphic", anamorphic);
        json.add("framing", framing.toJson());
        json.add("grade", grade.toJson());
        json.addProperty("bitrate", bitrate);
        json.addProperty("gopSize", gopSize);
        return json;
    }
}
