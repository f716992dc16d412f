package org.emulsion.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The byte-valued tags of a TIFF's first image (IFD0) that OpenCV does not handle: the XMP packet
 * (tag 700, where exiftool and Adobe tools read it) and the embedded ICC profile (tag 34675).
 * OpenCV 4.13 encodes the pixels but ignores XMP for TIFF, so {@link #insert} adds only the tag:
 * the packet and a copy of IFD0 with tag 700 are appended and the header is pointed at the copy;
 * every existing offset stays valid, pixels are untouched. Classic (32-bit offset) TIFF only.
 */
public final class TiffTags {

    private static final int TAG_XMP = 700;
    private static final int TAG_ICC_PROFILE = 34675;
    private static final int TYPE_BYTE = 1;

    private TiffTags() {
    }

    private record Entry(int tag, byte[] raw) {
    }

    /** {@code tiff} with {@code xmp} in IFD0 (replacing an XMP tag already there). */
    public static byte[] insert(byte[] tiff, byte[] xmp) throws IOException {
        ByteBuffer in = open(tiff);
        int ifd = in.getInt(4);
        List<Entry> entries = readIfd(in, ifd);
        int next = in.getInt(ifd + 2 + 12 * entries.size());
        entries.removeIf(e -> e.tag() == TAG_XMP);

        int xmpAt = align(tiff.length);
        int ifdAt = align(xmpAt + xmp.length);
        ByteBuffer tag = ByteBuffer.allocate(12).order(in.order());
        tag.putShort((short) TAG_XMP).putShort((short) TYPE_BYTE).putInt(xmp.length).putInt(xmpAt);
        entries.add(new Entry(TAG_XMP, tag.array()));
        entries.sort(Comparator.comparingInt(Entry::tag)); // TIFF requires ascending tags

        ByteBuffer out = ByteBuffer.allocate(ifdAt + 2 + 12 * entries.size() + 4).order(in.order());
        out.put(tiff).position(xmpAt);
        out.put(xmp).position(ifdAt);
        out.putShort((short) entries.size());
        entries.forEach(e -> out.put(e.raw()));
        out.putInt(next);
        out.putInt(4, ifdAt);
        return out.array();
    }

    /** The XMP packet of IFD0, if there is one. */
    public static Optional<byte[]> xmp(byte[] tiff) throws IOException {
        return bytes(tiff, TAG_XMP, "XMP");
    }

    /** The ICC profile embedded in IFD0, if there is one. */
    public static Optional<byte[]> iccProfile(byte[] tiff) throws IOException {
        return bytes(tiff, TAG_ICC_PROFILE, "ICC profile");
    }

    /** The value of byte-valued (BYTE or UNDEFINED) {@code tag} of IFD0, if present. */
    private static Optional<byte[]> bytes(byte[] tiff, int tag, String what) throws IOException {
        ByteBuffer in = open(tiff);
        for (Entry e : readIfd(in, in.getInt(4))) {
            if (e.tag() == tag) {
                ByteBuffer entry = ByteBuffer.wrap(e.raw()).order(in.order());
                int count = entry.getInt(4);
                if (count <= 4) { // small values sit in the entry itself
                    return Optional.of(Arrays.copyOfRange(e.raw(), 8, 8 + count));
                }
                int offset = entry.getInt(8);
                if (offset < 0 || (long) offset + count > tiff.length) {
                    throw new IOException(what + " tag points outside the file (truncated?)");
                }
                return Optional.of(Arrays.copyOfRange(tiff, offset, offset + count));
            }
        }
        return Optional.empty();
    }

    private static ByteBuffer open(byte[] tiff) throws IOException {
        if (tiff.length < 8 || tiff[0] != tiff[1] || (tiff[0] != 'I' && tiff[0] != 'M')) {
            throw new IOException("not a TIFF file");
        }
        ByteBuffer in = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        if (in.getShort(2) != 42) {
            throw new IOException("not a classic TIFF (BigTIFF metadata is not supported)");
        }
        return in;
    }

    private static List<Entry> readIfd(ByteBuffer in, int ifd) throws IOException {
        if (ifd < 8 || ifd + 2L > in.capacity()) {
            throw new IOException("first image directory lies outside the file (truncated?)");
        }
        int count = Short.toUnsignedInt(in.getShort(ifd));
        if (ifd + 2L + 12L * count + 4 > in.capacity()) {
            throw new IOException("first image directory runs past the end of the file (truncated?)");
        }
        List<Entry> entries = new ArrayList<>(count + 1);
        for (int i = 0; i < count; i++) {
            byte[] raw = new byte[12];
            in.get(ifd + 2 + 12 * i, raw);
            entries.add(new Entry(Short.toUnsignedInt(in.getShort(ifd + 2 + 12 * i)), raw));
        }
        return entries;
    }

    /** TIFF offsets must be word aligned. */
    private static int align(int offset) {
        return (offset + 1) & ~1;
    }
}
