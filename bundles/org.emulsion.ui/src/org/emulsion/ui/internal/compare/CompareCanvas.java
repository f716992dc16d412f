package org.emulsion.ui.internal.compare;

import java.util.List;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Cursor;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.emulsion.ui.internal.Labels;

/**
 * Shows two images A and B for comparison: a wipe with a draggable divider (A left of it, B right),
 * side by side, their difference |A − B| multiplied by a gain, or one of them alone.
 * <p>
 * Zoom is "fit" (the whole image in the pane, smoothed) or an integer number of screen pixels per
 * image pixel; at 1:1 each image pixel is exactly one screen pixel (drawn unscaled at an integer
 * position), above it pixels are repeated without smoothing. When zoomed, dragging pans (both panes
 * together side by side); dragging the wipe divider moves it; a double click toggles fit and 1:1
 * around the clicked point. Changes made with the mouse are announced as {@link SWT#Selection}.
 * <p>
 * Images of different sizes are drawn from the same origin at the same scale; the difference covers
 * their overlap. The SWT images are created when first drawn and disposed when replaced or when the
 * canvas is disposed.
 */
public final class CompareCanvas extends Canvas {
    /** What the canvas shows. */
    public enum Mode {
        WIPE, SIDE_BY_SIDE, DIFFERENCE, A_ONLY, B_ONLY
    }

    /** {@link #setZoom(int)} value for "fit the image into the pane". */
    public static final int FIT = 0;
    /** Default difference gain: a one-level difference shows as four levels. */
    public static final int DEFAULT_DIFFERENCE_GAIN = 4;

    private static final int GAP = 4;
    private static final int GRAB = 6;
    private static final Color BACKGROUND = new Color(40, 40, 40);
    private static final Color DIVIDER = new Color(255, 200, 0);

    private ImageData dataA;
    private ImageData dataB;
    private ImageData dataDifference;
    /** Translucent maps drawn over whatever the panes show, with the same zoom and pan. */
    private List<ImageData> overlayData = List.of();
    private List<Image> overlays = List.of();
    private Image imageA;
    private Image imageB;
    private Image imageDifference;
    private String labelA = "A";
    private String labelB = "B";
    private Mode mode = Mode.WIPE;
    private int zoom = FIT;
    private double wipe = 0.5;
    private int differenceGain = DEFAULT_DIFFERENCE_GAIN;
    /** Image point shown at the centre of each pane when zoomed. */
    private double centreX;
    private double centreY;

    private Drag drag = Drag.NONE;
    private Point dragFrom;
    private final Cursor resizeCursor;
    private final Cursor panCursor;

    private enum Drag {
        NONE, DIVIDER, PAN
    }

    public CompareCanvas(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        resizeCursor = new Cursor(getDisplay(), SWT.CURSOR_SIZEWE);
        panCursor = new Cursor(getDisplay(), SWT.CURSOR_HAND);
        addListener(SWT.Paint, e -> paint(e.gc));
        addListener(SWT.MouseDown, this::mouseDown);
        addListener(SWT.MouseMove, this::mouseMove);
        addListener(SWT.MouseUp, e -> drag = Drag.NONE);
        addListener(SWT.MouseDoubleClick, this::doubleClick);
        addListener(SWT.Dispose, e -> {
            disposeImages();
            disposeOverlays();
            resizeCursor.dispose();
            panCursor.dispose();
        });
    }

    /** Shows two headless frames (either may be null: its pane then shows its label only). */
    public void setImages(org.emulsion.core.image.Image a, org.emulsion.core.image.Image b) {
        setImages(a == null ? null : DisplayImages.toImageData(a), b == null ? null : DisplayImages.toImageData(b));
    }

    /** Shows two SWT images (either may be null: its pane then shows its label only). */
    public void setImages(ImageData a, ImageData b) {
        checkWidget();
        boolean sizeChanged = !sameSize(a, dataA) || !sameSize(b, dataB);
        disposeImages();
        dataA = a == null ? null : DisplayImages.toRgb(a);
        dataB = b == null ? null : DisplayImages.toRgb(b);
        dataDifference = null;
        if (sizeChanged) {
            Rectangle bounds = imageBounds();
            centreX = bounds.width / 2.0;
            centreY = bounds.height / 2.0;
        }
        redraw();
    }

    /**
     * Translucent maps (see {@link DisplayImages#overlay}) drawn, in order, over the images in every
     * mode, pixel for pixel on them (the same zoom, pan and wipe); an empty list removes them.
     */
    public void setOverlays(List<ImageData> maps) {
        checkWidget();
        disposeOverlays();
        overlayData = List.copyOf(maps);
        redraw();
    }

    /** How many overlays are drawn (for tests). */
    public int overlayCount() {
        checkWidget();
        return overlayData.size();
    }

    /** Names drawn on the images (e.g. "Scan", "Result"); also shown where an image is missing. */
    public void setLabels(String a, String b) {
        checkWidget();
        labelA = Objects.requireNonNull(a);
        labelB = Objects.requireNonNull(b);
        redraw();
    }

    public Mode getMode() {
        checkWidget();
        return mode;
    }

    public void setMode(Mode mode) {
        checkWidget();
        this.mode = Objects.requireNonNull(mode);
        redraw();
    }

    /** {@link #FIT}, or screen pixels per image pixel (1 = 1:1). */
    public int getZoom() {
        checkWidget();
        return zoom;
    }

    public void setZoom(int zoom) {
        checkWidget();
        if (zoom < 0) {
            throw new IllegalArgumentException("zoom " + zoom + " < 0");
        }
        this.zoom = zoom;
        redraw();
    }

    /** Where the wipe divider is, as a fraction of the image width (0 = all B, 1 = all A). */
    public double getWipePosition() {
        checkWidget();
        return wipe;
    }

    public void setWipePosition(double position) {
        checkWidget();
        wipe = Math.clamp(position, 0.0, 1.0);
        redraw();
    }

    public int getDifferenceGain() {
        checkWidget();
        return differenceGain;
    }

    /** The factor |A − B| is multiplied by before display (values above 255 are clipped). */
    public void setDifferenceGain(int gain) {
        checkWidget();
        if (gain < 1) {
            throw new IllegalArgumentException("difference gain " + gain + " < 1");
        }
        differenceGain = gain;
        disposeDifference();
        redraw();
    }

    /**
     * The image pixel shown at canvas point ({@code x}, {@code y}) (in either pane side by side), or
     * null where no image is: for pixel read-outs, and for tests that check the exact mapping.
     */
    public Point toImage(int x, int y) {
        checkWidget();
        Rectangle image = imageBounds();
        if (dataA == null && dataB == null) {
            return null;
        }
        View view = view(paneAt(x));
        int ix = (int) Math.floor((x - view.x) / view.scale);
        int iy = (int) Math.floor((y - view.y) / view.scale);
        return ix < 0 || iy < 0 || ix >= image.width || iy >= image.height ? null : new Point(ix, iy);
    }

    // ---- drawing

    private void paint(GC gc) {
        Rectangle client = getClientArea();
        gc.setBackground(BACKGROUND);
        gc.fillRectangle(client);
        Rectangle[] panes = panes(client);
        switch (mode) {
            case WIPE -> paintWipe(gc, panes[0]);
            case SIDE_BY_SIDE -> {
                paintSingle(gc, panes[0], dataA, labelA, true);
                paintSingle(gc, panes[1], dataB, labelB, false);
            }
            case DIFFERENCE -> paintDifference(gc, panes[0]);
            case A_ONLY -> paintSingle(gc, panes[0], dataA, labelA, true);
            case B_ONLY -> paintSingle(gc, panes[0], dataB, labelB, true);
        }
    }

    private void paintSingle(GC gc, Rectangle pane, ImageData data, String label, boolean labelLeft) {
        if (data == null) {
            paintMissing(gc, pane, label);
            return;
        }
        gc.setClipping(pane);
        drawImage(gc, image(data), view(pane));
        paintOverlays(gc, view(pane));
        paintLabel(gc, pane, label, labelLeft);
        gc.setClipping((Rectangle) null);
    }

    private void paintWipe(GC gc, Rectangle pane) {
        if (dataA == null || dataB == null) {
            paintPartial(gc, pane);
            return;
        }
        View view = view(pane);
        int divider = dividerX(view);
        gc.setClipping(pane);
        drawImage(gc, image(dataB), view);
        gc.setClipping(pane.intersection(new Rectangle(pane.x, pane.y, divider - pane.x, pane.height)));
        drawImage(gc, image(dataA), view);
        gc.setClipping(pane);
        paintOverlays(gc, view);
        gc.setForeground(DIVIDER);
        gc.setLineWidth(1);
        gc.drawLine(divider, pane.y, divider, pane.y + pane.height);
        int middle = pane.y + pane.height / 2;
        gc.setBackground(DIVIDER);
        gc.fillPolygon(new int[] { divider - GRAB, middle, divider, middle - GRAB, divider, middle + GRAB });
        gc.fillPolygon(new int[] { divider + GRAB, middle, divider, middle - GRAB, divider, middle + GRAB });
        paintLabel(gc, pane, labelA, true);
        paintLabel(gc, pane, labelB, false);
        gc.setClipping((Rectangle) null);
    }

    private void paintDifference(GC gc, Rectangle pane) {
        if (dataA == null || dataB == null) {
            paintPartial(gc, pane);
            return;
        }
        if (dataDifference == null) {
            dataDifference = difference(dataA, dataB, differenceGain);
        }
        if (imageDifference == null) {
            imageDifference = new Image(getDisplay(), dataDifference);
        }
        gc.setClipping(pane);
        drawImage(gc, imageDifference, view(pane));
        paintOverlays(gc, view(pane));
        paintLabel(gc, pane, Labels.get("compare.difference", labelA, labelB, differenceGain), true);
        gc.setClipping((Rectangle) null);
    }

    /** The image there is (if any) and the name of what is missing. */
    private void paintPartial(GC gc, Rectangle pane) {
        ImageData present = dataA != null ? dataA : dataB;
        if (present != null) {
            paintSingle(gc, pane, present, present == dataA ? labelA : labelB, true);
        }
        paintMissing(gc, pane, missingLabels());
    }

    private String missingLabels() {
        return dataA == null && dataB == null ? labelA + "\n" + labelB : dataA == null ? labelA : labelB;
    }

    private void paintMissing(GC gc, Rectangle pane, String text) {
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_GRAY));
        Point extent = gc.textExtent(text, SWT.DRAW_DELIMITER);
        gc.drawText(text, pane.x + (pane.width - extent.x) / 2, pane.y + (pane.height - extent.y) / 2,
                SWT.DRAW_DELIMITER | SWT.DRAW_TRANSPARENT);
    }

    private void paintLabel(GC gc, Rectangle pane, String text, boolean left) {
        Point extent = gc.textExtent(text);
        int x = left ? pane.x + GAP : pane.x + pane.width - extent.x - 3 * GAP;
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.setAlpha(170);
        gc.fillRectangle(x, pane.y + GAP, extent.x + 2 * GAP, extent.y + 2);
        gc.setAlpha(255);
        gc.drawText(text, x + GAP, pane.y + GAP + 1, true);
    }

    private void paintOverlays(GC gc, View view) {
        if (overlays.size() != overlayData.size()) {
            overlays = overlayData.stream().map(d -> new Image(getDisplay(), d)).toList();
        }
        for (Image overlay : overlays) {
            drawImage(gc, overlay, view);
        }
    }

    private void drawImage(GC gc, Image image, View view) {
        Rectangle size = image.getBounds();
        if (zoom == 1) {
            gc.setInterpolation(SWT.NONE); // exact: no scaling, no filtering (an overlay's edges stay sharp)
            gc.drawImage(image, view.x, view.y);
            return;
        }
        // Fit may smooth; integer magnification repeats pixels.
        gc.setInterpolation(zoom == FIT ? SWT.HIGH : SWT.NONE);
        gc.drawImage(image, 0, 0, size.width, size.height, view.x, view.y,
                (int) Math.round(size.width * view.scale), (int) Math.round(size.height * view.scale));
    }

    private Image image(ImageData data) {
        if (data == dataA) {
            if (imageA == null) {
                imageA = new Image(getDisplay(), data);
            }
            return imageA;
        }
        if (imageB == null) {
            imageB = new Image(getDisplay(), data);
        }
        return imageB;
    }

    /** |A − B| × gain per channel over the images' overlap, clipped to 255. */
    static ImageData difference(ImageData a, ImageData b, int gain) {
        int width = Math.min(a.width, b.width);
        int height = Math.min(a.height, b.height);
        ImageData difference = DisplayImages.blank(width, height);
        for (int y = 0; y < height; y++) {
            int rowA = y * a.bytesPerLine;
            int rowB = y * b.bytesPerLine;
            int rowD = y * difference.bytesPerLine;
            for (int i = 0; i < 3 * width; i++) {
                int delta = Math.abs((a.data[rowA + i] & 0xFF) - (b.data[rowB + i] & 0xFF)) * gain;
                difference.data[rowD + i] = (byte) Math.min(delta, 255);
            }
        }
        return difference;
    }

    // ---- geometry

    /** Where and how large the image is drawn in a pane: its top-left corner and screen pixels per image pixel. */
    private record View(int x, int y, double scale) {
    }

    private Rectangle[] panes(Rectangle client) {
        if (mode != Mode.SIDE_BY_SIDE) {
            return new Rectangle[] { client };
        }
        int width = Math.max(1, (client.width - GAP) / 2);
        return new Rectangle[] { new Rectangle(client.x, client.y, width, client.height),
                new Rectangle(client.x + client.width - width, client.y, width, client.height) };
    }

    private Rectangle imageBounds() {
        ImageData data = dataA != null ? dataA : dataB;
        return data == null ? new Rectangle(0, 0, 1, 1) : new Rectangle(0, 0, data.width, data.height);
    }

    private View view(Rectangle pane) {
        Rectangle image = imageBounds();
        if (zoom == FIT) {
            double scale = Math.min((double) pane.width / image.width, (double) pane.height / image.height);
            return new View(pane.x + (int) Math.round((pane.width - image.width * scale) / 2),
                    pane.y + (int) Math.round((pane.height - image.height * scale) / 2), scale);
        }
        return new View(origin(pane.x, pane.width, image.width, centreX),
                origin(pane.y, pane.height, image.height, centreY), zoom);
    }

    /** Integer screen position of image coordinate 0 so that {@code centre} is mid-pane (centred when it all fits). */
    private int origin(int paneStart, int paneSize, int imageSize, double centre) {
        int shown = imageSize * zoom;
        if (shown <= paneSize) {
            return paneStart + (paneSize - shown) / 2;
        }
        double half = paneSize / 2.0 / zoom;
        double clamped = Math.clamp(centre, half, imageSize - half);
        return paneStart + (int) Math.round(paneSize / 2.0 - clamped * zoom);
    }

    private int dividerX(View view) {
        return view.x + (int) Math.round(wipe * imageBounds().width * view.scale);
    }

    private void clampCentre() {
        Rectangle image = imageBounds();
        centreX = Math.clamp(centreX, 0, image.width);
        centreY = Math.clamp(centreY, 0, image.height);
    }

    // ---- mouse

    private void mouseDown(Event e) {
        if (e.button != 1) {
            return;
        }
        Rectangle pane = paneAt(e.x);
        View view = view(pane);
        boolean onDivider = mode == Mode.WIPE && Math.abs(e.x - dividerX(view)) <= GRAB;
        if (onDivider || mode == Mode.WIPE && zoom == FIT) {
            drag = Drag.DIVIDER;
            moveDivider(e.x, view);
        } else if (zoom != FIT) {
            drag = Drag.PAN;
            dragFrom = new Point(e.x, e.y);
        }
    }

    private void mouseMove(Event e) {
        Rectangle pane = paneAt(e.x);
        View view = view(pane);
        switch (drag) {
            case DIVIDER -> moveDivider(e.x, view);
            case PAN -> {
                centreX -= (double) (e.x - dragFrom.x) / zoom;
                centreY -= (double) (e.y - dragFrom.y) / zoom;
                clampCentre();
                dragFrom = new Point(e.x, e.y);
                redraw();
            }
            case NONE -> {
                boolean onDivider = mode == Mode.WIPE && (zoom == FIT || Math.abs(e.x - dividerX(view)) <= GRAB);
                setCursor(onDivider ? resizeCursor : zoom != FIT ? panCursor : null);
            }
        }
    }

    private void moveDivider(int x, View view) {
        wipe = Math.clamp((x - view.x) / (imageBounds().width * view.scale), 0.0, 1.0);
        redraw();
        notifyListeners(SWT.Selection, new Event());
    }

    private void doubleClick(Event e) {
        Rectangle pane = paneAt(e.x);
        View view = view(pane);
        if (zoom == FIT) {
            centreX = (e.x - view.x) / view.scale;
            centreY = (e.y - view.y) / view.scale;
            clampCentre();
            zoom = 1;
        } else {
            zoom = FIT;
        }
        drag = Drag.NONE;
        redraw();
        notifyListeners(SWT.Selection, new Event());
    }

    private Rectangle paneAt(int x) {
        Rectangle[] panes = panes(getClientArea());
        return panes.length > 1 && x >= panes[1].x ? panes[1] : panes[0];
    }

    // ---- resources

    private static boolean sameSize(ImageData a, ImageData b) {
        return a == null ? b == null : b != null && a.width == b.width && a.height == b.height;
    }

    private void disposeImages() {
        if (imageA != null) {
            imageA.dispose();
            imageA = null;
        }
        if (imageB != null) {
            imageB.dispose();
            imageB = null;
        }
        disposeDifference();
    }

    private void disposeOverlays() {
        overlays.forEach(Image::dispose);
        overlays = List.of();
    }

    private void disposeDifference() {
        dataDifference = null;
        if (imageDifference != null) {
            imageDifference.dispose();
            imageDifference = null;
        }
    }
}
