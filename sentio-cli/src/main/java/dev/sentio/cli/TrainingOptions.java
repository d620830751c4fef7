package dev.sentio.cli;

import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.io.FeatureCache;
import dev.sentio.model.train.SequenceClassifier;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

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

    @Option(names = "--speed-perturb", split = ",", paramLabel = "LIST", description = "Also train on every "
            + "training utterance played at these speeds (tempo and pitch together, e.g. 0.9,1.1), as new voices; "
            + "validation and test utterances are never perturbed.")
    List<Double> speeds = List.of();

    @Option(names = "--balance", defaultValue = "class", paramLabel = "HOW", description = "class: every emotion "
            + "weighs the same in training; corpus-class: every emotion of every corpus weighs the same (a large "
            + "corpus no longer dominates). Default: ${DEFAULT-VALUE}.")
    String balance;

    @Option(names = "--augment-noise", split = ",", paramLabel = "LIST", description = "Also train on every fitting "
            + "utterance with this noise mixed in (white, pink, or noise audio files or folders), at an SNR from "
            + "--augment-snr picked per utterance; never the test utterances.")
    List<String> augmentNoise;

    @Option(names = "--augment-snr", split = ",", paramLabel = "DB", description = "SNRs (dB) for --augment-noise. "
            + "Default: 0,5,10,15,20.")
    List<Double> augmentSnr = List.of(0.0, 5.0, 10.0, 15.0, 20.0);

    @Option(names = "--augment-channel", description = "Also train on a copy of every fitting utterance through "
            + "another channel: telephone (300-3400 Hz, 8 kHz mu-law), a microphone's spectral tilt or a "
            + "reverberant room, one drawn per utterance.")
    boolean augmentChannel;

    /** The noisy and channel-changed versions of the corpus for training (none without the options). */
    List<List<float[][]>> noisyVersions(dev.sentio.corpus.Corpus corpus, FeatureCache cache, java.io.PrintWriter err) {
        List<List<float[][]>> out = new java.util.ArrayList<>();
        if (augmentChannel) {
            err.println("features through other channels (telephone, tilt, reverb) for the training data");
            err.flush();
            out.add(CorpusFeatures.extractChanged(corpus, cache, "channel1",
                    (f, a) -> dev.sentio.preprocess.ChannelEffects.random(a, f.getFileName().toString().hashCode()), err));
        }
        dev.sentio.preprocess.NoiseMixer noise = augmentationNoise();
        if (noise == null) {
            return out;
        }
        err.printf("features with %s mixed in at %s dB for the training data%n", noise.describe(), augmentSnr);
        err.flush();
        out.add(CorpusFeatures.extractNoisy(corpus, cache, noise,
                f -> augmentSnr.get(Math.floorMod(f.getFileName().toString().hashCode() * 31 + 7, augmentSnr.size())), err));
        return out;
    }

    String describeAugmentation() {
        return (augmentChannel ? ", channel-augmented (telephone, tilt, reverb)" : "")
                + (augmentNoise == null ? "" : ", noise-augmented (" + augmentationNoise().describe() + " at "
                + augmentSnr + " dB)");
    }

    private dev.sentio.preprocess.NoiseMixer noiseMixer;

    /** The --augment-noise mixer, made once (a folder is listed once); null without the option. */
    private dev.sentio.preprocess.NoiseMixer augmentationNoise() {
        if (noiseMixer == null && augmentNoise != null) {
            noiseMixer = dev.sentio.preprocess.NoiseMixer.of(augmentNoise);
        }
        return noiseMixer;
    }

    FeatureCache featureCache(FeatureConfig config) {
        return new FeatureCache(cache != null ? cache : CorpusFeatures.defaultCache(), new FeatureExtractor(config));
    }

    /** The augmentation options checked before any work is done (a noise folder that is not there fails now). */
    void checkAugmentation() {
        augmentationNoise();
    }

    /** Every speed checked before any work is done. */
    List<Double> speeds() {
        speeds.forEach(dev.sentio.preprocess.SpeedPerturbation::percent);
        return speeds;
    }

    /** The speeds as the reports name them, e.g. ", training data also at speeds 0.9, 1.1"; empty for none. */
    String describeSpeeds() {
        return speeds.isEmpty() ? "" : ", training data also at speeds "
                + String.join(", ", speeds.stream().map(String::valueOf).toList());
    }

    /** The seed's training setup (RMSprop 1e-3, batch 23, early stop after 30) with this many epochs at most. */
    SequenceClassifier.Settings settings(int maxEpochs) {
        return new SequenceClassifier.Settings(maxEpochs, 30, 10, 23, 1e-3f, seed, balance);
    }
}
