package dev.sentio.app;

import dev.sentio.corpus.Corpus;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.io.FeatureCache;
import dev.sentio.model.train.SequenceClassifier;
import dev.sentio.preprocess.ChannelEffects;
import dev.sentio.preprocess.NoiseMixer;
import dev.sentio.preprocess.SpeedPerturbation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What training and evaluation share: where corpora live, the feature rate, the seed, the cache, and how the
 * training data is augmented (speed, noise, channel). Checked when made: a bad speed or a noise folder that is not
 * there fails before any work is done.
 */
public final class TrainingSetup {
    private final Path corpora;
    private final int sampleRate;
    private final long seed;
    private final Path cache;
    private final List<Double> speeds;
    private final String balance;
    private final List<Double> augmentSnr;
    private final boolean augmentChannel;
    private final double mixup;
    private final boolean leaveCorpusOut;
    /**
     * The --augment-noise mixers, made once (a folder is listed once): the recordings (or white or pink), and
     * babble when asked for beside them, each giving a noisy copy of the training data; empty without.
     */
    private final List<NoiseMixer> augmentationNoise;

    /**
     * @param cache          the feature cache folder (null: {@link CorpusData#defaultCache()})
     * @param speeds         speed perturbation of the training data (empty: none)
     * @param balance        {@link SequenceClassifier#BALANCE_CLASS} or corpus-class
     * @param augmentNoise   noise mixed into a copy of the training data (white, pink, babble, files or folders;
     *                       babble beside others makes a second copy; null: none)
     * @param augmentSnr     the SNRs one of which each utterance gets
     * @param augmentChannel a copy of the training data through another channel (telephone, tilt, reverb)
     */
    public TrainingSetup(Path corpora, int sampleRate, long seed, Path cache, List<Double> speeds, String balance,
                         List<String> augmentNoise, List<Double> augmentSnr, boolean augmentChannel) {
        this(corpora, sampleRate, seed, cache, speeds, balance, augmentNoise, augmentSnr, augmentChannel, 0);
    }

    /** @param mixup mixup's alpha in training (0: none; {@link SequenceClassifier.Settings#mixup}) */
    public TrainingSetup(Path corpora, int sampleRate, long seed, Path cache, List<Double> speeds, String balance,
                         List<String> augmentNoise, List<Double> augmentSnr, boolean augmentChannel, double mixup) {
        this(corpora, sampleRate, seed, cache, speeds, balance, augmentNoise, augmentSnr, augmentChannel, mixup,
                false);
    }

    /**
     * @param leaveCorpusOut an ensemble's networks each leave one training corpus out, in turn
     *                       ({@link SequenceClassifier.Settings#leaveCorpusOut})
     */
    public TrainingSetup(Path corpora, int sampleRate, long seed, Path cache, List<Double> speeds, String balance,
                         List<String> augmentNoise, List<Double> augmentSnr, boolean augmentChannel, double mixup,
                         boolean leaveCorpusOut) {
        this.mixup = mixup;
        this.leaveCorpusOut = leaveCorpusOut;
        this.corpora = corpora;
        this.sampleRate = sampleRate;
        this.seed = seed;
        this.cache = cache != null ? cache : CorpusData.defaultCache();
        speeds.forEach(SpeedPerturbation::percent);
        this.speeds = List.copyOf(speeds);
        this.balance = balance;
        this.augmentSnr = List.copyOf(augmentSnr);
        this.augmentChannel = augmentChannel;
        List<NoiseMixer> mixers = new ArrayList<>();
        if (augmentNoise != null) {
            List<String> others = augmentNoise.stream().filter(n -> !n.equals("babble")).toList();
            if (!others.isEmpty()) {
                mixers.add(NoiseMixer.of(others));
            }
            if (augmentNoise.contains("babble")) {
                mixers.add(NoiseMixer.of(List.of("babble")));
            }
        }
        this.augmentationNoise = List.copyOf(mixers);
        settings(1); // a bad balance or mixup fails now, not after the features are computed
    }

    public Path corpora() {
        return corpora;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public List<Double> speeds() {
        return speeds;
    }

    public long seed() {
        return seed;
    }

    /**
     * A corpus's features as training uses them.
     *
     * @param clean    one per utterance (null where it could not be read)
     * @param versions the speed-perturbed, noisy and channel-changed copies, each parallel to {@code clean}
     */
    public record Features(List<float[][]> clean, List<List<float[][]>> versions) {
        /** Every copy of every utterance, the clean ones first. */
        public List<float[][]> all() {
            List<float[][]> out = new ArrayList<>(clean);
            versions.forEach(out::addAll);
            return out;
        }
    }

    /** The corpus's features, clean and in every augmented version; unreadable utterances are added to skipped. */
    public Features extractAll(Corpus corpus, FeatureCache features, List<String> skipped, Progress progress) {
        List<float[][]> clean = CorpusData.extract(corpus, features, skipped, progress);
        List<List<float[][]>> versions = new ArrayList<>(
                CorpusData.extractPerturbed(corpus, features, speeds, clean, progress));
        versions.addAll(noisyVersions(corpus, features, progress));
        return new Features(clean, versions);
    }

    public FeatureCache featureCache(FeatureConfig config) {
        return new FeatureCache(cache, new FeatureExtractor(config));
    }

    /** The noisy and channel-changed versions of the corpus for training (none without augmentation). */
    public List<List<float[][]>> noisyVersions(Corpus corpus, FeatureCache features, Progress progress) {
        List<List<float[][]>> out = new ArrayList<>();
        if (augmentChannel) {
            progress.message("features through other channels (telephone, tilt, reverb) for the training data");
            out.add(CorpusData.extractChanged(corpus, features, "channel1",
                    (f, a) -> ChannelEffects.random(a, f.getFileName().toString().hashCode()), progress));
        }
        for (NoiseMixer noise : augmentationNoise) {
            progress.message("features with " + noise.describe() + " mixed in at " + augmentSnr
                    + " dB for the training data");
            out.add(CorpusData.extractNoisy(corpus, features, noise, f -> augmentSnr.get(
                    Math.floorMod(f.getFileName().toString().hashCode() * 31 + 7, augmentSnr.size())), progress));
        }
        return out;
    }

    /**
     * Whether the training data hears babble made of its corpora's own speakers: within one corpus those include
     * the test speakers, so only protocols that test on other corpora may use it.
     */
    public boolean augmentsWithBabble() {
        return augmentationNoise.stream().anyMatch(NoiseMixer::babble);
    }

    /** The augmentation as the reports name it, e.g. ", noise-augmented (...)"; empty for none. */
    public String describeAugmentation() {
        return (augmentChannel ? ", channel-augmented (telephone, tilt, reverb)" : "")
                + (mixup > 0 ? ", mixup (alpha " + mixup + ")" : "")
                + (leaveCorpusOut ? ", each network without one training corpus (in turn)" : "")
                + (augmentationNoise.isEmpty() ? "" : ", noise-augmented (" + String.join("; ",
                augmentationNoise.stream().map(NoiseMixer::describe).toList()) + " at "
                + augmentSnr + " dB)");
    }

    /** The speeds as the reports name them, e.g. ", training data also at speeds 0.9, 1.1"; empty for none. */
    public String describeSpeeds() {
        return speeds.isEmpty() ? "" : ", training data also at speeds "
                + String.join(", ", speeds.stream().map(String::valueOf).toList());
    }

    /** The seed's training setup (RMSprop 1e-3, batch 23, early stop after 30) with this many epochs at most. */
    public SequenceClassifier.Settings settings(int maxEpochs) {
        return new SequenceClassifier.Settings(maxEpochs, 30, 10, 23, 1e-3f, seed, balance, mixup, leaveCorpusOut);
    }
}
