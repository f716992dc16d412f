package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.workflow.artwork.internal.ArtworkFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artwork folder honours embedded ICC profiles: the same picture saved untagged (sRGB) and as
 * linear-light RGB tagged with its profile reads as the same colour; a picture whose profile does not
 * describe it (a grey profile on an RGB picture) is named and skipped.
 */
class ArtworkFolderTest {
    private static final int W = 96;
    private static final int H = 72;

    @TempDir
    Path dir;

    @Test
    void aPictureInAnotherProfileReadsAsTheSameSrgbColour() throws IOException {
        Image picture = picture();
        ImageFiles.write(dir.resolve("a-untagged.png"), picture, 8);
        float[] linear = picture.data().clone();
        for (int i = 0; i < linear.length; i++) {
            linear[i] = (float) (linear[i] <= 0.04045 ? linear[i] / 12.92 : Math.pow((linear[i] + 0.055) / 1.055, 2.4));
        }
        writeTaggedPng(dir.resolve("b-linear.png"), new Image(W, H, 3, linear), ColorSpace.CS_LINEAR_RGB);
        writeTaggedPng(dir.resolve("c-grey-profile.png"), picture, ColorSpace.CS_GRAY);

        ArtworkFolder folder = ArtworkFolder.read(dir);
        assertEquals(2, folder.artworks().size(), folder.artworks().toString());
        assertNull(folder.artworks().get(0).profile());
        assertTrue(folder.artworks().get(0).colourEncoding().contains("no embedded profile"));
        assertTrue(folder.artworks().get(1).colourEncoding().contains("converted to sRGB"),
                folder.artworks().get(1).colourEncoding());
        assertEquals(1, folder.skipped().size());
        String why = folder.skipped().get(0).toString();
        assertTrue(why.startsWith("c-grey-profile.png") && why.contains("1-component") && why.contains("RGB first"), why);

        Image untagged = folder.read(0);
        Image converted = folder.read(1);
        double sum = 0;
        double worst = 0;
        for (int i = 0; i < untagged.data().length; i++) {
            double d = Math.abs(untagged.data()[i] - converted.data()[i]);
            sum += d;
            worst = Math.max(worst, d);
        }
        // 8-bit linear codes are coarser than sRGB's in the darks: within about one sRGB code on average
        assertTrue(sum / untagged.data().length < 0.004 && worst < 0.02, "mean " + sum / untagged.data().length + ", worst " + worst);
    }

    /** Smooth colour ramps in the mid-tones, where 8-bit linear coding keeps about sRGB's precision. */
    private static Image picture() {
        float[] d = new float[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = 3 * (y * W + x);
                d[i] = 0.3f + 0.6f * x / (W - 1);
                d[i + 1] = 0.3f + 0.6f * y / (H - 1);
                d[i + 2] = 0.9f - 0.5f * (x + y) / (W + H - 2);
            }
        }
        return new Image(W, H, 3, d);
    }

    /** {@code image} as an 8-bit RGB PNG whose iCCP chunk holds Java's built-in profile {@code space}. */
    private static void writeTaggedPng(Path file, Image image, int space) throws IOException {
        BufferedImage pixels = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    pixels.getRaster().setSample(x, y, c, Math.round(image.get(x, y, c) * 255));
                }
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(pixels), null);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_png_1.0");
        IIOMetadataNode iccp = new IIOMetadataNode("iCCP");
        iccp.setAttribute("profileName", "built-in");
        iccp.setAttribute("compressionMethod", "deflate");
        iccp.setUserObject(ICC_Profile.getInstance(space).getData());
        root.appendChild(iccp);
        metadata.setFromTree("javax_imageio_png_1.0", root);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(new IIOImage(pixels, null, metadata));
        } finally {
            writer.dispose();
        }
    }
}
