package org.emulsion.simulator;

import java.util.Locale;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

import com.google.gson.JsonObject;

/**
 * Ground-truth spatial mapping of a reference element onto the truth: the element stores
 * {@code width}×{@code height} pixels of aspect {@code pixelAspect} (width/height of one pixel);
 * inside its active picture area (outside it: letterbox/pillarbox bars) the reference pixel whose
 * centre is at column {@code x}, row {@code y} shows the truth point
 * {@code (offsetX + scaleX * x, offsetY + scaleY * y)}, truth pixel centres being at integer
 * coordinates too. For an anamorphic element {@code scaleX / scaleY == pixelAspect}.
 */
public record ReferenceGeometry(int width, int height, double pixelAspect, int activeX, int activeY, int activeWidth,
        int activeHeight, double scaleX, double offsetX, double scaleY, double offsetY) {

    public ReferenceGeometry {
        if (width <= 0 || height <= 0 || pixelAspect <= 0 || activeWidth <= 0 || activeHeight <= 0 || activeX < 0
                || activeY < 0 || activeX + activeWidth > width || activeY + activeHeight > height || scaleX <= 0
                || scaleY <= 0) {
            throw new IllegalArgumentException("bad reference geometry " + width + "x" + height + " active " + activeX + ","
                    + activeY + " " + activeWidth + "x" + activeHeight);
        }
    }

    /** Truth column shown at reference column {@code x}. */
    public double truthX(double x) { return offsetX + scaleX * x; }

    /** Truth row shown at reference row {@code y}. */
    public double truthY(double y) { return offsetY + scaleY * y; }

    /** Reference column that shows truth column {@code truthX}. */
    public double referenceX(double truthX) { return (truthX - offsetX) / scaleX; }

    /** Reference row that shows truth row {@code truthY}. */
    public double referenceY(double truthY) { return (truthY - offsetY) / scaleY; }

    /** Whether reference pixel (x, y) is in the active picture (not in a bar). */
    public boolean active(int x, int y) {
        return x >= activeX && y >= activeY && x < activeX + activeWidth && y < activeY + activeHeight;
    }

    /** Display aspect ratio of the active picture (width/height as shown). */
    public double pictureAspect() { return activeWidth * pixelAspect / activeHeight; }

    /**
     * Resamples a truth frame onto this reference's pixel grid: the active area shows the mapped truth
     * (low-pass filtered first where the reference is coarser, so it does not alias), the bars are black.
     */
    public Image fromTruth(Image truthFrame) {
        double sigmaX = scaleX > 1 ? 0.5 * Math.sqrt(scaleX * scaleX - 1) : 0;
        double sigmaY = scaleY > 1 ? 0.5 * Math.sqrt(scaleY * scaleY - 1) : 0;
        try (Mat src = OpenCv.toMat(truthFrame); Mat matrix = new Mat(2, 3, opencv_core.CV_64F);
                Mat warped = new Mat(); Mat out = new Mat(height, width, src.type(), new Scalar(0, 0, 0, 0))) {
            if (sigmaX > 0.05 || sigmaY > 0.05) {
                opencv_imgproc.GaussianBlur(src, src, new Size(0, 0), Math.max(sigmaX, 1e-3), Math.max(sigmaY, 1e-3),
                        opencv_core.BORDER_REFLECT, 0);
            }
            java.nio.DoubleBuffer m = matrix.createBuffer();
            m.put(new double[] {scaleX, 0, offsetX, 0, scaleY, offsetY});
            opencv_imgproc.warpAffine(src, warped, matrix, new Size(width, height),
                    opencv_imgproc.INTER_LINEAR | opencv_imgproc.WARP_INVERSE_MAP, opencv_core.BORDER_REFLECT, new Scalar());
            Rect active = new Rect(activeX, activeY, activeWidth, activeHeight);
            try (Mat from = warped.apply(active); Mat to = out.apply(active)) {
                from.copyTo(to);
            }
            return OpenCv.toImage(out);
        }
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("size", width + "x" + height);
        json.addProperty("pixelAspect", pixelAspect);
        JsonObject active = new JsonObject();
        active.addProperty("x", activeX);
        active.addProperty("y", activeY);
        active.addProperty("width", activeWidth);
        active.addProperty("height", activeHeight);
        json.add("activeArea", active);
        json.addProperty("scaleX", scaleX);
        json.addProperty("offsetX", offsetX);
        json.addProperty("scaleY", scaleY);
        json.addProperty("offsetY", offsetY);
        json.addProperty("mapping", String.format(Locale.ROOT, "truth = (%.6f + %.6f x, %.6f + %.6f y), pixel centres at integers",
                offsetX, scaleX, offsetY, scaleY));
        return json;
    }
}
