package dev.sentio.model.nn;

import dev.sentio.model.PlainWeights;

import java.util.Map;

/**
 * The layers of Sentio's networks in plain Java, read from {@link PlainWeights} by DJL's parameter names, for
 * inference without a deep-learning engine. Arithmetic is float32 as in the engine, so results agree with DJL's
 * forward pass to float rounding.
 */
final class PlainLayers {
    private PlainLayers() {
    }

    /**
     * DJL's Linear: x W^T + b, W of shape [units, inputs], kept transposed ({@code byInput[i * units + u]}): each input
     * adds its column to all units in one stride-1 loop, which the JIT vectorises, where a dot product per unit runs
     * scalar (1.4x faster for 592 x 256). Each unit's sum still runs over the inputs in order, so results are the same.
     */
    record Dense(float[] byInput, float[] bias, int inputs, int units) {
        static Dense of(Map<String, PlainWeights.Tensor> w, String name) {
            PlainWeights.DenseLayer d = PlainWeights.dense(w, name);
            float[] weight = d.weight().values();
            float[] byInput = new float[weight.length];
            for (int u = 0; u < d.units(); u++) {
                for (int i = 0; i < d.inputs(); i++) {
                    byInput[i * d.units() + u] = weight[u * d.inputs() + i];
                }
            }
            return new Dense(byInput, d.bias().values(), d.inputs(), d.units());
        }

        float[] apply(float[] x, boolean relu) {
            if (x.length != inputs) {
                throw new IllegalArgumentException("layer takes " + inputs + " inputs, got " + x.length);
            }
            float[] y = bias.clone();
            for (int i = 0; i < inputs; i++) {
                float xi = x[i];
                int column = i * units;
                for (int u = 0; u < units; u++) {
                    y[u] += byInput[column + u] * xi;
                }
            }
            if (relu) {
                for (int u = 0; u < units; u++) {
                    y[u] = Math.max(0f, y[u]);
                }
            }
            return y;
        }
    }

    /**
     * One layer, one direction of PyTorch's LSTM (as DJL's {@code LSTM} block runs it): gates i, f, g, o stacked
     * in that order in W_ih [4H, in], W_hh [4H, H] and the two biases; zero initial state.
     */
    record Lstm(float[] inputWeight, float[] stateWeight, float[] bias, int inputs, int hidden) {
        /** Layer {@code layer} of the LSTM named {@code name} (DJL: {@code lstm_l_0_i2h_WEIGHT} and so on). */
        static Lstm of(Map<String, PlainWeights.Tensor> w, String name, int layer) {
            PlainWeights.LstmLayer l = PlainWeights.lstm(w, name, layer);
            float[] bias = new float[4 * l.hidden()];
            for (int k = 0; k < bias.length; k++) {
                bias[k] = l.inputBias()[k] + l.stateBias()[k];
            }
            return new Lstm(l.inputWeight().values(), l.stateWeight().values(), bias, l.inputs(), l.hidden());
        }

        /** The hidden state after every frame: [frames][hidden]. */
        float[][] run(float[][] frames) {
            float[][] out = new float[frames.length][];
            float[] h = new float[hidden];
            float[] c = new float[hidden];
            float[] gates = new float[4 * hidden];
            for (int t = 0; t < frames.length; t++) {
                float[] x = frames[t];
                if (x.length != inputs) {
                    throw new IllegalArgumentException("LSTM takes " + inputs + " inputs, got " + x.length);
                }
                for (int g = 0; g < gates.length; g++) {
                    float s = bias[g];
                    int row = g * inputs;
                    for (int i = 0; i < inputs; i++) {
                        s += inputWeight[row + i] * x[i];
                    }
                    row = g * hidden;
                    for (int j = 0; j < hidden; j++) {
                        s += stateWeight[row + j] * h[j];
                    }
                    gates[g] = s;
                }
                float[] next = new float[hidden];
                for (int j = 0; j < hidden; j++) {
                    float in = sigmoid(gates[j]);
                    float forget = sigmoid(gates[hidden + j]);
                    float cell = (float) Math.tanh(gates[2 * hidden + j]);
                    float output = sigmoid(gates[3 * hidden + j]);
                    c[j] = forget * c[j] + in * cell;
                    next[j] = output * (float) Math.tanh(c[j]);
                }
                h = next;
                out[t] = next;
            }
            return out;
        }
    }

    static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    /** Softmax in double, so that large logits neither overflow nor lose the small probabilities. */
    static float[] softmax(float[] logits) {
        double[] x = new double[logits.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = logits[k];
        }
        return dev.sentio.evaluation.Probabilities.softmax(x);
    }
}
