package dev.sentio.model;

import dev.sentio.SentioException;
import dev.sentio.features.FeatureConfig;
import dev.sentio.model.data.Standardizer;

import java.util.Locale;

/**
 * A second speech check, learned, on the model's own feature columns: a linear score of a recording's standardised
 * features averaged over its frames, speech when at least the threshold. It is fitted on the training corpora's
 * speech (clean and noisy) against recorded background sounds ({@code sentio gate}), and turns away the animal calls
 * and other voiced sounds the model-free check takes for a voice, at the cost of one dot product. Its threshold sits
 * below the scores of nearly all training speech, so that speech of corpora it never saw passes too (BENCHMARKS.md).
 *
 * @param standardizer the statistics the score's inputs are standardised with
 * @param weights      one per feature column
 * @param bias         the score's constant
 * @param threshold    speech scores at least this
 * @param features     the features it scores, where they are not the model's (null: the model's). A model that
 *                     normalises or trims its recordings has a gate on the same columns of the recording as decoded
 *                     (its level and silences tell speech from other sounds); a model on prosody alone has too few
 *                     columns to tell speech from other voiced sounds, so its gate reads the spectral functionals.
 */
public record SpeechGate(Standardizer standardizer, float[] weights, double bias, double threshold,
                         FeatureConfig features) {
    /** A gate on the model's own features. */
    public SpeechGate(Standardizer standardizer, float[] weights, double bias, double threshold) {
        this(standardizer, weights, bias, threshold, null);
    }

    /** The same gate, reading {@code config}'s features (null: the model's). */
    public SpeechGate withFeatures(FeatureConfig config) {
        return new SpeechGate(standardizer, weights, bias, threshold, config);
    }

    public SpeechGate {
        if (standardizer.mean().length != weights.length || standardizer.std().length != weights.length) {
            throw new SentioException("damaged speech gate: " + weights.length + " weights for "
                    + standardizer.mean().length + " feature columns");
        }
        if (!Double.isFinite(bias) || !Double.isFinite(threshold)) {
            throw new SentioException("damaged speech gate: its bias and threshold must be numbers");
        }
        for (float w : weights) {
            if (!Float.isFinite(w)) {
                throw new SentioException("damaged speech gate: a weight is not a number");
            }
        }
    }

    /** A recording's features averaged over its frames: what the gate scores (a functionals model has one frame). */
    public static float[] pool(float[][] frames) {
        float[] mean = new float[frames[0].length];
        for (float[] frame : frames) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += frame[j] / frames.length;
            }
        }
        return mean;
    }

    /** The score of pooled features ({@link #pool}); higher is more like the training speech. */
    public double score(float[] pooled) {
        double z = bias;
        float[] mean = standardizer.mean();
        float[] std = standardizer.std();
        for (int j = 0; j < weights.length; j++) {
            z += weights[j] * ((pooled[j] - mean[j]) / std[j]);
        }
        return z;
    }

    /** Null when {@code frames} pass as speech, otherwise why not. */
    public String reject(float[][] frames) {
        double s = score(pool(frames));
        return s >= threshold ? null : String.format(Locale.ROOT, "no voice found by the model's speech gate: its "
                + "sound is unlike the speech it was trained on (score %.2f, speech scores at least %.2f)", s, threshold);
    }
}
