package org.emulsion.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.emulsion.core.JsonFiles;
import org.emulsion.core.image.Image;
import org.emulsion.quality.SequenceMetrics;
import org.junit.jupiter.api.Test;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class SequenceMetricsTest {
    private static final int W = 32;
    private static final int H = 24;

    @Test
    void framesWithoutReferenceAreReportedSeparately() {
        SequenceMetrics metrics = new SequenceMetrics();
        Image damage = TestImages.mask(W, H, (x, y) -> x < 8);
        for (int t = 0; t < 4; t++) {
            Image truth = TestImages.random(W, H, 3, 100 + t);
            boolean hasReference = t < 2;
            // With a reference the result is perfect; without, it is 0.1 too bright (grey offset).
            Image result = hasReference ? truth.copy() : TestImages.plus(truth, 0.1f);
            Image scan = truth; // same grain
            metrics.add(t, hasReference, result, scan, truth, damage);
        }
        // As written: strict Gson must read it back (a figure that does not apply is null, never NaN or infinity).
        JsonObject json = written(metrics.toJson());
        assertEquals(4, JsonParser.parseString(new Gson().toJson(json)).getAsJsonObject().get("frames").getAsInt());
        assertEquals(4, json.get("frames").getAsInt());

        JsonObject with = json.getAsJsonObject("withReference");
        assertEquals(2, with.get("frames").getAsInt());
        assertEquals(0, with.getAsJsonObject("deltaE2000").get("mean").getAsDouble(), 1e-6);
        assertTrue(with.getAsJsonObject("luma").get("psnr").isJsonNull()); // identical: infinite PSNR
        assertEquals(0, with.getAsJsonObject("luma").get("mse").getAsDouble(), 1e-12);
        assertEquals(1, with.getAsJsonObject("luma").get("ssim").getAsDouble(), 1e-6);
        assertEquals(1, with.getAsJsonObject("temporal").get("pairs").getAsInt()); // 0-1

        JsonObject without = json.getAsJsonObject("withoutReference");
        assertEquals(2, without.get("frames").getAsInt());
        assertTrue(without.getAsJsonObject("deltaE2000").get("mean").getAsDouble() > 1);
        assertTrue(without.getAsJsonObject("deltaE2000").get("p95").getAsDouble() >= without
                .getAsJsonObject("deltaE2000").get("mean").getAsDouble() - 1e-9);
        // Samples above 1 are not clamped, so a 0.1 offset in R, G, B is 0.1 in luma: 20 dB.
        assertEquals(20, without.getAsJsonObject("luma").get("psnr").getAsDouble(), 1e-3);
        JsonObject damageWithout = without.getAsJsonObject("damage");
        assertEquals(2 * 8 * H, damageWithout.get("pixels").getAsInt());
        assertEquals(20, damageWithout.get("psnr").getAsDouble(), 1e-3);
        assertEquals(1.0, without.get("grainKept").getAsDouble(), 1e-6);
        assertEquals(2, without.getAsJsonObject("temporal").get("pairs").getAsInt()); // 1-2, 2-3

        JsonObject all = json.getAsJsonObject("all");
        assertEquals(4, all.get("frames").getAsInt());
        assertEquals(3, all.getAsJsonObject("temporal").get("pairs").getAsInt());
        assertEquals(4L * W * H, all.getAsJsonObject("deltaE2000").get("pixels").getAsLong());
        assertEquals(10 * Math.log10(1 / (0.01 / 2)), all.getAsJsonObject("luma").get("psnr").getAsDouble(), 1e-3);

        assertEquals(4, json.getAsJsonArray("perFrame").size());
        JsonObject frame2 = json.getAsJsonArray("perFrame").get(2).getAsJsonObject();
        assertEquals(2, frame2.get("index").getAsInt());
        assertFalse(frame2.get("hasReference").getAsBoolean());
        assertTrue(frame2.has("temporal"));
        assertFalse(json.getAsJsonArray("perFrame").get(0).getAsJsonObject().has("temporal"));
    }

    @Test
    void worksWithoutScanOrDamageMask() {
        SequenceMetrics metrics = new SequenceMetrics();
        Image truth = TestImages.random(W, H, 3, 7);
        metrics.add(5, true, truth, null, truth, null);
        JsonObject all = written(metrics.toJson()).getAsJsonObject("all");
        assertFalse(all.has("damage"));
        assertTrue(all.get("grainKept").isJsonNull());
        assertEquals(0, all.getAsJsonObject("temporal").get("pairs").getAsInt());
        assertTrue(written(metrics.toJson()).getAsJsonObject("withoutReference").getAsJsonObject("deltaE2000").get("mean")
                .isJsonNull());
    }

    private static JsonObject written(JsonObject json) {
        try {
            return JsonFiles.parse(JsonFiles.toJson(json), "metrics");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
