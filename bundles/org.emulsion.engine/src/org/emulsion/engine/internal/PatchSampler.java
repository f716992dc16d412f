package org.emulsion.engine.internal;

import java.util.List;
import java.util.SplittableRandom;

import org.emulsion.core.image.Image;
import org.emulsion.engine.Augmentation;
import org.emulsion.engine.TrainingPair;

/**
 * Training crops with their masks, augmented as {@link Augmentation} describes, packed as NCHW
 * float batches. All randomness comes from the generator passed in, which the trainer derives
 * from (seed, step): a resumed run draws exactly the crops an uninterrupted one would.
 */
public final class PatchSampler {
    private static final int CROP_ATTEMPTS = 8;
    private final List<TrainingPair> pairs;
    private final int size;
    private final Augmentation augmentation;
    private final int inputChannels;
    private final int targetChannels;

    public PatchSampler(List<TrainingPair> pairs, int size, Augmentation augmentation) {
        this.pairs = List.copyOf(pairs);
        this.size = size;
        this.augmentation = augmentation;
        this.inputChannels = pairs.get(0).input().channels();
        this.targetChannels = pairs.get(0).target().channels();
        for (TrainingPair p : pairs) {
            if (p.input().channels() != inputChannels || p.target().channels() != targetChannels) {
                throw new IllegalArgumentException("pair " + p.name() + " has " + p.input().channels() + "+"
                        + p.target().channels() + " channels, the first pair " + inputChannels + "+" + targetChannels);
            }
        }
    }

    /** A batch of {@code n} augmented crops. */
    public Batch batch(int n, SplittableRandom random) {
        Batch batch = new Batch(n, inputChannels, targetChannels, size);
        for (int i = 0; i < n; i++) {
            TrainingPair pair = pairs.get(random.nextInt(pairs.size()));
            batch.put(i, pair, pickCrop(pair, random));
        }
        return batch;
    }

    /**
     * Fixed crops without augmentation: a grid of up to {@code perPair} crops from each pair,
     * for validation and contact sheets (the same pixels every time, so numbers compare).
     */
    public static Batch fixedCrops(List<TrainingPair> pairs, int size, int perPair) {
        List<int[]> places = new java.util.ArrayList<>();
        for (int p = 0; p < pairs.size(); p++) {
            Image in = pairs.get(p).input();
            int across = Math.max(1, in.width() / size);
            int down = Math.max(1, in.height() / size);
            int step = Math.max(1, across * down / perPair);
            for (int k = 0, taken = 0; k < across * down && taken < perPair; k += step, taken++) {
                int x0 = (in.width() - across * size) / 2 + (k % across) * size;
                int y0 = (in.height() - down * size) / 2 + (k / across) * size;
                places.add(new int[] {p, x0, y0});
            }
        }
        TrainingPair first = pairs.get(0);
        Batch batch = new Batch(places.size(), first.input().channels(), first.target().channels(), size);
        for (int i = 0; i < places.size(); i++) {
            int[] place = places.get(i);
            batch.put(i, pairs.get(place[0]), new Crop(place[1], place[2], 1, false, false, 1));
        }
        return batch;
    }

    /** A random crop whose mask is at least half set, tried a few times before settling for any. */
    private Crop pickCrop(TrainingPair pair, SplittableRandom random) {
        Crop crop = null;
        for (int attempt = 0; attempt < CROP_ATTEMPTS; attempt++) {
            crop = randomCrop(pair.input().width(), pair.input().height(), random);
            if (crop.maskMean(pair.mask(), size) > 0.5) {
                break;
            }
        }
        return crop;
    }

    private Crop randomCrop(int width, int height, SplittableRandom random) {
        Augmentation a = augmentation;
        double scale = a.maxScale() == 0 ? 1 : 1 + a.maxScale() * (2 * random.nextDouble() - 1);
        scale = Math.min(scale, Math.min(width, height) / (double) size); // the crop must fit
        double span = size * scale;
        double x0 = random.nextDouble() * (width - span);
        double y0 = random.nextDouble() * (height - span);
        if (!a.subPixelShift()) {
            x0 = Math.floor(x0);
            y0 = Math.floor(y0);
        }
        boolean flipX = a.flips() && random.nextBoolean();
        boolean flipY = a.flips() && random.nextBoolean();
        double gain = a.exposure() == 0 ? 1 : 1 + a.exposure() * (2 * random.nextDouble() - 1);
        return new Crop(x0, y0, scale, flipX, flipY, gain);
    }

    /**
     * Where a crop lies in its pair (continuous pixel-edge coordinates) and how it is varied.
     * Output pixel u samples the source at {@code x0 + (u + 0.5) · scale}.
     */
    record Crop(double x0, double y0, double scale, boolean flipX, boolean flipY, double gain) {

        double maskMean(Image mask, int size) {
            double sum = 0;
            int count = 0;
            for (int v = 0; v < size; v += 4) {
                int y = clamp((int) (y0 + (v + 0.5) * scale), mask.height());
                for (int u = 0; u < size; u += 4) {
                    sum += mask.get(clamp((int) (x0 + (u + 0.5) * scale), mask.width()), y, 0);
                    count++;
                }
            }
            return sum / count;
        }

        /** Bilinear taps along one axis: for output index i, source indices lo/hi and the weight of hi. */
        Taps taps(int size, double origin, int extent, boolean flip) {
            int[] lo = new int[size];
            int[] hi = new int[size];
            float[] w = new float[size];
            for (int i = 0; i < size; i++) {
                int u = flip ? size - 1 - i : i;
                double at = origin + (u + 0.5) * scale - 0.5;
                int l = (int) Math.floor(at);
                double f = at - l;
                if (f < 1e-9) { // on a pixel centre: one tap, so plain crops are exact copies
                    f = 0;
                }
                lo[i] = clamp(l, extent);
                hi[i] = f == 0 ? lo[i] : clamp(l + 1, extent);
                w[i] = (float) f;
            }
            return new Taps(lo, hi, w);
        }

        private static int clamp(int v, int extent) {
            return Math.max(0, Math.min(extent - 1, v));
        }
    }

    record Taps(int[] lo, int[] hi, float[] w) {
    }

    /** NCHW float buffers of one batch. */
    public static final class Batch {
        public final int n;
        public final int inputChannels;
        public final int targetChannels;
        public final int size;
        public final float[] input;
        public final float[] target;
        public final float[] mask;

        Batch(int n, int inputChannels, int targetChannels, int size) {
            this.n = n;
            this.inputChannels = inputChannels;
            this.targetChannels = targetChannels;
            this.size = size;
            int area = size * size;
            input = new float[n * inputChannels * area];
            target = new float[n * targetChannels * area];
            mask = new float[n * area];
        }

        void put(int index, TrainingPair pair, Crop crop) {
            Taps xs = crop.taps(size, crop.x0(), pair.input().width(), crop.flipX());
            Taps ys = crop.taps(size, crop.y0(), pair.input().height(), crop.flipY());
            resample(pair.input(), xs, ys, input, index, crop.gain(), false);
            resample(pair.target(), xs, ys, target, index, crop.gain(), false);
            resample(pair.mask(), xs, ys, mask, index, 1, true);
        }

        /** Copies one crop from HWC into item {@code index} of an NCHW buffer, with exposure gain. */
        private void resample(Image image, Taps xs, Taps ys, float[] into, int index, double gain, boolean isMask) {
            int c = image.channels();
            int area = size * size;
            int base = index * c * area;
            int width = image.width();
            float[] src = image.data();
            for (int k = 0; k < c; k++) {
                boolean chroma = YCbCr.isChroma(c, k);
                float g = YCbCr.isGuide(c, k) ? 1f : (float) gain;
                for (int v = 0; v < size; v++) {
                    int r0 = ys.lo()[v] * width;
                    int r1 = ys.hi()[v] * width;
                    float wy = ys.w()[v];
                    int out = base + k * area + v * size;
                    for (int u = 0; u < size; u++) {
                        int c0 = xs.lo()[u];
                        int c1 = xs.hi()[u];
                        float a = src[(r0 + c0) * c + k];
                        float b = src[(r0 + c1) * c + k];
                        float d = src[(r1 + c0) * c + k];
                        float e = src[(r1 + c1) * c + k];
                        float value;
                        if (isMask) {
                            value = Math.min(Math.min(a, b), Math.min(d, e)); // no half-trusted pixels
                        } else {
                            float wx = xs.w()[u];
                            float top = a + (b - a) * wx;
                            float bottom = d + (e - d) * wx;
                            value = top + (bottom - top) * wy;
                            value = chroma ? YCbCr.NEUTRAL + (value - YCbCr.NEUTRAL) * g : value * g;
                        }
                        into[out + u] = value;
                    }
                }
            }
        }
    }
}
