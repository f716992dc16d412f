package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.emulsion.engine.extensions.ArchitectureContribution;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.core.image.Image;
import org.emulsion.engine.FramePipeline;
import org.emulsion.engine.TrainedModel;
import org.emulsion.media.ImageFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decode → infer → encode with a real (untrained) luma network on small frames. */
class FramePipelineTest {
    private static TrainedModel model;

    @BeforeAll
    static void createModel() {
        ArchitectureContribution c = ModelArchitectureRegistry.get().get(ArchitectureTest.LUMA);
        model = TrainedModel.untrained(c.instance(), c.defaultPreset(), 3, 2);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    private static List<String> frames(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("frame-%04d.tif", i)).toList();
    }

    private static Image decode(String frame) {
        return TiledInferenceTest.texturedFrame(48, 32, frame.hashCode());
    }

    @Test
    void resultsComeOutInOrderAndEqualDirectInference() throws IOException {
        List<String> frames = frames(12);
        Random jitter = new Random(1);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        List<Image> results = Collections.synchronizedList(new ArrayList<>());
        FramePipeline<String> pipeline = new FramePipeline<>(frame -> {
            sleep(jitter.nextInt(15)); // decoding time varies from frame to frame
            return decode(frame);
        }, model::predict, (frame, result) -> {
            sleep(jitter.nextInt(15));
            written.add(frame);
            results.add(result);
        }, 2);
        pipeline.run(frames, new NullProgressMonitor());
        assertEquals(frames, written);
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(model.predict(decode(frames.get(i))).data(), results.get(i).data(), 1e-6f);
        }
    }

    /**
     * 16-bit TIFFs in, 16-bit TIFFs out: the pipeline keeps the samples as floats between the
     * files, so the written frames equal direct inference to the 16-bit step.
     */
    @Test
    void sixteenBitFilesInAndOut(@TempDir Path dir) throws IOException {
        List<Path> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path in = dir.resolve(String.format("scan-%04d.tif", i));
            ImageFiles.writeTiff16(in, TiledInferenceTest.texturedFrame(40, 24, i));
            frames.add(in);
        }
        FramePipeline<Path> pipeline = new FramePipeline<>(file -> {
            ImageFiles.Decoded decoded = ImageFiles.read(file);
            assertEquals(16, decoded.bitDepth());
            return decoded.image();
        }, model::predict, (file, result) -> ImageFiles.writeTiff16(dir.resolve("out-" + file.getFileName()), result), 2);
        pipeline.run(frames, new NullProgressMonitor());
        for (Path in : frames) {
            ImageFiles.Decoded written = ImageFiles.read(dir.resolve("out-" + in.getFileName()));
            assertEquals(16, written.bitDepth());
            float[] expected = model.predict(ImageFiles.read(in).image()).data();
            float[] actual = written.image().data();
            assertEquals(expected.length, actual.length);
            for (int k = 0; k < expected.length; k++) {
                float clipped = Math.min(1, Math.max(0, expected[k]));
                assertEquals(clipped, actual[k], 0.51f / 65535, in + " sample " + k);
            }
        }
    }

    @Test
    void aReaderFailureNamesTheFrameAndStopsThePipeline() {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        FramePipeline<String> pipeline = new FramePipeline<>(frame -> {
            if (frame.equals("frame-0005.tif")) {
                throw new IOException("truncated TIFF");
            }
            return decode(frame);
        }, model::predict, (frame, result) -> written.add(frame), 2);
        IOException e = assertThrows(IOException.class, () -> pipeline.run(frames(40), new NullProgressMonitor()));
        assertTrue(e.getMessage().contains("frame-0005.tif") && e.getMessage().contains("truncated TIFF"), e.getMessage());
        assertTrue(written.size() <= 5, "frames after the failure are not written: " + written);
    }

    @Test
    void aWriterFailureNamesTheFrame() {
        FramePipeline<String> pipeline = new FramePipeline<>(FramePipelineTest::decode, model::predict, (frame, result) -> {
            if (frame.equals("frame-0002.tif")) {
                throw new IOException("disk full");
            }
        }, 1);
        IOException e = assertThrows(IOException.class, () -> pipeline.run(frames(30), new NullProgressMonitor()));
        assertTrue(e.getMessage().contains("frame-0002.tif") && e.getMessage().contains("disk full"), e.getMessage());
    }

    @Test
    void cancellingStopsBeforeTheEnd() {
        NullProgressMonitor monitor = new NullProgressMonitor();
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        FramePipeline<String> pipeline = new FramePipeline<>(FramePipelineTest::decode, image -> {
            if (written.size() >= 3) {
                monitor.setCanceled(true);
            }
            return model.predict(image);
        }, (frame, result) -> written.add(frame), 1);
        assertThrows(OperationCanceledException.class, () -> pipeline.run(frames(100), monitor));
        assertTrue(written.size() < 100, "wrote " + written.size());
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
