package dev.sentio.model.nn;

import dev.sentio.model.PlainWeights;

import java.util.Map;

/** {@link SeedLstm}'s inference in plain Java: two LSTM layers, the last frame's state, a dense layer, softmax. */
public final class PlainSeedLstm implements PlainNetwork {
    private final PlainLayers.Lstm first;
    private final PlainLayers.Lstm second;
    private final PlainLayers.Dense output;

    public PlainSeedLstm(Map<String, PlainWeights.Tensor> weights) {
        this.first = PlainLayers.Lstm.of(weights, "lstm", 0);
        this.second = PlainLayers.Lstm.of(weights, "lstm", 1);
        this.output = PlainLayers.Dense.of(weights, "output");
    }

    @Override
    public float[] probabilities(float[][] frames) {
        float[][] states = second.run(first.run(frames));
        return PlainLayers.softmax(output.apply(states[states.length - 1], false));
    }
}
