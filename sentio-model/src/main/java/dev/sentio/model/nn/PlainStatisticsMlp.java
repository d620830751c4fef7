package dev.sentio.model.nn;

import dev.sentio.model.PlainWeights;

import java.util.Map;

/**
 * {@link StatisticsMlp}'s inference in plain Java from its {@link PlainWeights}: the same masked mean and
 * standard deviation, the same layers (dropout is off at inference), so that a prediction needs no deep-learning
 * engine. {@code ModelBundleTest.plainJavaModelsPredictWithoutTheEngineAsWithIt} pins it to the DJL forward pass.
 * With {@code pooledInput} (the functionals model) the utterance's single row goes straight into the layers.
 */
public final class PlainStatisticsMlp {
    private final Dense first;
    private final Dense second;
    private final Dense output;
    private final boolean pooledInput;

    private record Dense(float[] weight, float[] bias, int inputs, int units) {
        static Dense of(Map<String, PlainWeights.Tensor> w, String name) {
            PlainWeights.Tensor weight = find(w, name + "_weight");
            PlainWeights.Tensor bias = find(w, name + "_bias");
            if (weight == null || bias == null || weight.shape().length != 2) {
                throw new IllegalArgumentException("no dense layer '" + name + "' in the weights");
            }
            int units = (int) weight.shape()[0];
            int inputs = (int) weight.shape()[1];
            if (bias.values().length != units) {
                throw new IllegalArgumentException("bias of '" + name + "' does not fit its weight");
            }
            return new Dense(weight.values(), bias.values(), inputs, units);
        }

        /** DJL's Linear: x W^T + b, W of shape [units, inputs]. */
        float[] apply(float[] x, boolean relu) {
            if (x.length != inputs) {
                throw new IllegalArgumentException("layer takes " + inputs + " inputs, got " + x.length);
            }
            float[] y = new float[units];
            for (int u = 0; u < units; u++) {
                float s = bias[u];
                int row = u * inputs;
                for (int i = 0; i < inputs; i++) {
                    s += weight[row + i] * x[i];
                }
                y[u] = relu ? Math.max(0f, s) : s;
            }
            return y;
        }
    }

    /** DJL names a child's parameters with its position first (e.g. {@code 01first_weight}). */
    private static PlainWeights.Tensor find(Map<String, PlainWeights.Tensor> w, String name) {
        for (Map.Entry<String, PlainWeights.Tensor> e : w.entrySet()) {
            if (e.getKey().replaceFirst("^[0-9]+", "").equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public PlainStatisticsMlp(Map<String, PlainWeights.Tensor> weights, boolean pooledInput) {
        this.pooledInput = pooledInput;
        this.first = Dense.of(weights, "first");
        this.second = Dense.of(weights, "second");
        this.output = Dense.of(weights, "output");
    }

    /** Class probabilities of one utterance's standardised frames [frames][columns]. */
    public float[] probabilities(float[][] frames) {
        float[] logits = pooledInput ? layers(frames[0]) : layers(statistics(frames));
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double total = 0;
        double[] e = new double[logits.length];
        for (int k = 0; k < logits.length; k++) {
            e[k] = Math.exp(logits[k] - max);
            total += e[k];
        }
        float[] p = new float[logits.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = (float) (e[k] / total);
        }
        return p;
    }

    private float[] layers(float[] input) {
        return output.apply(second.apply(first.apply(input, true), true), false);
    }

    /** The masked mean and standard deviation of {@link StatisticsMlp#statistics}, for one utterance. */
    private static float[] statistics(float[][] frames) {
        int columns = frames[0].length;
        float[] stats = new float[2 * columns];
        for (int c = 0; c < columns; c++) {
            float sum = 0;
            for (float[] frame : frames) {
                sum += frame[c];
            }
            float mean = sum / frames.length;
            float squares = 0;
            for (float[] frame : frames) {
                float d = frame[c] - mean;
                squares += d * d;
            }
            stats[c] = mean;
            stats[columns + c] = (float) Math.sqrt(squares / frames.length + 1e-5f);
        }
        return stats;
    }
}
