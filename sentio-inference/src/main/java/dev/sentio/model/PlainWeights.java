package dev.sentio.model;


import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float arrays with their shapes, readable without any deep-learning engine: a network's parameters (what
 * lets small networks predict in pure Java, without loading PyTorch's native library), and the weights and
 * optimizer state of training checkpoints.
 */
public final class PlainWeights {
    private static final int FORMAT = 1;

    /** One parameter: {@code values} in row-major order of {@code shape}. */
    public record Tensor(long[] shape, float[] values) {
    }

    private PlainWeights() {
    }

    /** The tensor DJL named {@code name} after a child's position (e.g. {@code 01first_weight} for {@code first_weight}). */
    public static Tensor find(Map<String, Tensor> w, String name) {
        for (Map.Entry<String, Tensor> e : w.entrySet()) {
            if (e.getKey().replaceFirst("^[0-9]+", "").equals(name)) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException("no parameter '" + name + "' in the weights (they hold " + w.keySet() + ")");
    }

    public static byte[] encode(Map<String, Tensor> tensors) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(tensors.size());
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                out.writeUTF(e.getKey());
                long[] shape = e.getValue().shape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                float[] values = e.getValue().values();
                out.writeInt(values.length);
                for (float v : values) {
                    out.writeFloat(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not plain weights */
    public static Map<String, Tensor> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != FORMAT) {
                throw new IllegalArgumentException("unknown plain-weights format");
            }
            int n = in.readInt();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                long size = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                    size *= shape[d];
                }
                int count = in.readInt();
                if (count != size || count > in.available() / 4) {
                    throw new IllegalArgumentException("plain weights of '" + name + "' do not match their shape");
                }
                float[] values = new float[count];
                for (int k = 0; k < count; k++) {
                    values[k] = in.readFloat();
                }
                tensors.put(name, new Tensor(shape, values));
            }
            return tensors;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated plain weights", e);
        }
    }
}
