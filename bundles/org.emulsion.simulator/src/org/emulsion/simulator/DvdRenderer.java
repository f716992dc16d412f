package org.emulsion.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.media.VideoWriter;
import org.emulsion.simulator.internal.ReferenceSidecar;

/**
 * Renders a PAL DVD of a {@link Truth}: 720×576 at 25 fps (one film frame per video frame, the
 * usual 4 % PAL speed-up), anamorphic 16:9, reframed (letterboxed, cropped) and graded by the
 * transfer, preceded by a distributor logo and black, with censor cuts, encoded as MPEG-2 4:2:0
 * in a DVD program stream.
 */
public final class DvdRenderer {
    public static final int WIDTH = 720;
    public static final int HEIGHT = 576;
    /** Pixel aspect of anamorphic 16:9 PAL (ITU-R BT.601 sampling of a 16:9 picture, as MPEG-2 signals it). */
    public static final double PIXEL_ASPECT_16_9 = 64.0 / 45;
    /** Pixel aspect of 4:3 PAL. */
    public static final double PIXEL_ASPECT_4_3 = 16.0 / 15;
    public static final String FILE_NAME = "dvd.vob";
    public static final String SIDECAR_NAME = "dvd.json";

    private DvdRenderer() {
    }

    /** Writes {@code directory/dvd.vob} and {@code directory/dvd.json}. */
    public static DvdResult render(Truth truth, long seed, DvdParameters parameters, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Cut> cuts = Cut.choose(truth.frameCount(), parameters.cuts(), parameters.cutLength(),
                new Random(seed * 1_000_003L + 17));
        List<Integer> map = new ArrayList<>();
        for (int k = 0; k < parameters.leadInFrames(); k++) {
            map.add(ReferenceResult.NONE);
        }
        for (int i = 0; i < truth.frameCount(); i++) {
            if (!Cut.any(cuts, i)) {
                map.add(i);
            }
        }
        double pixelAspect = parameters.anamorphic() ? PIXEL_ASPECT_16_9 : PIXEL_ASPECT_4_3;
        ReferenceGeometry geometry = parameters.framing().geometry(truth.spec().width(), truth.spec().height(), WIDTH, HEIGHT,
                pixelAspect);
        Path file = directory.resolve(FILE_NAME);
        VideoWriter.Format format = new VideoWriter.Format("dvd", avcodec.AV_CODEC_ID_MPEG2VIDEO,
                avutil.AV_PIX_FMT_YUV420P, DvdResult.FPS, pixelAspect, parameters.bitrate(), parameters.gopSize(), 2, false,
                Map.of("maxrate", "9800000", "bufsize", "1835008"));
        try (VideoWriter writer = new VideoWriter(file, WIDTH, HEIGHT, format)) {
            for (int k = 0; k < map.size(); k++) {
                int t = map.get(k);
                if (t == ReferenceResult.NONE) {
                    writer.write(k < parameters.logoFrames() ? logo(k, parameters.logoFrames()) : Image.blank(WIDTH, HEIGHT, 3));
                } else {
                    writer.write(geometry.fromTruth(parameters.grade().apply(truth.frame(t))));
                }
            }
            writer.finish();
        }
        DvdResult result = new DvdResult(file, directory.resolve(SIDECAR_NAME), seed, parameters, parameters.leadInFrames(), cuts,
                map, geometry, truth.parameters());
        ReferenceSidecar.write(result.sidecar(), result.toJson());
        return result;
    }

    /** A distributor logo fading in: a ring and a name on black. */
    private static Image logo(int index, int count) {
        double fade = Math.min(1.0, (index + 1.0) / Math.max(1, Math.min(4, count)));
        try (Mat m = new Mat(HEIGHT, WIDTH, opencv_core.CV_32FC3, new Scalar(0, 0, 0, 0))) {
            Point centre = new Point(WIDTH / 2, HEIGHT / 2 - 40);
            opencv_imgproc.ellipse(m, centre, new Size(80, 110), 0, 0, 360, new Scalar(0.85 * fade, 0.65 * fade, 0.2 * fade, 0), 14,
                    opencv_imgproc.LINE_AA, 0);
            opencv_imgproc.circle(m, centre, 40, new Scalar(0.2 * fade, 0.35 * fade, 0.8 * fade, 0), -1, opencv_imgproc.LINE_AA, 0);
            opencv_imgproc.putText(m, "EMULSION HOME VIDEO", new Point(170, HEIGHT / 2 + 130), opencv_imgproc.FONT_HERSHEY_DUPLEX, 1.3,
                    new Scalar(0.9 * fade, 0.9 * fade, 0.9 * fade, 0), 2, opencv_imgproc.LINE_AA, false);
            return OpenCv.toImage(m);
        }
    }
}
