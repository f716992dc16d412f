package org.emulsion.simulator.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.emulsion.core.image.Image;
import org.emulsion.simulator.ScanSimulator;
import org.junit.jupiter.api.Test;

/** 720p frames must render well under a second each, or benchmark cases take hours to make. */
class ScanSpeedTest {

    @Test
    void renders720pWellUnderASecond() {
        SplittableRandom r = new SplittableRandom(3);
        float[] data = new float[1280 * 720 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (0.1 + 0.8 * ((i / 3 % 1280) / 1280.0) * (0.9 + 0.1 * r.nextDouble()));
        }
        Image truth = new Image(1280, 720, 3, data);
        ScanSimulator sim = new ScanSimulator(ScanFixtures.busy());
        sim.render(truth, 40, 0); // warm-up: class loading, native libraries, JIT
        int frames = 5;
        long start = System.nanoTime();
        for (int f = 41; f < 41 + frames; f++) {
            sim.render(truth, f, 0);
        }
        double ms = (System.nanoTime() - start) / 1e6 / frames;
        System.out.printf("speed: 1280x720, every degradation on (busy damage), %.0f ms per frame%n", ms);
        assertTrue(ms < 1000, ms + " ms per frame");
    }
}
