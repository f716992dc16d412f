package org.emulsion.engine.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.emulsion.core.image.Image;
import org.emulsion.engine.ContactSheets;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;

/**
 * A grid of Input | Target | Output tiles, one row per sample, written as a 16-bit PNG so the
 * restorer can watch what the network learns. Tiles are shown as RGB: the input is Y'CbCr;
 * a chroma target or output takes its Y from the input, a luma one its CbCr (see {@link YCbCr}).
 */
public final class ContactSheet {
    private static final int GAP = ContactSheets.GAP;

    private ContactSheet() {
    }

    /** One row: all three images share width and height. */
    public record Row(Image input, Image target, Image output) {
    }

    public static void write(Path file, List<Row> rows) throws IOException {
        Row first = rows.get(0);
        int w = first.input().width();
        int h = first.input().height();
        Image sheet = Image.blank(3 * w + 4 * GAP, rows.size() * h + (rows.size() + 1) * GAP, 3);
        java.util.Arrays.fill(sheet.data(), 0.5f);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            Image input = colour(row.input());
            int y0 = GAP + r * (h + GAP);
            paste(sheet, rgb(input), GAP, y0);
            paste(sheet, rgb(withInput(input, row.target())), 2 * GAP + w, y0);
            paste(sheet, rgb(withInput(input, row.output())), 3 * GAP + 2 * w, y0);
        }
        ImageFiles.write(file, sheet, 16);
    }

    /** The input's Y, Cb, Cr without its guide channels (see {@link YCbCr}). */
    private static Image colour(Image input) {
        return input.channels() > 3 ? Colour.channels(input, 0, 3) : input;
    }

    /** A full Y'CbCr image: {@code planes} where it has them, the input's channels elsewhere. */
    private static Image withInput(Image input, Image planes) {
        if (planes.channels() == 3) {
            return planes;
        }
        Image out = input.copy();
        int n = input.width() * input.height();
        int from = planes.channels() == 2 ? 1 : 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < planes.channels(); k++) {
                out.data()[3 * i + from + k] = planes.data()[planes.channels() * i + k];
            }
        }
        return out;
    }

    /** Y'CbCr to RGB through OpenCV (which orders the planes Y, Cr, Cb). */
    private static Image rgb(Image ycbcr) {
        Image yCrCb = ycbcr.copy();
        float[] d = yCrCb.data();
        for (int i = 0; i < d.length; i += 3) {
            float cb = d[i + 1];
            d[i + 1] = d[i + 2];
            d[i + 2] = cb;
        }
        return OpenCv.convert(yCrCb, opencv_imgproc.COLOR_YCrCb2RGB);
    }

    private static void paste(Image into, Image tile, int x0, int y0) {
        int c = into.channels();
        for (int y = 0; y < tile.height(); y++) {
            System.arraycopy(tile.data(), y * tile.width() * c, into.data(), ((y0 + y) * into.width() + x0) * c, tile.width() * c);
        }
    }
}
