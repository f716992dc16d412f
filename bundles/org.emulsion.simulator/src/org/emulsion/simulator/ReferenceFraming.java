package org.emulsion.simulator;

import com.google.gson.JsonObject;

/**
 * How a reference element framed the film: the picture's display aspect ratio (wider than the
 * element's display: letterbox bars; narrower: pillarbox bars; {@code 0}: fill the element, i.e.
 * pan-and-scan or full frame), a zoom into the truth frame (1 = the largest window of that aspect
 * that fits) and where the window sits in the room left ({@code -1} left/top … {@code 1}
 * right/bottom).
 */
public record ReferenceFraming(double pictureAspect, double zoom, double shiftX, double shiftY) {

    public ReferenceFraming {
        if (pictureAspect < 0 || zoom < 1 || Math.abs(shiftX) > 1 || Math.abs(shiftY) > 1) {
            throw new IllegalArgumentException("bad framing: aspect " + pictureAspect + ", zoom " + zoom + ", shift " + shiftX
                    + "," + shiftY);
        }
    }

    /** The whole truth frame filling the element. */
    public static ReferenceFraming full() {
        return new ReferenceFraming(0, 1, 0, 0);
    }

    /**
     * The geometry of a {@code width}×{@code height} element with pixel aspect {@code pixelAspect}
     * that shows a {@code truthWidth}×{@code truthHeight} truth frame (square pixels) framed this way.
     */
    public ReferenceGeometry geometry(int truthWidth, int truthHeight, int width, int height, double pixelAspect) {
        double display = width * pixelAspect / height;
        double aspect = pictureAspect > 0 ? pictureAspect : display;
        int activeWidth = width;
        int activeHeight = height;
        if (aspect > display * 1.0001) {
            activeHeight = Math.min(height, 2 * (int) Math.round(height * display / aspect / 2));
        } else if (aspect < display * 0.9999) {
            activeWidth = Math.min(width, 2 * (int) Math.round(width * aspect / display / 2));
        }
        int activeX = (width - activeWidth) / 2;
        int activeY = (height - activeHeight) / 2;
        double truthAspect = (double) truthWidth / truthHeight;
        double cropWidth = aspect >= truthAspect ? truthWidth : truthHeight * aspect;
        double cropHeight = aspect >= truthAspect ? truthWidth / aspect : truthHeight;
        cropWidth /= zoom;
        cropHeight /= zoom;
        double cropX = (truthWidth - cropWidth) / 2 * (1 + shiftX);
        double cropY = (truthHeight - cropHeight) / 2 * (1 + shiftY);
        double scaleX = cropWidth / activeWidth;
        double scaleY = cropHeight / activeHeight;
        // pixel-edge mapping truthEdge = crop + (refEdge - active) * scale, with edge = centre + 0.5
        double offsetX = cropX + (0.5 - activeX) * scaleX - 0.5;
        double offsetY = cropY + (0.5 - activeY) * scaleY - 0.5;
        return new ReferenceGeometry(width, height, pixelAspect, activeX, activeY, activeWidth, activeHeight, scaleX, offsetX,
                scaleY, offsetY);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("pictureAspect", pictureAspect);
        json.addProperty("zoom", zoom);
        json.addProperty("shiftX", shiftX);
        json.addProperty("shiftY", shiftY);
        return json;
    }
}
