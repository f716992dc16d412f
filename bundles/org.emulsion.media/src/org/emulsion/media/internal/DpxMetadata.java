package org.emulsion.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Metadata in a DPX file (SMPTE 268M) as written by FFmpeg's dpx encoder, which leaves out the
 * industry headers and the user-defined data. This adds them: an all-undefined (0xFF) industry
 * header, then user-defined data whose 32-byte identification is {@value #USER_ID} followed by an
 * XMP packet; the image data moves behind them and the offsets in the generic and image headers
 * are fixed up. exiftool shows the creator and project fields; the XMP is read back by
 * {@link #read}.
 */
public final class DpxMetadata {

    /** Identification that opens Emulsion's user-defined data. */
    public static final String USER_ID = "Emulsion XMP";

    private static final int GENERIC_HEADER = 1664;
    private static final int INDUSTRY_HEADER = 384;
    private static final int USER_ID_LENGTH = 32;
    private static final int OFFSET_IMAGE_DATA = 4;
    private static final int OFFSET_FILE_SIZE = 16;
    private static final int OFFSET_GENERIC_SIZE = 24;
    private static final int OFFSET_INDUSTRY_SIZE = 28;
    private static final int OFFSET_USER_SIZE = 32;
    private static final int OFFSET_CREATOR = 160;
    private static final int CREATOR_LENGTH = 100;
    private static final int OFFSET_ELEMENT_COUNT = 770;
    private static final int OFFSET_FIRST_ELEMENT = 780;
    private static final int ELEMENT_SIZE = 72;
    private static final int ELEMENT_DATA_OFFSET = 28;
    private static final int OFFSET_PROJECT = 260;
    private static final int PROJECT_LENGTH = 200;
    /** Text fields of the film industry header (manufacturer … format; frame id, slate, reserved), [from, to). */
    private static final int[][] INDUSTRY_TEXT_FIELDS = {{1664, 1712}, {1732, 1920}};
    /** Image data starts on a block boundary, as most DPX writers do. */
    private static final int DATA_ALIGNMENT = 4096;

    private DpxMetadata() {
    }

    /**
     * {@code dpx} (as FFmpeg wrote it) with {@code xmp} as user-defined data and, when given, the
     * creator and project header fields (cut to their 99 and 199 bytes).
     */
    public static byte[] insert(byte[] dpx, byte[] xmp, Optional<String> creator, Optional<String> project)
            throws IOException {
        ByteBuffer in = open(dpx);
        int dataOffset = in.getInt(OFFSET_IMAGE_DATA);
        if (in.getInt(OFFSET_INDUSTRY_SIZE) != 0 || in.getInt(OFFSET_USER_SIZE) != 0 || dataOffset < GENERIC_HEADER) {
            throw new IOException("DPX already has industry or user data; cannot add metadata");
        }
        int userSize = USER_ID_LENGTH + xmp.length;
        int userAt = GENERIC_HEADER + INDUSTRY_HEADER;
        int newDataOffset = ceil(userAt + userSize, DATA_ALIGNMENT);
        int shift = newDataOffset - dataOffset;
        int pixels = dpx.length - dataOffset;

        ByteBuffer out = ByteBuffer.allocate(newDataOffset + pixels).order(in.order());
        out.put(dpx, 0, GENERIC_HEADER);
        out.put(undefinedIndustryHeader());
        out.put(Arrays.copyOf(USER_ID.getBytes(StandardCharsets.US_ASCII), USER_ID_LENGTH));
        out.put(xmp);
        out.position(newDataOffset);
        out.put(dpx, dataOffset, pixels);

        out.putInt(OFFSET_IMAGE_DATA, newDataOffset);
        out.putInt(OFFSET_FILE_SIZE, out.capacity());
        out.putInt(OFFSET_GENERIC_SIZE, GENERIC_HEADER);
        out.putInt(OFFSET_INDUSTRY_SIZE, INDUSTRY_HEADER);
        out.putInt(OFFSET_USER_SIZE, userSize);
        int elements = Short.toUnsignedInt(in.getShort(OFFSET_ELEMENT_COUNT));
        for (int e = 0; e < Math.min(elements, 8); e++) {
            int at = OFFSET_FIRST_ELEMENT + e * ELEMENT_SIZE + ELEMENT_DATA_OFFSET;
            out.putInt(at, in.getInt(at) + shift);
        }
        creator.ifPresent(text -> putText(out, OFFSET_CREATOR, CREATOR_LENGTH, text));
        project.ifPresent(text -> putText(out, OFFSET_PROJECT, PROJECT_LENGTH, text));
        return out.array();
    }

    private static void putText(ByteBuffer out, int offset, int length, String text) {
        byte[] field = Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), length);
        field[length - 1] = 0; // NUL-terminated, cut to the field
        out.put(offset, field);
    }

    /** SMPTE 268M marks unset numeric fields with all ones and unset text fields with NULs. */
    private static byte[] undefinedIndustryHeader() {
        byte[] header = new byte[INDUSTRY_HEADER];
        Arrays.fill(header, (byte) 0xFF);
        for (int[] text : INDUSTRY_TEXT_FIELDS) {
            Arrays.fill(header, text[0] - GENERIC_HEADER, text[1] - GENERIC_HEADER, (byte) 0);
        }
        return header;
    }

    /** The XMP packet of Emulsion's user-defined data, if there is one. */
    public static Optional<byte[]> read(byte[] dpx) throws IOException {
        ByteBuffer in = open(dpx);
        long userSize = Integer.toUnsignedLong(in.getInt(OFFSET_USER_SIZE));
        long userAt = Integer.toUnsignedLong(in.getInt(OFFSET_GENERIC_SIZE))
                + Integer.toUnsignedLong(in.getInt(OFFSET_INDUSTRY_SIZE));
        if (userSize == 0xFFFFFFFFL || userSize <= USER_ID_LENGTH) {
            return Optional.empty();
        }
        if (userAt + userSize > dpx.length) {
            throw new IOException("DPX user data runs past the end of the file (truncated?)");
        }
        String id = new String(dpx, (int) userAt, USER_ID_LENGTH, StandardCharsets.US_ASCII).replace("\0", "");
        if (!id.equals(USER_ID)) {
            return Optional.empty(); // another tool's private data
        }
        return Optional.of(Arrays.copyOfRange(dpx, (int) userAt + USER_ID_LENGTH, (int) (userAt + userSize)));
    }

    private static ByteBuffer open(byte[] dpx) throws IOException {
        if (dpx.length < GENERIC_HEADER) {
            throw new IOException("too short for a DPX header (truncated?)");
        }
        String magic = new String(dpx, 0, 4, StandardCharsets.US_ASCII);
        return switch (magic) {
            case "SDPX" -> ByteBuffer.wrap(dpx).order(ByteOrder.BIG_ENDIAN);
            case "XPDS" -> ByteBuffer.wrap(dpx).order(ByteOrder.LITTLE_ENDIAN);
            default -> throw new IOException("not a DPX file (no SDPX/XPDS magic number)");
        };
    }

    private static int ceil(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
