package org.emulsion.pipeline.report;

/**
 * The colours a composite's source maps are shown in, the same in the report and in the workbench:
 * one per element in the order of its source code (the scan, the master, first), magenta for the
 * pixels no element gave (inferred).
 */
public final class SourceColours {
    private static final float[] INFERRED = {0.85f, 0.1f, 0.75f};
    private static final float[][] ELEMENTS = {{0.12f, 0.47f, 0.71f}, {1f, 0.5f, 0.05f}, {0.17f, 0.63f, 0.17f},
            {0.84f, 0.15f, 0.16f}, {0.58f, 0.4f, 0.74f}, {0.55f, 0.34f, 0.29f}, {0.5f, 0.5f, 0.5f}, {0.74f, 0.74f, 0.13f}};

    private SourceColours() {
    }

    /** The RGB (each in [0, 1]) of the {@code order}-th element (repeated beyond eight), or of inferred pixels when negative. */
    public static float[] of(int order) {
        return (order < 0 ? INFERRED : ELEMENTS[order % ELEMENTS.length]).clone();
    }
}
