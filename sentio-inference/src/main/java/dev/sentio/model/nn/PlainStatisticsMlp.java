package dev.sentio.model.nn;

import dev.sentio.model.PlainWeights;

import java.util.Map;

/**
 * {@link StatisticsMlp}'s inference in plain Java from its {@link PlainWeights}: the same masked mean and
 * standard deviation, the same layers (dropout is off at inference). With {@code pooledInput} (the functionals
 * model) the utterance's single row goes straight into the layers.
 */
public final class PlainStatisticsMlp implements PlainNetwork {
    private final PlainLayers.Dense first;
    private final PlainLayers.Dense second;
    private final PlainLayers.Dense output;
    private final boolean pooledInput;

    public PlainStatisticsMlp(Map<String, PlainWeights.Tensor> weights, boolean pooledInput) {
        this.pooledInput = pooledInput;
        this.first = PlainLayers.Dense.of(weights, "first");
        this.second = PlainLayers.Dense.of(weights, "second");
        this.output = PlainLayers.Dense.of(weights, "output");
    }

    @Override
    public float[] probabilities(float[][] frames) {
        float[] input = pooledInput ? frames[0] : statistics(frames);
        return PlainLayers.softmax(output.apply(second.apply(first.apply(input, true), true), false));
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
