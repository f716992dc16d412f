package org.emulsion.engine.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * One file holding everything a run needs to continue exactly: a JSON header (recipe, step,
 * loss history, early-stopping state, Adam update counts) and named float tensors (weights,
 * Adam moments, the best weights so far). Written under a temporary name and renamed, so a
 * file named {@code step-NNNNNNN.ckpt} is always complete; an end marker catches truncation by
 * other means (copying, full disks on network shares).
 */
public record Checkpoint(Path file, JsonObject header, Map<String, float[]> tensors) {
    public static final String PARAMETERS = "param/";
    public static final String BEST = "best/";
    public static final String ADAM_MEAN = "adam.mean/";
    public static final String ADAM_VARIANCE = "adam.variance/";
    private static final String MAGIC = "EMULSION-CHECKPOINT";
    private static final String END = "END";
    private static final int VERSION = 1;
    private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.ckpt");

    /** The file name of the checkpoint after {@code step}. */
    public static String fileName(int step) {
        return String.format("step-%07d.ckpt", step);
    }

    /** The checkpoint with the highest step in {@code directory}, if any. */
    public static Optional<Path> latest(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .max((a, b) -> Integer.compare(step(a), step(b)));
        }
    }

    private static int step(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Writes atomically: a temporary file in the same folder, then a rename. */
    public void write() throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream raw = Files.newOutputStream(temp);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            byte[] json = header.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
            out.writeInt(tensors.size());
            for (Map.Entry<String, float[]> t : tensors.entrySet()) {
                out.writeUTF(t.getKey());
                float[] values = t.getValue();
                out.writeInt(values.length);
                ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(values);
                out.write(bytes.array());
            }
            out.writeUTF(END);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new IOException(file + " could not be written (" + e.getMessage() + "); check free space and permissions", e);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Reads a checkpoint.
     *
     * @throws IOException naming the file when it is not a checkpoint, is truncated or corrupt
     */
    public static Checkpoint read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            String magic;
            try {
                magic = in.readUTF();
            } catch (IOException e) {
                magic = "";
            }
            if (!MAGIC.equals(magic)) {
                throw corrupt(file, "it is not an Emulsion checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw corrupt(file, "it has format version " + version + ", this Emulsion reads version " + VERSION);
            }
            int jsonLength = in.readInt();
            if (jsonLength < 2 || jsonLength > (64 << 20)) {
                throw corrupt(file, "its header is damaged");
            }
            byte[] json = in.readNBytes(jsonLength);
            if (json.length != jsonLength) {
                throw new EOFException();
            }
            JsonObject header = JsonParser.parseString(new String(json, java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
            int count = in.readInt();
            Map<String, float[]> tensors = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > (1 << 30) / Float.BYTES) {
                    throw corrupt(file, "tensor " + name + " has a damaged length");
                }
                byte[] bytes = in.readNBytes(length * Float.BYTES);
                if (bytes.length != length * Float.BYTES) {
                    throw new EOFException();
                }
                float[] values = new float[length];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                tensors.put(name, values);
            }
            if (!END.equals(in.readUTF())) {
                throw corrupt(file, "its end marker is missing");
            }
            return new Checkpoint(file, header, tensors);
        } catch (EOFException e) {
            throw corrupt(file, "it is truncated");
        } catch (RuntimeException e) { // JSON syntax, bad UTF
            throw corrupt(file, "it is damaged (" + e.getMessage() + ")");
        }
    }

    /** The tensors of {@code block}'s parameters under {@code prefix}, keyed by parameter path. */
    public static Map<String, float[]> parameters(Block block, String prefix) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.put(prefix + p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    /** Whether the checkpoint holds a full set of parameters under {@code prefix}. */
    public boolean has(String prefix) {
        return tensors.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    /**
     * Copies the tensors under {@code prefix} into {@code block}'s parameters, in place.
     *
     * @throws IOException naming the file when a parameter is missing or has another size
     *                     (the checkpoint is of another architecture or width)
     */
    public void copyInto(Block block, String prefix) throws IOException {
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            float[] values = tensors.get(prefix + p.getKey());
            if (values == null || values.length != array.size()) {
                throw new IOException(file + " does not fit this network: parameter " + p.getKey() + " has "
                        + (values == null ? "no values" : values.length + " values") + " there but " + array.size()
                        + " here (" + Arrays.toString(array.getShape().getShape()) + "). It was written for another architecture or"
                        + " width; train into a new run folder or pass the settings it was made with");
            }
            array.set(FloatBuffer.wrap(values));
        }
    }

    private static IOException corrupt(Path file, String why) {
        return new IOException("Checkpoint " + file + " cannot be used: " + why + ". Delete it to resume from the previous"
                + " checkpoint in that folder, or train into a new run folder");
    }
}
