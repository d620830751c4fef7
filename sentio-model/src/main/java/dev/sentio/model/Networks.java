package dev.sentio.model;

import ai.djl.nn.Block;
import dev.sentio.SentioException;
import dev.sentio.features.FeatureConfig;
import dev.sentio.model.nn.AttentiveBiLstm;
import dev.sentio.model.nn.SeedLstm;
import dev.sentio.model.nn.StatisticsMlp;

import java.util.List;
import java.util.Map;

/** The architectures Sentio trains, by the names model files and the command line use. */
public final class Networks {
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "seed", "seed LSTM(64) x 2",
            "attentive", "attentive bidirectional LSTM(64)",
            "statistics", "utterance statistics (mean, sd) into an MLP(256, 128)",
            "functionals", "utterance functionals (moments, percentiles, frame-to-frame change) into an MLP(256, 128)");

    private Networks() {
    }

    /** Refuses a name that no architecture has, before any work is done. */
    public static void requireKnown(String architecture) {
        dev.sentio.model.nn.PlainNetwork.requireKnown(architecture);
    }

    public static Block create(String architecture, int classes) {
        requireKnown(architecture);
        switch (architecture) {
            case "seed":
                return new SeedLstm(classes);
            case "statistics":
                return new StatisticsMlp(classes, false);
            case "functionals":
                return new StatisticsMlp(classes, true);
            default:
                return new AttentiveBiLstm(classes);
        }
    }

    /**
     * The features each architecture is trained on by default, at {@code sampleRate}: the seed's for the seed
     * network; with RMS, ZCR and deltas for the attentive one. The statistics model takes 40 MFCCs and no deltas
     * (its mean and sd over frames already summarise change): ensembles of 5, speaker-normalised, gave EmoDB LOSO
     * UAR 0.735 (0.733 with deltas and delta-deltas, 0.707 with deltas) and RAVDESS actor folds 0.575 (0.563
     * with deltas); one network with 13 MFCCs and deltas gave EmoDB 0.636 against 0.678 with 40 (BENCHMARKS.md).
     * The functionals model pools the same columns into one row of {@link dev.sentio.features.Functionals} per
     * utterance: with speaker normalisation of those rows it gave RAVDESS 0.616 against the statistics model's 0.575.
     */
    public static FeatureConfig defaultFeatures(String architecture, int sampleRate) {
        requireKnown(architecture);
        FeatureConfig seed = FeatureConfig.seedRaw().withSampleRate(sampleRate);
        List<String> columns = List.of("contrast", "chroma", "mfcc", "rms", "zcr");
        switch (architecture) {
            case "seed":
                return seed;
            case "statistics":
                return seed.withFeatures(columns, 0).withMfcc(40);
            case "functionals":
                return seed.withFeatures(columns, 0).withMfcc(40).withPooling(FeatureConfig.FUNCTIONALS);
            default:
                return seed.withFeatures(columns, 1);
        }
    }

    public static String describe(String architecture) {
        requireKnown(architecture);
        return DESCRIPTIONS.get(architecture);
    }
}
