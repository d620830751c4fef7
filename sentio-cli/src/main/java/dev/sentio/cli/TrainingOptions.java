package dev.sentio.cli;

import dev.sentio.app.TrainingSetup;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Options that train and evaluate share ({@link TrainingSetup}): corpora, feature rate, seed, cache, augmentation. */
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
            + "utterance with this noise mixed in (white, pink, babble of other speakers of its corpus, or noise audio "
            + "files or folders), at an SNR from --augment-snr picked per utterance; never the test utterances.")
    List<String> augmentNoise;

    @Option(names = "--augment-snr", split = ",", paramLabel = "DB", description = "SNRs (dB) for --augment-noise. "
            + "Default: 0,5,10,15,20.")
    List<Double> augmentSnr = List.of(0.0, 5.0, 10.0, 15.0, 20.0);

    @Option(names = "--augment-channel", description = "Also train on a copy of every fitting utterance through "
            + "another channel: telephone (300-3400 Hz, 8 kHz mu-law), a microphone's spectral tilt or a "
            + "reverberant room, one drawn per utterance.")
    boolean augmentChannel;

    @Option(names = "--mixup", defaultValue = "0", paramLabel = "ALPHA", description = "Mixup in training, for "
            + "one-row (functionals) inputs: each batch is trained on blends of pairs of its utterances and of their "
            + "labels, the blend drawn from Beta(ALPHA, ALPHA). Default: ${DEFAULT-VALUE} (none).")
    double mixup;

    @Option(names = "--leave-corpus-out", description = "With --ensemble K: network k trains without the k-th "
            + "training corpus (in name order, in turn), so the networks disagree where corpora differ and their "
            + "combination transfers better to recordings unlike them; K = the number of training corpora leaves "
            + "each out once.")
    boolean leaveCorpusOut;

    /** The setup these options describe, checked (a bad speed or a missing noise folder fails now). */
    TrainingSetup setup() {
        return new TrainingSetup(corpora, sampleRate, seed, cache, speeds, balance, augmentNoise, augmentSnr,
                augmentChannel, mixup, leaveCorpusOut);
    }
}
