package dev.sentio.model.train;

import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.Emotion;
import dev.sentio.evaluation.ConfusionMatrix;
import dev.sentio.features.FeatureConfig;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.Networks;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one model on a whole corpus (for shipping, not for measuring: the honest figures come from
 * {@link CrossValidation}). Validation speakers are still held out, for early stopping and checkpointing.
 */
public final class BundleTraining {
    private BundleTraining() {
    }

    /**
     * @param features   one matrix per utterance of {@code corpus}; null where extraction failed
     * @param checkpoint saved after every epoch and resumed from when it holds this same run; null for none
     */
    public static ModelBundle train(Corpus corpus, List<float[][]> features, String architecture, FeatureConfig config,
                                    SequenceClassifier.Settings settings, java.nio.file.Path checkpoint,
                                    java.util.function.Consumer<SequenceClassifier.EpochLog> progress) {
        return train(corpus, features, List.of(), architecture, config, settings, checkpoint, progress);
    }

    /** As above, with further versions of every utterance (parallel to {@code features}) for the fitting part. */
    public static ModelBundle train(Corpus corpus, List<float[][]> features, List<List<float[][]>> perturbed,
                                    String architecture, FeatureConfig config, SequenceClassifier.Settings settings,
                                    java.nio.file.Path checkpoint,
                                    java.util.function.Consumer<SequenceClassifier.EpochLog> progress) {
        return train(corpus, features, perturbed, architecture, config, settings, 1, checkpoint, progress);
    }

    /**
     * As above, {@code members} networks (seeds seed, seed + 1, ..., each with its own validation speakers, as
     * {@link CrossValidation} trains an ensemble) in one bundle, combined by their geometric mean. Member k checkpoints
     * to {@code checkpoint} + "-k" (k > 0).
     */
    public static ModelBundle train(Corpus corpus, List<float[][]> features, List<List<float[][]>> perturbed,
                                    String architecture, FeatureConfig config, SequenceClassifier.Settings settings,
                                    int members, java.nio.file.Path checkpoint,
                                    java.util.function.Consumer<SequenceClassifier.EpochLog> progress) {
        return train(corpus, features, perturbed, architecture, config, settings, members, null, checkpoint, progress);
    }

    /**
     * As above, with {@code views}: {@code members} networks for each view, each reading only that view's columns
     * (as {@link CrossValidation} trains views: the same seeds for each view), all in one bundle; null for one
     * view of every column.
     */
    public static ModelBundle train(Corpus corpus, List<float[][]> features, List<List<float[][]>> perturbed,
                                    String architecture, FeatureConfig config, SequenceClassifier.Settings settings,
                                    int members, List<int[]> views, java.nio.file.Path checkpoint,
                                    java.util.function.Consumer<SequenceClassifier.EpochLog> progress) {
        CrossValidation.requireMembers(settings, members);
        if (members == 1 && views == null) {
            return one(corpus, features, perturbed, architecture, config, settings, 0, checkpoint, progress);
        }
        List<ModelBundle> trained = new java.util.ArrayList<>();
        for (int v = 0; v < (views == null ? 1 : views.size()); v++) {
            CrossValidation.View in = views == null ? new CrossValidation.View(features, perturbed, Map.of())
                    : CrossValidation.View.of(views.get(v), features, perturbed, Map.of());
            for (int k = 0; k < members; k++) {
                ModelBundle network = one(corpus, in.features(), in.perturbed(), architecture, config,
                        settings.withSeed(settings.seed() + k), k, memberCheckpoint(checkpoint, v * members + k),
                        progress);
                trained.add(views == null ? network : network.reading(views.get(v)));
            }
        }
        ModelBundle ensemble = ModelBundle.ensemble(trained);
        // the ensemble's own facts: each member's validation, and their mean as the headline figure
        return ensemble.withProvenance("networks", trained.size())
                .withProvenance("validation", String.join("; ", trained.stream()
                        .map(b -> String.valueOf(b.provenance().get("validation"))).toList()))
                .withProvenance("validationUar", trained.stream()
                        .mapToDouble(b -> ((Number) b.provenance().get("validationUar")).doubleValue()).average().orElseThrow())
                .withProvenance("validationWa", trained.stream()
                        .mapToDouble(b -> ((Number) b.provenance().get("validationWa")).doubleValue()).average().orElseThrow())
                .withProvenance("epochs", trained.stream().map(b -> b.provenance().get("epochs")).toList());
    }

    /** Where ensemble member {@code k} checkpoints (member 0 where a single network would); null for none. */
    public static java.nio.file.Path memberCheckpoint(java.nio.file.Path checkpoint, int k) {
        return checkpoint == null || k == 0 ? checkpoint : checkpoint.resolveSibling(checkpoint.getFileName() + "-" + k);
    }

    private static ModelBundle one(Corpus corpus, List<float[][]> features, List<List<float[][]>> perturbed,
                                   String architecture, FeatureConfig config, SequenceClassifier.Settings settings,
                                   int member, java.nio.file.Path checkpoint,
                                   java.util.function.Consumer<SequenceClassifier.EpochLog> progress) {
        List<Emotion> emotions = CrossValidation.emotions(corpus);
        List<String> labels = emotions.stream().map(Emotion::label).toList();
        List<Integer> present = CrossValidation.present(
                java.util.stream.IntStream.range(0, features.size()).boxed().toList(), features);
        List<Integer> all = CrossValidation.memberTraining(corpus, present, member, settings);
        CrossValidation.TrainingPart part = CrossValidation.TrainingPart.of(corpus, features, perturbed,
                CrossValidation.labelIndices(corpus, emotions), all, settings.seed());
        try (SequenceClassifier model = SequenceClassifier.train(Networks.create(architecture, labels.size()),
                labels.size(), part.train(), part.validation(), settings, checkpoint, progress)) {
            ConfusionMatrix cm = model.confusion(part.validation());
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("corpus", corpus.name());
            provenance.put("utterances", all.size());
            provenance.put("fittingExamples", part.train().labels().length);
            provenance.put("speakers", corpus.speakers().size());
            provenance.put("validation", part.split().description() + (settings.leaveCorpusOut()
                    ? " (trained without " + CrossValidation.leftOut(corpus, present, member) + ")" : ""));
            provenance.put("validationUar", cm.uar());
            provenance.put("validationWa", cm.accuracy());
            provenance.put("epochs", model.history().size());
            provenance.put("model", Networks.describe(architecture));
            provenance.put("settings", settings.toString());
            provenance.put("trained", LocalDate.now().toString());
            provenance.put("java", System.getProperty("java.version"));
            provenance.put("djl", ai.djl.engine.Engine.getDjlVersion());
            provenance.put("note", "validation figures are from held-out training speakers; see the evaluation "
                    + "report for speaker-independent test figures");
            return new ModelBundle(architecture, labels, config, part.standardizer(), model.parameters(), provenance,
                    model.plainWeights(), 1.0, false);
        }
    }
}
