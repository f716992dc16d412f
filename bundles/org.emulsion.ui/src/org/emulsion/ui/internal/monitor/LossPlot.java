package org.emulsion.ui.internal.monitor;

import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.emulsion.engine.TrainingLog;
import org.emulsion.ui.internal.Labels;

/**
 * Training and validation loss over the steps, drawn with a GC on a logarithmic loss axis (losses
 * fall by decades). The training loss is averaged per pixel column, so a long run costs as much
 * to draw as a short one; validations are dots joined by a line.
 */
public final class LossPlot extends Canvas {
    private static final int LEFT = 60;
    private static final int RIGHT = 14;
    private static final int TOP = 22;
    private static final int BOTTOM = 26;
    private static final Color LOSS = new Color(40, 110, 200);
    private static final Color VALIDATION = new Color(230, 120, 20);
    private static final Color GRID = new Color(225, 225, 225);

    private List<TrainingLog.Step> steps = List.of();
    private List<TrainingLog.Validation> validations = List.of();
    private int lossPoints;
    private int validationPoints;

    public LossPlot(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED);
        addListener(SWT.Paint, e -> paint(e.gc));
    }

    /** The curves to draw (immutable lists, e.g. a {@link TrainingLog}'s). */
    public void setData(List<TrainingLog.Step> steps, List<TrainingLog.Validation> validations) {
        checkWidget();
        this.steps = steps;
        this.validations = validations;
        redraw();
    }

    /** How many points the training-loss line had when last drawn. */
    public int plottedLossPoints() {
        checkWidget();
        return lossPoints;
    }

    /** How many validation points were drawn last. */
    public int plottedValidationPoints() {
        checkWidget();
        return validationPoints;
    }

    private void paint(GC gc) {
        Rectangle client = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(client);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        Rectangle area = new Rectangle(client.x + LEFT, client.y + TOP, client.width - LEFT - RIGHT, client.height - TOP - BOTTOM);
        double[] range = lossRange();
        if (steps.isEmpty() || range == null || area.width < 10 || area.height < 10) {
            lossPoints = 0;
            validationPoints = 0;
            String text = Labels.get("monitor.plot.empty");
            Point extent = gc.textExtent(text);
            gc.drawText(text, client.x + (client.width - extent.x) / 2, client.y + (client.height - extent.y) / 2, true);
            return;
        }
        int lastStep = Math.max(1, steps.get(steps.size() - 1).step());
        Axes axes = new Axes(area, lastStep, Math.floor(Math.log10(range[0])), Math.ceil(Math.log10(range[1])));
        paintAxes(gc, axes);
        gc.setClipping(area);
        gc.setAntialias(SWT.ON);
        gc.setLineWidth(1);
        gc.setForeground(LOSS);
        int[] line = lossLine(axes);
        lossPoints = line.length / 2;
        if (lossPoints > 1) {
            gc.drawPolyline(line);
        }
        gc.setForeground(VALIDATION);
        gc.setBackground(VALIDATION);
        int[] dots = new int[2 * validations.size()];
        int n = 0;
        for (TrainingLog.Validation v : validations) {
            if (v.loss() > 0 && Float.isFinite(v.loss())) {
                dots[n++] = axes.x(v.step());
                dots[n++] = axes.y(v.loss());
                gc.fillOval(dots[n - 2] - 3, dots[n - 1] - 3, 7, 7);
            }
        }
        validationPoints = n / 2;
        if (validationPoints > 1) {
            gc.drawPolyline(java.util.Arrays.copyOf(dots, n));
        }
        gc.setClipping((Rectangle) null);
        paintLegend(gc, client);
    }

    /** The smallest and largest positive finite loss, or null when there is none. */
    private double[] lossRange() {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (TrainingLog.Step s : steps) {
            if (s.loss() > 0 && Float.isFinite(s.loss())) {
                min = Math.min(min, s.loss());
                max = Math.max(max, s.loss());
            }
        }
        for (TrainingLog.Validation v : validations) {
            if (v.loss() > 0 && Float.isFinite(v.loss())) {
                min = Math.min(min, v.loss());
                max = Math.max(max, v.loss());
            }
        }
        return max == 0 ? null : new double[] {min, max};
    }

    /** Mean loss per pixel column, as polyline coordinates. */
    private int[] lossLine(Axes axes) {
        int[] xy = new int[2 * axes.area.width + 2];
        int n = 0;
        int column = Integer.MIN_VALUE;
        double sum = 0;
        int count = 0;
        for (TrainingLog.Step s : steps) {
            if (!(s.loss() > 0 && Float.isFinite(s.loss()))) {
                continue;
            }
            int x = axes.x(s.step());
            if (x != column && count > 0) {
                xy[n++] = column;
                xy[n++] = axes.y(sum / count);
                sum = 0;
                count = 0;
            }
            column = x;
            sum += s.loss();
            count++;
        }
        if (count > 0) {
            xy[n++] = column;
            xy[n++] = axes.y(sum / count);
        }
        return java.util.Arrays.copyOf(xy, n);
    }

    private void paintAxes(GC gc, Axes axes) {
        Rectangle a = axes.area;
        Color text = getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
        for (int decade = (int) axes.lowDecade; decade <= (int) axes.highDecade; decade++) {
            int y = axes.y(Math.pow(10, decade));
            gc.setForeground(GRID);
            gc.drawLine(a.x, y, a.x + a.width, y);
            String label = String.format(Locale.ROOT, "1e%d", decade);
            Point extent = gc.textExtent(label);
            gc.setForeground(text);
            gc.drawText(label, a.x - extent.x - 6, y - extent.y / 2, true);
        }
        int tick = niceStep(axes.lastStep / 5.0);
        for (int step = 0; step <= axes.lastStep; step += tick) {
            int x = axes.x(step);
            gc.setForeground(GRID);
            gc.drawLine(x, a.y, x, a.y + a.height);
            String label = Integer.toString(step);
            Point extent = gc.textExtent(label);
            gc.setForeground(text);
            gc.drawText(label, x - extent.x / 2, a.y + a.height + 4, true);
        }
        gc.setForeground(text);
        gc.drawRectangle(a.x, a.y, a.width, a.height);
    }

    private void paintLegend(GC gc, Rectangle client) {
        int x = client.x + LEFT;
        for (int i = 0; i < 2; i++) {
            Color colour = i == 0 ? LOSS : VALIDATION;
            String label = Labels.get(i == 0 ? "monitor.plot.loss" : "monitor.plot.validation");
            gc.setBackground(colour);
            gc.fillRectangle(x, client.y + 8, 14, 4);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            gc.drawText(label, x + 18, client.y + 2, true);
            x += 18 + gc.textExtent(label).x + 16;
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough} and at least 1. */
    private static int niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(1, rough))));
        for (int m : new int[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return (int) Math.max(1, m * power);
            }
        }
        return (int) (10 * power);
    }

    /** Steps to x, loss to y (log10) in the plot area. */
    private record Axes(Rectangle area, int lastStep, double lowDecade, double highDecade) {
        Axes {
            if (highDecade <= lowDecade) {
                highDecade = lowDecade + 1;
            }
        }

        int x(int step) {
            return area.x + (int) Math.round((double) step / lastStep * area.width);
        }

        int y(double loss) {
            double t = (Math.log10(loss) - lowDecade) / (highDecade - lowDecade);
            return area.y + area.height - (int) Math.round(t * area.height);
        }
    }
}
