package org.emulsion.media.internal;

import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The ICC profile embedded in a PNG ({@code iCCP} chunk) or JPEG ({@code APP2 ICC_PROFILE}
 * segments), read from the header through ImageIO's metadata without decoding the pixels (OpenCV,
 * which decodes them, drops the profile). TIFF's is {@link TiffTags#iccProfile}.
 */
public final class EmbeddedProfiles {
    private static final String PNG_FORMAT = "javax_imageio_png_1.0";
    private static final String JPEG_FORMAT = "javax_imageio_jpeg_image_1.0";
    private static final byte[] ICC_SIGNATURE = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int APP2 = 0xE2;

    private EmbeddedProfiles() {
    }

    /** The profile's bytes, if {@code file} (PNG or JPEG) embeds one. */
    public static Optional<byte[]> read(Path file) throws IOException {
        try (InputStream bytes = Files.newInputStream(file); ImageInputStream in = ImageIO.createImageInputStream(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a PNG or JPEG ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                IIOMetadata metadata = reader.getImageMetadata(0);
                String format = metadata == null ? null : metadata.getNativeMetadataFormatName();
                if (PNG_FORMAT.equals(format)) {
                    return png((IIOMetadataNode) metadata.getAsTree(format));
                }
                if (JPEG_FORMAT.equals(format)) {
                    return jpeg((IIOMetadataNode) metadata.getAsTree(format));
                }
                return Optional.empty();
            } finally {
                reader.dispose();
            }
        }
    }

    /** ImageIO's PNG reader keeps the {@code iCCP} profile inflated as the node's user object. */
    private static Optional<byte[]> png(IIOMetadataNode root) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals("iCCP") && ((IIOMetadataNode) n).getUserObject() instanceof byte[] profile) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }

    /**
     * With a JFIF header ImageIO joins the APP2 segments into a profile ({@code app2ICC}); without
     * one (Exif JPEGs) they are left as unknown markers, joined here in their sequence order.
     */
    private static Optional<byte[]> jpeg(IIOMetadataNode root) throws IOException {
        for (IIOMetadataNode n : nodes(root, "app2ICC")) {
            if (n.getUserObject() instanceof ICC_Profile profile) {
                return Optional.of(profile.getData());
            }
        }
        TreeMap<Integer, byte[]> parts = new TreeMap<>();
        for (IIOMetadataNode n : nodes(root, "unknown")) {
            if (String.valueOf(APP2).equals(n.getAttribute("MarkerTag")) && n.getUserObject() instanceof byte[] data
                    && data.length > ICC_SIGNATURE.length + 2
                    && Arrays.equals(data, 0, ICC_SIGNATURE.length, ICC_SIGNATURE, 0, ICC_SIGNATURE.length)) {
                parts.put(Byte.toUnsignedInt(data[ICC_SIGNATURE.length]), data);
            }
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        int count = Byte.toUnsignedInt(parts.firstEntry().getValue()[ICC_SIGNATURE.length + 1]);
        if (parts.size() != count) {
            throw new IOException("its ICC profile is split over " + count + " segments, " + parts.size() + " present");
        }
        ByteArrayOutputStream profile = new ByteArrayOutputStream();
        parts.values().forEach(d -> profile.write(d, ICC_SIGNATURE.length + 2, d.length - ICC_SIGNATURE.length - 2));
        return Optional.of(profile.toByteArray());
    }

    private static List<IIOMetadataNode> nodes(IIOMetadataNode root, String name) {
        List<IIOMetadataNode> found = new ArrayList<>();
        NodeList list = root.getElementsByTagName(name);
        for (int i = 0; i < list.getLength(); i++) {
            found.add((IIOMetadataNode) list.item(i));
        }
        return found;
    }
}
