package dev.sentio.app;

import dev.sentio.SentioException;
import dev.sentio.corpus.Corpus;
import dev.sentio.evaluation.CrossCorpus;
import dev.sentio.evaluation.Fold;
import dev.sentio.evaluation.LeaveOneCorpusOut;
import dev.sentio.evaluation.Protocol;
import dev.sentio.features.FeatureConfig;
import dev.sentio.io.FeatureCache;
import dev.sentio.model.Networks;
import dev.sentio.model.train.CrossValidation;
import dev.sentio.model.train.FoldCheckpoints;
import dev.sentio.model.train.SequenceClassifier;
import dev.sentio.preprocess.NoiseMixer;
import dev.sentio.report.EvaluationReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An evaluation: train and test a model per fold under a named protocol (speaker-independent by default), with
 * the corpus read, its features extracted (cached; bad files left out and listed), augmented and normalised as
 * asked, and a report of every figure.
 */
public final class Evaluation {
    /**
     * @param corpus        emodb, ravdess, tess, nemo, folders or manifests, comma-separated
     * @param protocol      loso, speaker-folds:K, cross-speaker, cross-corpus:TRAIN:TEST, leave-one-corpus-out, random:K
     * @param model         seed, attentive, statistics or functionals
     * @param preset        the feature preset of the seed model
     * @param epochs        at most, per network
     * @param foldLimit     only the first folds (null: all)
     * @param ensemble      networks per fold
     * @param speakerNorm   each speaker's features standardised with that speaker's own statistics
     * @param calmAsNeutral RAVDESS's calm merged into neutral
     * @param noise         test noise (white, pink, files or folders; null: none), at each of {@code snr}
     * @param snr           dB
     * @param features      changes to the model's default features (e.g. other columns)
     * @param setup         corpora, seed, cache and training augmentation
     * @param checkpoints   where finished folds are kept, so that a killed run resumes (null: nowhere)
     * @param views         late fusion: {@code ensemble} networks for each of these lists of features, each reading
     *                      only those columns; null for networks that read every column
     */
    public record Request(String corpus, String protocol, String model, String preset, int epochs, Integer foldLimit,
                          int ensemble, boolean speakerNorm, boolean calmAsNeutral, List<String> noise,
                          List<Double> snr, UnaryOperator<FeatureConfig> features, TrainingSetup setup,
                          Path checkpoints, List<List<String>> views) {
        public Request(String corpus, String protocol, String model, String preset, int epochs, Integer foldLimit,
                       int ensemble, boolean speakerNorm, boolean calmAsNeutral, List<String> noise,
                       List<Double> snr, UnaryOperator<FeatureConfig> features, TrainingSetup setup,
                       Path checkpoints) {
            this(corpus, protocol, model, preset, epochs, foldLimit, ensemble, speakerNorm, calmAsNeutral, noise, snr,
                    features, setup, checkpoints, null);
        }
    }

    private Evaluation() {
    }

    public static EvaluationReport run(Request r, Progress progress) {
        if (r.ensemble() < 1) {
            throw new SentioException("--ensemble needs at least 1 network, got " + r.ensemble());
        }
        TrainingSetup setup = r.setup();
        NoiseMixer testNoise = r.noise() == null ? null : NoiseMixer.of(r.noise());
        FeatureConfig config = CorpusData.withViews(r.features().apply(r.model().equals("seed")
                ? FeatureConfig.preset(r.preset()).withSampleRate(setup.sampleRate())
                : Networks.defaultFeatures(r.model(), setup.sampleRate())), r.views());
        List<int[]> views = CorpusData.viewColumns(config, r.views());
        FeatureCache features = setup.featureCache(config);
        Corpus data;
        List<Fold> folds;
        String description;
        boolean independent;
        if (r.protocol().startsWith("cross-corpus:")) {
            String[] parts = r.protocol().split(":");
            if (parts.length != 3) {
                throw new SentioException("cross-corpus needs cross-corpus:TRAIN:TEST, got '" + r.protocol() + "'");
            }
            CrossCorpus x = CrossCorpus.of(read(r, parts[1]), read(r, parts[2]));
            data = x.combined();
            folds = List.of(x.fold());
            description = CrossCorpus.describe(parts[1], parts[2]);
            independent = true;
        } else if (r.protocol().equals(LeaveOneCorpusOut.NAME)) {
            List<Corpus> parts = java.util.Arrays.stream(r.corpus().split(",")).map(String::trim)
                    .map(name -> read(r, name)).toList();
            data = Corpus.concat(parts);
            folds = LeaveOneCorpusOut.folds(parts);
            description = LeaveOneCorpusOut.describe(parts);
            independent = true;
        } else {
            data = read(r, r.corpus());
            Protocol p = Protocol.parse(r.protocol());
            folds = p.folds(data);
            description = p.describe();
            independent = p.speakerIndependent();
        }
        if (setup.augmentsWithBabble() && !r.protocol().startsWith("cross-corpus:")
                && !r.protocol().equals(LeaveOneCorpusOut.NAME)) {
            throw new SentioException("--augment-noise babble mixes other speakers of a corpus into its training "
                    + "utterances, and within one corpus those include the test speakers: use it with "
                    + LeaveOneCorpusOut.NAME + " or cross-corpus:TRAIN:TEST, whose test corpora are never heard");
        }
        if (r.foldLimit() != null && r.foldLimit() < folds.size()) {
            folds = folds.subList(0, r.foldLimit());
            description += ", first " + r.foldLimit() + " folds only";
        }
        if (r.speakerNorm() && data.speakers().size() == data.utterances().size()) {
            throw new SentioException("--speaker-norm needs several recordings per speaker, but every utterance of "
                    + data.name() + " has a speaker of its own (give speakers in a manifest: path,label,speaker)");
        }
        List<String> skipped = new ArrayList<>();
        List<float[][]> matrices = CorpusData.extract(data, features, skipped, progress);
        List<List<float[][]>> perturbed = new ArrayList<>(
                CorpusData.extractPerturbed(data, features, setup.speeds(), matrices, progress));
        perturbed.addAll(setup.noisyVersions(data, features, progress));
        description += setup.describeSpeeds() + setup.describeAugmentation();
        Map<String, List<float[][]>> variants = new LinkedHashMap<>();
        if (testNoise != null) {
            for (double s : r.snr()) {
                progress.message("features of the test utterances with " + testNoise.describe() + " at " + s + " dB");
                variants.put(NoiseMixer.snrName(s), CorpusData.extractNoisy(data, features, testNoise, f -> s, progress));
            }
            description += "; also tested with " + testNoise.describe() + " at " + r.snr() + " dB SNR";
        }
        if (r.speakerNorm()) {
            Corpus d = data;
            matrices = CorpusData.bySpeaker(d, matrices);
            // each speed or noisy copy is a voice of its own, normalised with its own statistics
            perturbed = perturbed.stream().map(version -> CorpusData.bySpeaker(d, version)).toList();
            variants.replaceAll((name, version) -> CorpusData.bySpeaker(d, version));
            description += ", speaker-normalised features";
        }
        progress.message(String.format("%s, %s: %d folds", data.name(), description, folds.size()));
        SequenceClassifier.Settings settings = setup.settings(r.epochs());
        FoldCheckpoints finished = null;
        if (r.checkpoints() != null) {
            // everything that decides a fold's outcome; a different run never reuses these folds
            String run = String.join("\n", data.name(), description, r.model(),
                    (r.ensemble() == 1 ? "1" : r.ensemble() + " combined by their geometric mean")
                            + (r.views() == null ? "" : " for each view of " + r.views()),
                    settings.toString(), config.toJson(), Integer.toString(data.utterances().size()),
                    Integer.toString(skipped.size()));
            finished = new FoldCheckpoints(r.checkpoints(), run);
        }
        CrossValidation.Report report = CrossValidation.run(data, matrices, perturbed, variants, folds, description,
                independent, classes -> Networks.create(r.model(), classes), settings, r.ensemble(), views, finished,
                progress.log());
        String modelName = Networks.describe(r.model()) + (r.ensemble() > 1 ? ", ensemble of " + r.ensemble() : "")
                + (r.views() == null ? "" : (r.ensemble() > 1 ? " for each of " : ", one network for each of ")
                + r.views().size() + " views (" + String.join("; ", r.views().stream().map(v -> String.join("+", v))
                .toList()) + ") combined by their geometric mean");
        return new EvaluationReport(report, skipped, config, modelName, data.utterances());
    }

    private static Corpus read(Request r, String name) {
        return CorpusData.read(name, r.setup().corpora(), r.calmAsNeutral());
    }
}
