package org.emulsion.pipeline.internal;

/** Consecutive scan frames {@code first}..{@code last} (inclusive): a shot or a scene. */
public record FrameRange(int first, int last) {
    public FrameRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad frame range " + first + ".." + last);
        }
    }

    public int length() {
        return last - first + 1;
    }

    public boolean contains(int frame) {
        return frame >= first && frame <= last;
    }
}
