package dev.sentio.model;

import ai.djl.nn.Block;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A network's parameters as plain float arrays (name, shape, values), readable without any deep-learning
 * engine: what lets small networks predict in pure Java, without loading PyTorch's native library.
 */
public final class PlainWeights {
    private static final int FORMAT = 1;

    /** One parameter: {@code values} in row-major order of {@code shape}. */
    public record Tensor(long[] shape, float[] values) {
    }

    private PlainWeights() {
    }

    /** The block's parameters by their names in the block (e.g. {@code first_weight}). */
    public static byte[] encode(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(block.getParameters().size());
            for (var p : block.getParameters()) {
                out.writeUTF(p.getKey());
                long[] shape = p.getValue().getArray().getShape().getShape();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                float[] values = p.getValue().getArray().toFloatArray();
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
