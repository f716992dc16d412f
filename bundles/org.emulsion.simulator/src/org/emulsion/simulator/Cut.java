package org.emulsion.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A run of truth frames an element does not have: a censor cut on a disc, the frames lost where a
 * print was spliced after a break.
 *
 * @param firstFrame the first truth frame missing
 * @param frames     how many consecutive truth frames are missing
 */
public record Cut(int firstFrame, int frames) {

    public Cut {
        if (firstFrame < 0 || frames < 1) {
            throw new IllegalArgumentException("bad cut: " + frames + " frames from " + firstFrame);
        }
    }

    public int lastFrame() { return firstFrame + frames - 1; }

    public boolean contains(int truthFrame) { return truthFrame >= firstFrame && truthFrame <= lastFrame(); }

    /** Whether any of {@code cuts} contains {@code truthFrame}. */
    public static boolean any(List<Cut> cuts, int truthFrame) {
        return cuts.stream().anyMatch(c -> c.contains(truthFrame));
    }

    /**
     * {@code count} non-overlapping, non-adjacent runs of {@code length} frames among {@code frames},
     * never the first or last frame, in film order; the same for the same {@code random} state.
     */
    static List<Cut> choose(int frames, int count, int length, Random random) {
        if (count == 0) {
            return List.of();
        }
        if (frames - 2 < count * (length + 1)) {
            throw new IllegalArgumentException(count + " cuts of " + length + " frames do not fit in " + frames + " frames");
        }
        for (int attempt = 0; attempt < 10_000; attempt++) {
            List<Cut> cuts = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                Cut cut = new Cut(1 + random.nextInt(frames - 1 - length), length);
                if (cuts.stream().allMatch(o -> cut.lastFrame() + 1 < o.firstFrame() || o.lastFrame() + 1 < cut.firstFrame())) {
                    cuts.add(cut);
                }
            }
            if (cuts.size() == count) {
                cuts.sort(Comparator.comparingInt(Cut::firstFrame));
                return cuts;
            }
        }
        throw new IllegalArgumentException("cannot place " + count + " cuts of " + length + " frames in " + frames + " frames");
    }

    /** The cuts for a sidecar: first frame, last frame, frames. */
    static JsonArray toJson(List<Cut> cuts) {
        JsonArray list = new JsonArray();
        for (Cut c : cuts) {
            JsonObject o = new JsonObject();
            o.addProperty("firstFrame", c.firstFrame());
            o.addProperty("lastFrame", c.lastFrame());
            o.addProperty("frames", c.frames());
            list.add(o);
        }
        return list;
    }
}
