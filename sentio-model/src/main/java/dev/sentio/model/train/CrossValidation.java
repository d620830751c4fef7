package dev.sentio.model.train;

import ai.djl.nn.Block;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.Emotion;
import dev.sentio.evaluation.ConfusionMatrix;
import dev.sentio.evaluation.Fold;
import dev.sentio.model.data.Standardizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Trains and tests one model per fold. Inside each fold's training part, validation speakers are split off
 * (never test speakers); standardisation is fitted on the remaining training utterances only.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /** One fold's outcome, with its training history (for learning curves). */
    public record FoldResult(String fold, ConfusionMatrix confusion, int epochs, String validation,
                             List<SequenceClassifier.EpochLog> history) {
        public FoldResult {
            history = List.copyOf(history);
        }
    }

    /** All folds, plus the test predictions pooled over folds. */
    public record Report(String corpus, String protocol, boolean speakerIndependent, List<String> labels,
                         List<FoldResult> folds, ConfusionMatrix pooled) {
        public double meanUar() {
            return folds.stream().mapToDouble(f -> f.confusion().uar()).average().orElse(Double.NaN);
        }

        public double sdUar() {
            return sd(folds.stream().mapToDouble(f -> f.confusion().uar()).toArray());
        }

        public double meanWa() {
            return folds.stream().mapToDouble(f -> f.confusion().accuracy()).average().orElse(Double.NaN);
        }

        public double sdWa() {
            return sd(folds.stream().mapToDouble(f -> f.confusion().accuracy()).toArray());
        }

        private static double sd(double[] v) {
            double m = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1));
        }
    }

    /**
     * @param features     one matrix per corpus utterance ([frames][columns]); null where extraction failed
     * @param blockFactory a fresh network for the given number of classes
     * @param members      networks trained per fold (seeds seed, seed + 1, ...; each with its own validation
     *                     speakers), whose probabilities are averaged: an ensemble; 1 for a single network
     */
    public static Report run(Corpus corpus, List<float[][]> features, List<Fold> folds, String protocol,
                             boolean speakerIndependent, IntFunction<Block> blockFactory,
                             SequenceClassifier.Settings settings, int members, java.io.PrintStream log) {
        return run(corpus, features, List.of(), folds, protocol, speakerIndependent, blockFactory, settings, members,
                null, log);
    }

    /**
     * As above, with {@code perturbed}: further versions of every utterance (e.g. speed-perturbed), each list
     * parallel to {@code features}, added to the fitting part of each fold's training data only, never to
     * validation or test; and with {@code checkpoints} (may be null), folds finished by an earlier, killed run
     * are reused.
     */
    public static Report run(Corpus corpus, List<float[][]> features, List<List<float[][]>> perturbed,
                             List<Fold> folds, String protocol, boolean speakerIndependent,
                             IntFunction<Block> blockFactory, SequenceClassifier.Settings settings, int members,
                             FoldCheckpoints checkpoints, java.io.PrintStream log) {
        if (members < 1) {
            throw new IllegalArgumentException("an ensemble needs at least one member, got " + members);
        }
        List<Emotion> emotions = emotions(corpus);
        List<String> labels = emotions.stream().map(Emotion::label).toList();
        int[] y = labelIndices(corpus, emotions);
        ConfusionMatrix pooled = new ConfusionMatrix(labels);
        List<FoldResult> results = new ArrayList<>();
        for (int index = 0; index < folds.size(); index++) {
            Fold fold = folds.get(index);
            FoldResult saved = checkpoints == null ? null : checkpoints.load(index, fold, labels);
            if (saved != null) {
                pooled.addAll(saved.confusion());
                results.add(saved);
                log.printf("  %-28s UAR %.3f  WA %.3f  (finished earlier, read from %s)%n", fold.name(),
                        saved.confusion().uar(), saved.confusion().accuracy(), checkpoints.folder());
                continue;
            }
            List<Integer> test = present(fold.test(), features);
            long started = System.nanoTime();
            float[][] summed = new float[test.size()][labels.size()];
            List<SequenceClassifier.EpochLog> history = List.of();
            List<String> validations = new ArrayList<>();
            int epochs = 0;
            for (int member = 0; member < members; member++) {
                SequenceClassifier.Settings memberSettings = settings.withSeed(settings.seed() + member);
                TrainingPart part = TrainingPart.of(corpus, features, perturbed, y,
                        present(fold.train(), features), memberSettings.seed());
                List<float[][]> testSequences = test.stream().map(i -> part.standardizer().apply(features.get(i))).toList();
                try (SequenceClassifier model = SequenceClassifier.train(blockFactory.apply(labels.size()),
                        labels.size(), part.train(), part.validation(), memberSettings, e -> { })) {
                    float[][] p = model.probabilities(testSequences);
                    for (int i = 0; i < p.length; i++) {
                        for (int c = 0; c < p[i].length; c++) {
                            summed[i][c] += p[i][c];
                        }
                    }
                    if (member == 0) {
                        history = model.history();
                    }
                    epochs += model.history().size();
                    validations.add(part.split().description());
                }
            }
            ConfusionMatrix cm = new ConfusionMatrix(labels);
            for (int i = 0; i < summed.length; i++) {
                cm.add(y[test.get(i)], SequenceClassifier.argMax(summed[i]));
            }
            pooled.addAll(cm);
            String validation = members == 1 ? validations.get(0)
                    : members + " members: " + String.join("; ", validations);
            int meanEpochs = Math.round(epochs / (float) members);
            FoldResult result = new FoldResult(fold.name(), cm, meanEpochs, validation, history);
            results.add(result);
            if (checkpoints != null) {
                checkpoints.save(index, fold, result);
            }
            log.printf("  %-28s UAR %.3f  WA %.3f  (%d test, %d epochs%s, %.0f s, validation: %s)%n", fold.name(),
                    cm.uar(), cm.accuracy(), test.size(), meanEpochs,
                    members == 1 ? "" : " on average", (System.nanoTime() - started) / 1e9, validation);
        }
        return new Report(corpus.name(), protocol, speakerIndependent, labels, results, pooled);
    }

    /** The corpus's emotions in vocabulary order: label index i means emotions.get(i). */
    static List<Emotion> emotions(Corpus corpus) {
        return new ArrayList<>(corpus.counts().keySet());
    }

    static int[] labelIndices(Corpus corpus, List<Emotion> emotions) {
        return corpus.utterances().stream().mapToInt(u -> emotions.indexOf(u.emotion())).toArray();
    }

    /** The indices whose features were extracted (failed files are null). */
    static List<Integer> present(List<Integer> idx, List<float[][]> features) {
        return idx.stream().filter(i -> features.get(i) != null).toList();
    }

    private static SequenceClassifier.Data data(List<Integer> idx, List<float[][]> features, int[] y, Standardizer z) {
        return new SequenceClassifier.Data(idx.stream().map(i -> z.apply(features.get(i))).toList(),
                idx.stream().mapToInt(i -> y[i]).toArray());
    }

    /**
     * Training utterances split into fitting and validation parts, standardised with the fitting part's
     * statistics only. The perturbed versions of the fitting utterances join the fitting data.
     */
    record TrainingPart(ValidationSplit split, Standardizer standardizer, SequenceClassifier.Data train,
                        SequenceClassifier.Data validation) {
        static TrainingPart of(Corpus corpus, List<float[][]> features, List<List<float[][]>> perturbed, int[] y,
                               List<Integer> trainIdx, long seed) {
            ValidationSplit split = ValidationSplit.of(corpus, trainIdx, seed);
            Standardizer z = Standardizer.fit(split.train().stream().map(features::get).toList());
            SequenceClassifier.Data fitting = data(split.train(), features, y, z);
            for (List<float[][]> version : perturbed) {
                SequenceClassifier.Data more = data(present(split.train(), version), version, y, z);
                fitting = fitting.plus(more);
            }
            return new TrainingPart(split, z, fitting, data(split.validation(), features, y, z));
        }
    }

    /**
     * Training utterances split into fitting and validation parts, by speaker where there are several: a tenth of
     * the speakers (at least one), drawn at random, but never more than a fifth of the utterances, so that a
     * speaker who holds much of the data (a TESS speaker among EmoDB's and RAVDESS's) stays in the fitting part.
     */
    record ValidationSplit(List<Integer> train, List<Integer> validation, String description) {
        private static final double MAX_VALIDATION_SHARE = 0.2;

        static ValidationSplit of(Corpus corpus, List<Integer> trainIdx, long seed) {
            TreeMap<String, List<Integer>> bySpeaker = new TreeMap<>();
            trainIdx.forEach(i -> bySpeaker.computeIfAbsent(corpus.utterances().get(i).speaker(),
                    k -> new ArrayList<>()).add(i));
            List<String> speakers = new ArrayList<>(bySpeaker.keySet());
            Random r = new Random(seed);
            List<Integer> train = new ArrayList<>();
            List<Integer> validation = new ArrayList<>();
            if (speakers.size() >= 2) {
                Collections.shuffle(speakers, r);
                int n = Math.max(1, (int) Math.round(speakers.size() * 0.1));
                List<String> held = new ArrayList<>();
                int heldUtterances = 0;
                for (String s : speakers) {
                    int size = bySpeaker.get(s).size();
                    if (held.size() < n && heldUtterances + size <= MAX_VALIDATION_SHARE * trainIdx.size()) {
                        held.add(s);
                        heldUtterances += size;
                    }
                }
                if (!held.isEmpty()) {
                    bySpeaker.forEach((s, idx) -> (held.contains(s) ? validation : train).addAll(idx));
                    return new ValidationSplit(train, validation, "speaker(s) " + String.join(",", held));
                }
            }
            List<Integer> shuffled = new ArrayList<>(trainIdx);
            Collections.shuffle(shuffled, r);
            int n = Math.max(1, shuffled.size() / 7);
            return new ValidationSplit(shuffled.subList(n, shuffled.size()), shuffled.subList(0, n),
                    speakers.size() == 1 ? "15% of utterances (one training speaker)"
                            : "15% of utterances (every speaker holds over a fifth of the data)");
        }
    }
}
