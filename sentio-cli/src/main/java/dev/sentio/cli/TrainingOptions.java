package dev.sentio.cli;

import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.io.FeatureCache;
import dev.sentio.model.train.SequenceClassifier;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options that train and evaluate share: where corpora live, the feature rate, the seed and the cache. */
final class TrainingOptions {
    @Option(names = "--corpora", defaultValue = "../shared/corpora", paramLabel = "DIR",
            description = "Where emodb, ravdess and tess live. Default: ${DEFAULT-VALUE}.")
    Path corpora;

    @Option(names = "--sr", defaultValue = "16000", paramLabel = "RATE",
            description = "Sample rate of the features (input is resampled). Default: ${DEFAULT-VALUE}.")
    int sampleRate;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder. Default: ~/.cache/sentio/features.")
    Path cache;

    FeatureCache featureCache(FeatureConfig config) {
        return new FeatureCache(cache != null ? cache : CorpusFeatures.defaultCache(), new FeatureExtractor(config));
    }

    /** The seed's training setup (RMSprop 1e-3, batch 23, early stop after 30) with this many epochs at most. */
    SequenceClassifier.Settings settings(int maxEpochs) {
        return new SequenceClassifier.Settings(maxEpochs, 30, 10, 23, 1e-3f, seed);
    }
}
