package org.emulsion.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.emulsion.core.image.Image;
import org.emulsion.media.VideoWriter;
import org.emulsion.simulator.internal.ReferenceImages;
import org.emulsion.simulator.internal.ReferenceSidecar;

/**
 * Renders an NTSC telecine of a {@link Truth}: every film frame is framed into 720×480, graded
 * (with a slowly drifting gain), softened, then laid down as 2 or 3 fields in the 3:2 pulldown
 * pattern (AA BB BC CD DD); pairs of fields are woven into interlaced frames at 29.97 fps, video
 * noise is added per field, and the result is stored losslessly (FFV1, 10-bit 4:2:2, Matroska
 * with the field order signalled) so the field structure survives exactly.
 */
public final class TelecineRenderer {
    public static final int WIDTH = 720;
    public static final int HEIGHT = 480;
    /** Pixel aspect of 4:3 NTSC (BT.601). */
    public static final double PIXEL_ASPECT_4_3 = 10.0 / 11;
    /** Pixel aspect of anamorphic 16:9 NTSC. */
    public static final double PIXEL_ASPECT_16_9 = 40.0 / 33;
    public static final String FILE_NAME = "telecine.mkv";
    public static final String SIDECAR_NAME = "telecine.json";
    private static final String LETTERS = "ABCD";

    private TelecineRenderer() {
    }

    /** Writes {@code directory/telecine.mkv} and {@code directory/telecine.json}. */
    public static TelecineResult render(Truth truth, long seed, TelecineParameters parameters, Path directory) throws IOException {
        Files.createDirectories(directory);
        int n = truth.frameCount();
        List<Integer> fieldMap = pulldown(n, parameters.cadencePhase());
        List<TelecineResult.Fields> frames = new ArrayList<>();
        for (int k = 0; k + 1 < fieldMap.size(); k += 2) {
            int first = fieldMap.get(k);
            int second = fieldMap.get(k + 1);
            String cadence = "" + letter(first, parameters) + letter(second, parameters);
            frames.add(parameters.topFieldFirst() ? new TelecineResult.Fields(first, second, cadence)
                    : new TelecineResult.Fields(second, first, cadence));
        }
        fieldMap = fieldMap.subList(0, frames.size() * 2);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a telecine needs at least one film frame with two fields");
        }
        List<double[]> gains = drift(n, parameters, seed);
        double pixelAspect = parameters.anamorphic() ? PIXEL_ASPECT_16_9 : PIXEL_ASPECT_4_3;
        ReferenceGeometry geometry = parameters.framing().geometry(truth.spec().width(), truth.spec().height(), WIDTH, HEIGHT,
                pixelAspect);
        Path file = directory.resolve(FILE_NAME);
        VideoWriter.Format format = new VideoWriter.Format("matroska", avcodec.AV_CODEC_ID_FFV1,
                avutil.AV_PIX_FMT_YUV422P10LE, TelecineResult.FPS, pixelAspect, 0, 1, -1, true,
                Map.of("field_order", parameters.topFieldFirst() ? "tt" : "bb"));
        Map<Integer, Image> film = new HashMap<>();
        try (VideoWriter writer = new VideoWriter(file, WIDTH, HEIGHT, format)) {
            for (int k = 0; k < frames.size(); k++) {
                TelecineResult.Fields f = frames.get(k);
                int lowest = Math.min(f.top(), f.bottom());
                film.keySet().removeIf(i -> i < lowest);
                Image top = film.computeIfAbsent(f.top(), i -> transfer(truth, i, gains.get(i), parameters, geometry));
                Image bottom = film.computeIfAbsent(f.bottom(), i -> transfer(truth, i, gains.get(i), parameters, geometry));
                Image woven = ReferenceImages.weave(top, bottom);
                writer.write(ReferenceImages.add(woven, ReferenceImages.noise(WIDTH, HEIGHT, 3, parameters.noiseSigma(), 0, false,
                        ReferenceImages.seed(seed, 2, k))));
            }
            writer.finish();
        }
        TelecineResult result = new TelecineResult(file, directory.resolve(SIDECAR_NAME), seed, parameters, frames, fieldMap, gains,
                geometry, truth.parameters());
        ReferenceSidecar.write(result.sidecar(), result.toJson());
        return result;
    }

    /** The truth frame of every field, in time order: film frames alternately held for 2 and 3 fields. */
    static List<Integer> pulldown(int filmFrames, int phase) {
        List<Integer> fields = new ArrayList<>();
        for (int i = 0; i < filmFrames; i++) {
            int hold = (i + phase) % 2 == 0 ? 2 : 3;
            for (int h = 0; h < hold; h++) {
                fields.add(i);
            }
        }
        return fields;
    }

    private static char letter(int filmFrame, TelecineParameters parameters) {
        return LETTERS.charAt((filmFrame + parameters.cadencePhase()) % 4);
    }

    /** Per film frame, gain factors that drift smoothly (sinusoids of seeded phase, one per channel). */
    private static List<double[]> drift(int filmFrames, TelecineParameters parameters, long seed) {
        Random random = new Random(seed * 7919 + 3);
        double[] phase = {random.nextDouble() * 2 * Math.PI, random.nextDouble() * 2 * Math.PI, random.nextDouble() * 2 * Math.PI};
        List<double[]> gains = new ArrayList<>();
        for (int i = 0; i < filmFrames; i++) {
            double t = i / Truth.FPS;
            double[] g = new double[3];
            for (int c = 0; c < 3; c++) {
                g[c] = 1 + parameters.driftAmplitude() * Math.sin(2 * Math.PI * t / parameters.driftPeriod() + phase[c]);
            }
            gains.add(g);
        }
        return gains;
    }

    /** One film frame as the telecine saw it: graded (with this moment's drift), framed, softened. */
    private static Image transfer(Truth truth, int index, double[] gain, TelecineParameters parameters, ReferenceGeometry geometry) {
        Image graded = parameters.grade().scaledGains(gain[0], gain[1], gain[2]).apply(truth.frame(index));
        return ReferenceImages.blur(geometry.fromTruth(graded), parameters.blurSigma());
    }
}
