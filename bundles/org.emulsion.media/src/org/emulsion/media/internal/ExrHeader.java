package org.emulsion.media.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The header of a single-part scan-line OpenEXR file: its attributes and the chunk offset table
 * that follows them. FFmpeg's exr encoder writes the pixels but no custom attributes, so
 * {@link #insertStrings} adds metadata as {@code string} attributes (what {@code exrheader},
 * {@code oiiotool --info -v} and Nuke's metadata viewer list) and shifts every chunk offset by the inserted length. {@link #check}
 * catches truncation, which FFmpeg's decoder would pass over by leaving the missing lines black.
 */
public final class ExrHeader {

    private static final int MAGIC = 20000630;
    private static final int FLAG_TILED = 0x200;
    private static final int FLAG_LONG_NAMES = 0x400;
    private static final int FLAG_DEEP_OR_MULTIPART = 0x800 | 0x1000;
    private static final int SHORT_NAME = 31;
    private static final int LONG_NAME = 255;
    /** Attributes OpenEXR defines; metadata must not replace them. */
    private static final Set<String> RESERVED = Set.of("channels", "compression", "dataWindow", "displayWindow",
            "lineOrder", "pixelAspectRatio", "screenWindowCenter", "screenWindowWidth", "tiles", "type", "name",
            "version", "chunkCount", "view", "multiView");

    private final ByteBuffer file;
    private final int flags;
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();
    /** Offset of the NUL that ends the attribute list; the chunk table follows it. */
    private final int end;

    private record Attribute(String type, int valueAt, int size) {
    }

    private ExrHeader(byte[] bytes) throws IOException {
        file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8 || file.getInt(0) != MAGIC) {
            throw new IOException("not an OpenEXR file (no magic number)");
        }
        flags = file.getInt(4) & ~0xFF;
        int at = 8;
        while (true) {
            String name = cString(at);
            if (name.isEmpty()) {
                end = at;
                break;
            }
            at += name.length() + 1;
            String type = cString(at);
            at += type.length() + 1;
            need(at + 4);
            int size = file.getInt(at);
            at += 4;
            need((long) at + size);
            attributes.put(name, new Attribute(type, at, size));
            at += size;
        }
    }

    /** Parses the header of {@code bytes}. */
    public static ExrHeader parse(byte[] bytes) throws IOException {
        return new ExrHeader(bytes);
    }

    /** The {@code string} attributes, in file order, by attribute name. */
    public Map<String, String> strings() {
        Map<String, String> result = new LinkedHashMap<>();
        attributes.forEach((name, a) -> {
            if (a.type().equals("string")) {
                result.put(name, new String(file.array(), a.valueAt(), a.size(), StandardCharsets.UTF_8));
            }
        });
        return result;
    }

    /**
     * Checks that every scan-line chunk the offset table lists lies inside the file.
     *
     * @throws IOException saying which chunk is cut off
     */
    public void check() throws IOException {
        if ((flags & (FLAG_TILED | FLAG_DEEP_OR_MULTIPART)) != 0) {
            return; // tiled, deep and multi-part files: left to the decoder
        }
        int chunks = chunkCount();
        need(end + 1 + 8L * chunks);
        for (int i = 0; i < chunks; i++) {
            long offset = file.getLong(end + 1 + 8 * i);
            if (offset < end + 1 + 8L * chunks || offset + 8 > file.capacity()
                    || offset + 8 + Integer.toUnsignedLong(file.getInt((int) offset + 4)) > file.capacity()) {
                throw new IOException("scan-line chunk " + (i + 1) + " of " + chunks
                        + " lies outside the file (truncated or corrupt)");
            }
        }
    }

    /** The file with {@code strings} added as {@code string} attributes (replacing same-named ones is refused). */
    public byte[] insertStrings(Map<String, String> strings) throws IOException {
        if ((flags & (FLAG_TILED | FLAG_DEEP_OR_MULTIPART)) != 0) {
            throw new IOException("metadata is only written to single-part scan-line EXR files");
        }
        ByteArrayOutputStream added = new ByteArrayOutputStream();
        boolean longNames = false;
        for (Map.Entry<String, String> e : strings.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.length() > LONG_NAME || name.indexOf('\0') >= 0 || RESERVED.contains(name)
                    || attributes.containsKey(name)) {
                throw new IllegalArgumentException("metadata key '" + name + "' cannot be an EXR attribute name "
                        + "(1 to 255 characters, not one of OpenEXR's own attributes or one already present)");
            }
            longNames |= name.length() > SHORT_NAME;
            byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
            added.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
            added.writeBytes(new byte[] {0, 's', 't', 'r', 'i', 'n', 'g', 0});
            added.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value.length).array());
            added.writeBytes(value);
        }
        int shift = added.size();
        int chunks = chunkCount();
        need(end + 1 + 8L * chunks);
        ByteBuffer out = ByteBuffer.allocate(file.capacity() + shift).order(ByteOrder.LITTLE_ENDIAN);
        out.put(file.array(), 0, end).put(added.toByteArray()).put(file.array(), end, file.capacity() - end);
        for (int i = 0; i < chunks; i++) {
            int at = end + shift + 1 + 8 * i;
            out.putLong(at, out.getLong(at) + shift);
        }
        if (longNames) {
            out.putInt(4, out.getInt(4) | FLAG_LONG_NAMES);
        }
        return out.array();
    }

    /** Chunks in the offset table: one per block of scan lines, whose height the compression fixes. */
    private int chunkCount() throws IOException {
        Attribute window = attributes.get("dataWindow");
        Attribute compression = attributes.get("compression");
        if (window == null || compression == null || window.size() != 16 || compression.size() != 1) {
            throw new IOException("EXR header lacks dataWindow or compression");
        }
        int yMin = file.getInt(window.valueAt() + 4);
        int yMax = file.getInt(window.valueAt() + 12);
        int linesPerChunk = switch (file.get(compression.valueAt())) {
            case 0, 1, 2 -> 1; // none, RLE, ZIPS
            case 3, 5 -> 16; // ZIP, PXR24
            case 4, 6, 7, 8 -> 32; // PIZ, B44, B44A, DWAA
            case 9 -> 256; // DWAB
            default -> throw new IOException("unknown EXR compression " + file.get(compression.valueAt()));
        };
        long lines = (long) yMax - yMin + 1;
        if (lines <= 0 || lines > Integer.MAX_VALUE) {
            throw new IOException("EXR dataWindow is empty or invalid");
        }
        return (int) ((lines + linesPerChunk - 1) / linesPerChunk);
    }

    private String cString(int at) throws IOException {
        int limit = Math.min(file.capacity(), at + LONG_NAME + 1);
        for (int i = at; i < limit; i++) {
            if (file.get(i) == 0) {
                return new String(file.array(), at, i - at, StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("EXR header is cut off or corrupt (unterminated attribute name)");
    }

    private void need(long length) throws IOException {
        if (length > file.capacity()) {
            throw new IOException("EXR header or offset table runs past the end of the file (truncated?)");
        }
    }
}
