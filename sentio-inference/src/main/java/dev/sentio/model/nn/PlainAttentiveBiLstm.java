package dev.sentio.model.nn;

import dev.sentio.model.PlainWeights;

import java.util.Map;

/**
 * {@link AttentiveBiLstm}'s inference in plain Java: each direction's LSTM states attention-pooled over the
 * utterance (one utterance has no padding), both concatenated (dropout is off at inference), a dense layer, softmax.
 */
public final class PlainAttentiveBiLstm implements PlainNetwork {
    private final PlainLayers.Lstm forward;
    private final PlainLayers.Lstm backward;
    private final PlainLayers.Dense forwardScore;
    private final PlainLayers.Dense backwardScore;
    private final PlainLayers.Dense output;

    public PlainAttentiveBiLstm(Map<String, PlainWeights.Tensor> weights) {
        this.forward = PlainLayers.Lstm.of(weights, "forward", 0);
        this.backward = PlainLayers.Lstm.of(weights, "backward", 0);
        this.forwardScore = PlainLayers.Dense.of(weights, "forwardScore");
        this.backwardScore = PlainLayers.Dense.of(weights, "backwardScore");
        this.output = PlainLayers.Dense.of(weights, "output");
    }

    @Override
    public float[] probabilities(float[][] frames) {
        float[][] reversed = new float[frames.length][];
        for (int t = 0; t < frames.length; t++) {
            reversed[t] = frames[frames.length - 1 - t];
        }
        float[] f = pool(forward.run(frames), forwardScore);
        float[] b = pool(backward.run(reversed), backwardScore);
        float[] both = new float[f.length + b.length];
        System.arraycopy(f, 0, both, 0, f.length);
        System.arraycopy(b, 0, both, f.length, b.length);
        return PlainLayers.softmax(output.apply(both, false));
    }

    /** Softmax attention over frames: score = w . tanh(state) + b. */
    private static float[] pool(float[][] states, PlainLayers.Dense score) {
        float[] s = new float[states.length];
        for (int t = 0; t < states.length; t++) {
            float[] squashed = new float[states[t].length];
            for (int j = 0; j < squashed.length; j++) {
                squashed[j] = (float) Math.tanh(states[t][j]);
            }
            s[t] = score.apply(squashed, false)[0];
        }
        float[] weights = PlainLayers.softmax(s);
        float[] pooled = new float[states[0].length];
        for (int t = 0; t < states.length; t++) {
            for (int j = 0; j < pooled.length; j++) {
                pooled[j] += weights[t] * states[t][j];
            }
        }
        return pooled;
    }
}
