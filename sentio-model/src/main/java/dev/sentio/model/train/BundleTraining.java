package dev.sentio.model.train;

import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.Emotion;
import dev.sentio.evaluation.ConfusionMatrix;
import dev.sentio.features.FeatureConfig;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.Networks;
import dev.sentio.model.data.Standardizer;

import java.time.LocalDate;
import java.util.ArrayList;
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
     * @param features one matrix per utterance of {@code corpus}; null where extraction failed
     */
    public static ModelBundle train(Corpus corpus, List<float[][]> features, String architecture, FeatureConfig config,
                                    SequenceClassifier.Settings settings, java.util.function.Consumer<SequenceClassifier.EpochLog> progress) {
        List<Emotion> emotions = new ArrayList<>(corpus.counts().keySet());
        List<String> labels = emotions.stream().map(Emotion::label).toList();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i) != null) {
                all.add(i);
            }
        }
        CrossValidation.ValidationSplit split = CrossValidation.ValidationSplit.of(corpus, all, settings.seed());
        Standardizer z = Standardizer.fit(split.train().stream().map(features::get).toList());
        int[] y = corpus.utterances().stream().mapToInt(u -> emotions.indexOf(u.emotion())).toArray();
        SequenceClassifier.Data train = CrossValidation.data(split.train(), features, y, z);
        SequenceClassifier.Data validation = CrossValidation.data(split.validation(), features, y, z);
        try (SequenceClassifier model = SequenceClassifier.train(Networks.create(architecture, labels.size()),
                labels.size(), train, validation, settings, progress)) {
            ConfusionMatrix cm = model.confusion(validation);
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("corpus", corpus.name());
            provenance.put("utterances", all.size());
            provenance.put("speakers", corpus.speakers().size());
            provenance.put("validation", split.description());
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
            return new ModelBundle(architecture, labels, config, z, model.parameters(), provenance);
        }
    }
}
