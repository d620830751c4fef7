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
            "statistics", "utterance statistics (mean, sd) into an MLP(256, 128)");

    private Networks() {
    }

    /** Refuses a name that no architecture has, before any work is done. */
    public static void requireKnown(String architecture) {
        if (!DESCRIPTIONS.containsKey(architecture)) {
            throw new SentioException("unknown model architecture '" + architecture
                    + "': use seed, attentive or statistics");
        }
    }

    public static Block create(String architecture, int classes) {
        requireKnown(architecture);
        switch (architecture) {
            case "seed":
                return new SeedLstm(classes);
            case "statistics":
                return new StatisticsMlp(classes);
            default:
                return new AttentiveBiLstm(classes);
        }
    }

    /**
     * The features each architecture is trained on by default, at {@code sampleRate}: the seed's for the seed
     * network; with RMS, ZCR and deltas for the others. The statistics model takes 40 MFCCs (EmoDB LOSO UAR 0.678
     * against 0.636 with 13, one network, speaker-normalised; BENCHMARKS.md).
     */
    public static FeatureConfig defaultFeatures(String architecture, int sampleRate) {
        requireKnown(architecture);
        FeatureConfig seed = FeatureConfig.seedRaw().withSampleRate(sampleRate);
        FeatureConfig richer = seed.withFeatures(List.of("contrast", "chroma", "mfcc", "rms", "zcr"), 1);
        switch (architecture) {
            case "seed":
                return seed;
            case "statistics":
                return richer.withMfcc(40);
            default:
                return richer;
        }
    }

    public static String describe(String architecture) {
        requireKnown(architecture);
        return DESCRIPTIONS.get(architecture);
    }
}
