package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stills that embed an ICC profile (PNG {@code iCCP}, JPEG {@code APP2} with and without a JFIF
 * header, TIFF tag 34675): the profile is found and the stored values converted to sRGB through it.
 * The files are written with ImageIO here, as other tools would write them, not by Emulsion.
 */
class ColourProfileTest {
    private static final int W = 64;
    private static final int H = 48;
    /** Linear-light RGB: a profile whose conversion to sRGB is known in closed form. */
    private static final ICC_Profile LINEAR = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB);

    @TempDir
    Path dir;

    @Test
    void pngJpegAndTiffAreConvertedToSrgbThroughTheirEmbeddedProfile() throws IOException {
        Image picture = TestImages.gradient(W, H, 7);
        byte[] jpeg = encode(picture, "jpeg", (byte[]) null);
        int jfifEnd = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        Path[] files = {write("tagged.png", encode(picture, "png", LINEAR)), write("tagged.tif", encode(picture, "tiff", LINEAR)),
                write("jfif.jpg", splice(jpeg, jfifEnd, app2(LINEAR.getData()))),
                write("exif.jpg", splice(splice(jpeg, jfifEnd, app2(LINEAR.getData())), 2, new byte[0], jfifEnd))};
        for (Path file : files) {
            Optional<ICC_Profile> profile = ImageFiles.colourProfile(file);
            assertTrue(profile.isPresent(), file + " embeds a profile");
            assertEquals(Colour.name(LINEAR), Colour.name(profile.get()), file.toString());
            Image stored = ImageFiles.read(file).image();
            Image srgb = Colour.toSrgb(stored, profile.get());
            double worst = 0;
            for (int i = 0; i < stored.data().length; i++) {
                worst = Math.max(worst, Math.abs(srgb.data()[i] - encodeSrgb(stored.data()[i])));
            }
            assertTrue(worst < 2e-3, file + ": worst difference from the sRGB encoding of the linear values " + worst);
        }
        assertTrue(Colour.name(LINEAR).contains("linear"), Colour.name(LINEAR));
    }

    @Test
    void aGreyProfileGivesGreySrgbAndAnUntaggedStillIsTakenAsSrgb() throws IOException {
        Image grey = Colour.channels(TestImages.gradient(W, H, 3), 1, 1);
        ICC_Profile linearGrey = ICC_Profile.getInstance(ColorSpace.CS_GRAY);
        Path file = write("grey.png", encode(grey, "png", linearGrey));
        Image stored = ImageFiles.read(file).image();
        Image srgb = Colour.toSrgb(stored, ImageFiles.colourProfile(file).orElseThrow());
        assertEquals(3, srgb.channels());
        for (int p = 0; p < W * H; p++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(encodeSrgb(stored.data()[p]), srgb.data()[3 * p + c], 2e-3, "pixel " + p);
            }
        }
        assertArrayEquals(srgb.data(), ImageFiles.readSrgb(file).data(), "readSrgb converts through the profile");
        Path plain = dir.resolve("plain.png");
        ImageFiles.write(plain, TestImages.gradient(W, H, 3), 8);
        assertTrue(ImageFiles.colourProfile(plain).isEmpty());
        assertArrayEquals(ImageFiles.read(plain).image().data(), ImageFiles.readSrgb(plain).data(), "untagged: taken as sRGB");
        Path untaggedGrey = dir.resolve("untagged-grey.png");
        ImageFiles.write(untaggedGrey, grey, 8);
        Image greyRgb = ImageFiles.readSrgb(untaggedGrey);
        assertEquals(3, greyRgb.channels());
        assertEquals(greyRgb.get(5, 7, 0), greyRgb.get(5, 7, 2), "grey in all three channels");
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> Colour.toSrgb(TestImages.gradient(W, H, 3), linearGrey));
        assertTrue(mismatch.getMessage().contains("1-component"), mismatch.getMessage());
    }

    @Test
    void aCorruptEmbeddedProfileIsNamedWithTheFile() throws IOException {
        Path file = write("corrupt.png", encode(TestImages.gradient(W, H, 5), "png", "not a profile".getBytes(StandardCharsets.US_ASCII)));
        IOException e = assertThrows(IOException.class, () -> ImageFiles.colourProfile(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("ICC"), e.getMessage());
    }

    static double encodeSrgb(double linear) {
        return linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] encode(Image image, String format, ICC_Profile profile) throws IOException {
        return encode(image, format, profile == null ? null : profile.getData());
    }

    /** {@code image} as 8-bit {@code format} bytes, with {@code iccBytes} in the PNG's iCCP chunk or the TIFF's tag 34675. */
    private static byte[] encode(Image image, String format, byte[] iccBytes) throws IOException {
        BufferedImage pixels = new BufferedImage(image.width(), image.height(),
                image.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        int c = image.channels();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                for (int k = 0; k < c; k++) {
                    pixels.getRaster().setSample(x, y, k, Math.round(image.get(x, y, k) * 255));
                }
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(pixels),
                writer.getDefaultWriteParam());
        if (iccBytes != null && format.equals("png")) {
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_png_1.0");
            IIOMetadataNode iccp = new IIOMetadataNode("iCCP");
            iccp.setAttribute("profileName", "test");
            iccp.setAttribute("compressionMethod", "deflate");
            iccp.setUserObject(iccBytes);
            root.appendChild(iccp);
            metadata.setFromTree("javax_imageio_png_1.0", root);
        } else if (iccBytes != null && format.equals("tiff")) {
            TIFFDirectory ifd = TIFFDirectory.createFromMetadata(metadata);
            ifd.addTIFFField(new TIFFField(new TIFFTag("ICC Profile", BaselineTIFFTagSet.TAG_ICC_PROFILE,
                    1 << TIFFTag.TIFF_UNDEFINED), TIFFTag.TIFF_UNDEFINED, iccBytes.length, iccBytes));
            metadata = ifd.getAsMetadata();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(pixels, null, metadata));
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** One JPEG APP2 segment carrying a whole ICC profile (sequence 1 of 1). */
    private static byte[] app2(byte[] profile) {
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        byte[] signature = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + signature.length + 2 + profile.length;
        segment.write(0xFF);
        segment.write(0xE2);
        segment.write(length >> 8);
        segment.write(length & 0xFF);
        segment.writeBytes(signature);
        segment.write(1);
        segment.write(1);
        segment.writeBytes(profile);
        return segment.toByteArray();
    }

    /** {@code bytes} with {@code insert} at {@code at}. */
    private static byte[] splice(byte[] bytes, int at, byte[] insert) {
        return splice(bytes, at, insert, at);
    }

    /** {@code bytes} with {@code from..to} replaced by {@code insert}. */
    private static byte[] splice(byte[] bytes, int from, byte[] insert, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, from);
        out.writeBytes(insert);
        out.write(bytes, to, bytes.length - to);
        return out.toByteArray();
    }
}
