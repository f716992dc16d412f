package org.emulsion.quality;

import java.util.List;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;

/**
 * Global colour transfer after Reinhard, Ashikhmin, Gooch and Shirley (2001), in CIE L*a*b*
 * (OpenCV {@code RGB2Lab} on float, {@link Colour#lab}) instead of lαβ: each Lab channel of the
 * scan is shifted and scaled so that its mean and standard deviation over the usable pixels of
 * the training pairs become the reference's,
 * {@code out = (in − μscan) · σref / σscan + μref}, then converted back to RGB.
 */
public final class ReinhardTransfer implements ColourBaseline {
    private double[] scanMean;
    private double[] scanStd;
    private double[] referenceMean;
    private double[] referenceStd;

    @Override
    public String id() {
        return "reinhard";
    }

    @Override
    public void fit(List<ColourPair> pairs) {
        double[] s1 = new double[3];
        double[] s2 = new double[3];
        double[] r1 = new double[3];
        double[] r2 = new double[3];
        long n = 0;
        for (ColourPair pair : pairs) {
            float[] ls = Colour.lab(pair.scan()).data();
            float[] lr = Colour.lab(pair.reference()).data();
            n += pair.forEachUsable(k -> {
                for (int c = 0; c < 3; c++) {
                    double s = ls[k + c];
                    double r = lr[k + c];
                    s1[c] += s;
                    s2[c] += s * s;
                    r1[c] += r;
                    r2[c] += r * r;
                }
            });
        }
        ColourPair.requireUsable(n, pairs);
        scanMean = new double[3];
        scanStd = new double[3];
        referenceMean = new double[3];
        referenceStd = new double[3];
        for (int c = 0; c < 3; c++) {
            scanMean[c] = s1[c] / n;
            referenceMean[c] = r1[c] / n;
            scanStd[c] = Math.sqrt(Math.max(0, s2[c] / n - scanMean[c] * scanMean[c]));
            referenceStd[c] = Math.sqrt(Math.max(0, r2[c] / n - referenceMean[c] * referenceMean[c]));
        }
    }

    @Override
    public Image apply(Image scan) {
        if (scanMean == null) {
            throw new IllegalStateException(id() + " is not fitted");
        }
        Masks.checkChannels(scan, 3, "scan");
        Image lab = Colour.lab(scan);
        float[] d = lab.data();
        double[] gain = new double[3];
        for (int c = 0; c < 3; c++) {
            gain[c] = scanStd[c] > 1e-6 ? referenceStd[c] / scanStd[c] : 1;
        }
        for (int k = 0; k < d.length; k++) {
            int c = k % 3;
            d[k] = (float) ((d[k] - scanMean[c]) * gain[c] + referenceMean[c]);
        }
        Image rgb = OpenCv.convert(lab, opencv_imgproc.COLOR_Lab2RGB);
        return Pixels.clampKeepingNaN(rgb, scan);
    }

    /** Lab mean of the scan's usable training pixels (L, a, b); null before fitting. */
    public double[] scanMean() {
        return scanMean == null ? null : scanMean.clone();
    }

    /** Lab standard deviation of the scan's usable training pixels; null before fitting. */
    public double[] scanStd() {
        return scanStd == null ? null : scanStd.clone();
    }

    /** Lab mean of the reference's usable training pixels; null before fitting. */
    public double[] referenceMean() {
        return referenceMean == null ? null : referenceMean.clone();
    }

    /** Lab standard deviation of the reference's usable training pixels; null before fitting. */
    public double[] referenceStd() {
        return referenceStd == null ? null : referenceStd.clone();
    }
}
