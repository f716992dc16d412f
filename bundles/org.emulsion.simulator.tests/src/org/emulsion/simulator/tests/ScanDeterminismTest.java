package org.emulsion.simulator.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.emulsion.core.image.Image;
import org.emulsion.simulator.ScanFrame;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanParameters.Degradation;
import org.emulsion.simulator.ScanParameters.Grain;
import org.emulsion.simulator.ScanSimulator;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class ScanDeterminismTest {

    @Test
    void sameSeedSameFramesInAnyOrder() {
        ScanSimulator a = new ScanSimulator(ScanFixtures.busy());
        ScanSimulator b = new ScanSimulator(ScanFixtures.busy());
        int[] frames = {30, 31, 32, 33};
        ScanFrame[] forward = new ScanFrame[frames.length];
        for (int k = 0; k < frames.length; k++) {
            forward[k] = a.render(ScanFixtures.truth(frames[k]), frames[k], 1);
        }
        for (int k = frames.length - 1; k >= 0; k--) {
            ScanFrame again = b.render(ScanFixtures.truth(frames[k]), frames[k], 1);
            assertArrayEquals(forward[k].scan().data(), again.scan().data(), "scan of frame " + frames[k]);
            assertArrayEquals(forward[k].damageMask().data(), again.damageMask().data(), "mask of frame " + frames[k]);
            assertEquals(forward[k].missing(), again.missing());
        }
    }

    @Test
    void differentSeedDifferentFrames() {
        ScanSimulator a = new ScanSimulator(ScanFixtures.busy());
        ScanSimulator b = new ScanSimulator(ScanFixtures.busy().withSeed(2));
        Image truth = ScanFixtures.truth(30);
        ScanFrame x = a.render(truth, 30, 0);
        ScanFrame y = b.render(truth, 30, 0);
        double d = ScanFixtures.meanAbsDiff(x.scan(), y.scan());
        System.out.printf("seed 1 vs 2, frame 30: mean |difference| %.4f%n", d);
        assertTrue(d > 0.005, "mean difference " + d);
        assertNotEquals(a.weave(30), b.weave(30));
    }

    @Test
    void nothingOnLeavesTheTruth() {
        Image truth = ScanFixtures.truth(5);
        ScanFrame f = new ScanSimulator(ScanFixtures.none()).render(truth, 5, 0);
        assertArrayEquals(truth.data(), f.scan().data());
        assertEquals(0, ScanFixtures.count(f.damageMask()));
        assertEquals(1, f.damageMask().channels());
        assertFalse(f.missing());
    }

    @Test
    void parametersRoundTripThroughJson() {
        ScanParameters p = ScanFixtures.busy().with(Degradation.NITRATE, false).withGrain(new Grain(0.03, 1.1)).withSeed(99);
        JsonObject json = p.toJson();
        ScanParameters back = ScanParameters.fromJson(JsonParser.parseString(json.toString()).getAsJsonObject());
        assertEquals(p, back);
        assertEquals(99, json.get("seed").getAsLong());
        assertFalse(json.getAsJsonArray("enabled").toString().contains("NITRATE"));
        assertEquals(0.03, json.getAsJsonObject("grain").get("rms").getAsDouble());
        assertTrue(ScanParameters.defaults().enabled().containsAll(EnumSet.allOf(Degradation.class)));
        assertThrows(IllegalArgumentException.class, () -> new ScanParameters.Fade(1.2, 1, 1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ScanSimulator(p).render(Image.blank(64, 64, 1), 0, 0));
    }
}
