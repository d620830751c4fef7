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

    /** A dense layer's weights as DJL's Linear names them: W [units, inputs] and b [units]. */
    public record DenseLayer(Tensor weight, Tensor bias) {
        public int inputs() {
            return (int) weight.shape()[1];
        }

        public int units() {
            return (int) weight.shape()[0];
        }
    }

    /** The dense layer DJL named {@code name} ({@code name_weight}, {@code name_bias}). */
    public static DenseLayer dense(Map<String, Tensor> w, String name) {
        Tensor weight = find(w, name + "_weight");
        Tensor bias = find(w, name + "_bias");
        if (weight.shape().length != 2 || bias.values().length != weight.shape()[0]) {
            throw new IllegalArgumentException("dense layer '" + name + "' has inconsistent shapes");
        }
        return new DenseLayer(weight, bias);
    }

    /**
     * One layer, one direction of PyTorch's LSTM as DJL's {@code LSTM} block names it: gates i, f, g, o stacked in
     * that order in W_ih [4H, inputs], W_hh [4H, H] and the two biases [4H].
     */
    public record LstmLayer(Tensor inputWeight, Tensor stateWeight, float[] inputBias, float[] stateBias) {
        public int inputs() {
            return (int) inputWeight.shape()[1];
        }

        public int hidden() {
            return (int) stateWeight.shape()[1];
        }
    }

    /** Layer {@code layer} of the LSTM named {@code name} (DJL: {@code lstm_l_0_i2h_WEIGHT} and so on). */
    public static LstmLayer lstm(Map<String, Tensor> w, String name, int layer) {
        String prefix = name + "_l_" + layer + "_";
        Tensor wi = find(w, prefix + "i2h_WEIGHT");
        Tensor wh = find(w, prefix + "h2h_WEIGHT");
        float[] bi = find(w, prefix + "i2h_BIAS").values();
        float[] bh = find(w, prefix + "h2h_BIAS").values();
        int hidden = (int) wh.shape()[1];
        if (wi.shape()[0] != 4L * hidden || wh.shape()[0] != 4L * hidden || bi.length != 4 * hidden
                || bh.length != 4 * hidden) {
            throw new IllegalArgumentException("LSTM '" + name + "' layer " + layer + " has inconsistent shapes");
        }
        return new LstmLayer(wi, wh, bi, bh);
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
