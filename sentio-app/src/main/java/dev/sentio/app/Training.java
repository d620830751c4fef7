package dev.sentio.app;

import dev.sentio.SentioException;
import dev.sentio.corpus.Corpus;
import dev.sentio.features.FeatureConfig;
import dev.sentio.io.FeatureCache;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.Networks;
import dev.sentio.model.train.BundleTraining;
import dev.sentio.model.train.SequenceClassifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One model trained on whole corpora (validation speakers held out for early stopping) and written as one model
 * file, atomically; resumable from a checkpoint saved after every epoch.
 */
public final class Training {
    /**
     * @param corpus      emodb, ravdess, tess, nemo, folders or manifests, comma-separated
     * @param model       seed, attentive, statistics or functionals
     * @param epochs      at most
     * @param out         the model file
     * @param checkpoint  saved after every epoch (null: the model file's name + .checkpoint)
     * @param temperature the model's temperature scaling (1: none)
     * @param speakerNorm trained on speaker-normalised features (the model then recognises sessions)
     * @param keepCalm    RAVDESS's calm kept as its own label (merged into neutral otherwise)
     * @param features    changes to the model's default features
     * @param setup       corpora, seed, cache and training augmentation
     * @param ensemble    networks in the model (seeds seed, seed + 1, ...), combined by their geometric mean
     * @param speechGate  non-speech sounds (files, folders) to fit the model's {@link dev.sentio.model.SpeechGate}
     *                    against; null for no gate
     * @param views       late fusion: {@code ensemble} networks for each of these lists of features, each reading
     *                    only those columns of the model's features; null for networks that read every column
     */
    public record Request(String corpus, String model, int epochs, Path out, Path checkpoint, double temperature,
                          boolean speakerNorm, boolean keepCalm, UnaryOperator<FeatureConfig> features,
                          TrainingSetup setup, int ensemble, List<String> speechGate, List<List<String>> views) {
        public Request(String corpus, String model, int epochs, Path out, Path checkpoint, double temperature,
                       boolean speakerNorm, boolean keepCalm, UnaryOperator<FeatureConfig> features,
                       TrainingSetup setup, int ensemble) {
            this(corpus, model, epochs, out, checkpoint, temperature, speakerNorm, keepCalm, features, setup, ensemble,
                    null, null);
        }
    }

    private Training() {
    }

    /** Trains, writes {@link Request#out()} and deletes the checkpoint; returns the model written. */
    public static ModelBundle run(Request r, Progress progress) {
        if (!(r.temperature() > 0) || Double.isInfinite(r.temperature())) {
            throw new SentioException("--temperature must be a positive number, got " + r.temperature());
        }
        int networks = r.ensemble() * (r.views() == null ? 1 : r.views().size());
        if (r.ensemble() < 1 || networks > ModelBundle.MAX_MEMBERS) {
            throw new SentioException("a model holds 1 to " + ModelBundle.MAX_MEMBERS + " networks, and --ensemble "
                    + r.ensemble() + (r.views() == null ? "" : " for each of " + r.views().size() + " views")
                    + " asks for " + networks);
        }
        if (r.speechGate() != null) {
            dev.sentio.preprocess.NoiseMixer.of(r.speechGate()); // refused before hours of training, not after
        }
        TrainingSetup setup = r.setup();
        FeatureConfig config = CorpusData.withViews(r.features().apply(Networks.defaultFeatures(r.model(),
                setup.sampleRate())), r.views());
        List<int[]> views = CorpusData.viewColumns(config, r.views());
        Corpus data = CorpusData.read(r.corpus(), setup.corpora(), !r.keepCalm());
        FeatureCache features = setup.featureCache(config);
        List<String> skipped = new ArrayList<>();
        TrainingSetup.Features extracted = setup.extractAll(data, features, skipped, progress);
        List<float[][]> matrices = extracted.clean();
        List<List<float[][]>> perturbed = extracted.versions();
        if (r.speakerNorm()) {
            matrices = CorpusData.bySpeaker(data, matrices);
            perturbed = perturbed.stream().map(version -> CorpusData.bySpeaker(data, version)).toList();
        }
        SequenceClassifier.Settings settings = setup.settings(r.epochs());
        progress.message(String.format("training %s%s on %s (%d utterances, %d speakers%s)", Networks.describe(r.model()),
                (r.ensemble() > 1 ? ", an ensemble of " + r.ensemble() : "")
                        + (views == null ? "" : " for each of " + views.size() + " views"),
                data.name(), data.utterances().size() - skipped.size() + data.skipped().size(), data.speakers().size(),
                setup.describeSpeeds() + setup.describeAugmentation()));
        Path resumable = r.checkpoint() != null ? r.checkpoint()
                : r.out().resolveSibling(r.out().getFileName() + ".checkpoint");
        if (Files.exists(resumable)) {
            progress.message("resuming from " + resumable);
        }
        ModelBundle bundle = BundleTraining.train(data, matrices, perturbed, r.model(), config, settings, r.ensemble(),
                views, resumable, progress::epoch);
        progress.message("");
        if (!setup.speeds().isEmpty()) {
            bundle = bundle.withProvenance("speedPerturbation", setup.speeds());
        }
        if (!setup.describeAugmentation().isEmpty()) {
            bundle = bundle.withProvenance("augmentation", setup.describeAugmentation().substring(2));
        }
        if (!SequenceClassifier.BALANCE_CLASS.equals(settings.balance())) {
            bundle = bundle.withProvenance("balance", settings.balance());
        }
        bundle = bundle.withTemperature(r.temperature()).withSpeakerNormalised(r.speakerNorm());
        if (r.speechGate() != null) {
            // on the features as recordings give them, before any speaker normalisation
            FeatureConfig gateConfig = SpeechGateFitting.gateFeatures(config);
            List<float[][]> speech = gateConfig.equals(config) ? extracted.all() : setup.extractAll(data,
                    setup.featureCache(gateConfig), new ArrayList<>(), progress).all();
            bundle = bundle.withSpeechGate(SpeechGateFitting.gate(config, speech, r.speechGate(),
                    setup.seed(), progress)).withProvenance("speechGate",
                    SpeechGateFitting.describe(r.corpus(), setup, r.speechGate()));
        }
        bundle.save(r.out());
        if (views != null) {
            bundle = bundle.withProvenance("views", r.views().stream().map(v -> String.join("+", v)).toList());
        }
        for (int k = 0; k < networks; k++) {
            Path done = BundleTraining.memberCheckpoint(resumable, k);
            try {
                Files.deleteIfExists(done);
            } catch (IOException e) {
                progress.message("note: could not delete the checkpoint " + done + " (" + e.getMessage() + ")");
            }
        }
        return bundle;
    }
}
