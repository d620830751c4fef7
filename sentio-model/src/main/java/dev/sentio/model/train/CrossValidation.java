package dev.sentio.model.train;

import ai.djl.nn.Block;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.Emotion;
import dev.sentio.evaluation.Calibration;
import dev.sentio.evaluation.ConfusionMatrix;
import dev.sentio.evaluation.Fold;
import dev.sentio.evaluation.Probabilities;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.data.Standardizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Trains and tests one model per fold. Inside each fold's training part, validation speakers are split off
 * (never test speakers); standardisation is fitted on the remaining training utterances only.
 */
public final class CrossValidation {
    /** How an ensemble's members are combined: as {@link ModelBundle#ensemble} combines them in a model file. */
    private static final ModelBundle.Combination COMBINATION = ModelBundle.Combination.GEOMETRIC_MEAN;
    private CrossValidation() {
    }

    /**
     * One fold's outcome, with its training history (for learning curves).
     *
     * @param confusion   over the labels the fold was tested on
     * @param raw         the confidences of the test predictions as the network gives them
     * @param calibrated  the same after temperature scaling fitted on the validation speakers
     * @param temperature the fitted temperature (mean over an ensemble's members)
     * @param probabilities each test utterance's probabilities over the fold's labels (raw, an ensemble combined)
     * @param truth       each test utterance's label, an index into the fold's labels
     * @param utterances  each test utterance's index in the corpus (parallel to {@code truth})
     * @param variants    the confusion on each variant of the test utterances (e.g. "10 dB": mixed with noise)
     * @param variantProbabilities on each variant, the test utterances' probabilities, as {@code probabilities}
     */
    public record FoldResult(String fold, ConfusionMatrix confusion, int epochs, String validation,
                             List<SequenceClassifier.EpochLog> history, Calibration raw, Calibration calibrated,
                             double temperature, float[][] probabilities, int[] truth, int[] utterances,
                             Map<String, ConfusionMatrix> variants, Map<String, float[][]> variantProbabilities) {
        public FoldResult {
            history = List.copyOf(history);
            variants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variants));
            variantProbabilities = java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(variantProbabilities));
        }
    }

    /**
     * All folds, plus the test predictions pooled over folds (confusion over all labels, calibration).
     *
     * @param raw        confidences as the networks give them
     * @param calibrated after temperature scaling fitted on each fold's validation speakers
     * @param crossFold  after temperature scaling fitted, for each fold, on the other folds' test predictions: how
     *                   well a temperature found on held-out data of other folds (other corpora, in
     *                   leave-one-corpus-out) carries over to new data
     * @param temperature the temperature fitted on all folds' test predictions: the one to give a model that is
     *                   used on data like these test sets (null with one fold)
     * @param crossFoldBalanced as {@code crossFold}, each other fold weighing the same in the fit, however many
     *                   test utterances it has (under leave-one-corpus-out every corpus counts the same, so that
     *                   one large corpus does not set the temperature for all)
     * @param temperatureBalanced the temperature fitted on all folds' test predictions, each fold weighing the same
     */
    public record Report(String corpus, String protocol, boolean speakerIndependent, List<String> labels,
                         List<FoldResult> folds, ConfusionMatrix pooled, Calibration raw, Calibration calibrated,
                         Calibration crossFold, Double temperature, Calibration crossFoldBalanced,
                         Double temperatureBalanced) {
        /** The mean over folds of the UAR on test variant {@code name}. */
        public double meanUar(String name) {
            return folds.stream().mapToDouble(f -> f.variants().get(name).uar()).average().orElse(Double.NaN);
        }

        /** The test variants' names, in order (none without variants). */
        public List<String> variants() {
            return folds.isEmpty() ? List.of() : List.copyOf(folds.get(0).variants().keySet());
        }

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
     *                     speakers), whose probabilities are combined by their geometric mean: an ensemble;
     *                     1 for a single network
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
        return run(corpus, features, perturbed, Map.of(), folds, protocol, speakerIndependent, blockFactory, settings,
                members, checkpoints, log);
    }

    /**
     * As above, and every fold's networks are also tested on each of {@code testVariants}: other versions of the
     * test utterances (parallel to {@code features}; e.g. mixed with noise at an SNR), by name.
     */
    public static Report run(Corpus corpus, List<float[][]> features, List<List<float[][]>> perturbed,
                             Map<String, List<float[][]>> testVariants, List<Fold> folds, String protocol,
                             boolean speakerIndependent, IntFunction<Block> blockFactory,
                             SequenceClassifier.Settings settings, int members, FoldCheckpoints checkpoints,
                             java.io.PrintStream log) {
        return run(corpus, features, perturbed, testVariants, folds, protocol, speakerIndependent, blockFactory,
                settings, members, null, checkpoints, log);
    }

    /**
     * As above, with {@code views}: the columns each group of {@code members} networks reads (late fusion: e.g.
     * the spectral columns for some networks, the prosodic ones for others), all combined by their geometric mean,
     * view after view as a model file holds them; null for one group reading every column.
     */
    public static Report run(Corpus corpus, List<float[][]> features, List<List<float[][]>> perturbed,
                             Map<String, List<float[][]>> testVariants, List<Fold> folds, String protocol,
                             boolean speakerIndependent, IntFunction<Block> blockFactory,
                             SequenceClassifier.Settings settings, int members, List<int[]> views,
                             FoldCheckpoints checkpoints, java.io.PrintStream log) {
        if (members < 1) {
            throw new IllegalArgumentException("an ensemble needs at least one member, got " + members);
        }
        requireMembers(settings, members);
        List<View> inputs = views == null ? List.of(new View(features, perturbed, testVariants))
                : views.stream().map(c -> View.of(c, features, perturbed, testVariants)).toList();
        int networks = members * inputs.size();
        List<Emotion> emotions = emotions(corpus);
        List<String> labels = emotions.stream().map(Emotion::label).toList();
        int[] y = labelIndices(corpus, emotions);
        ConfusionMatrix pooled = new ConfusionMatrix(labels);
        Calibration pooledRaw = new Calibration();
        Calibration pooledCalibrated = new Calibration();
        List<FoldResult> results = new ArrayList<>();
        for (int index = 0; index < folds.size(); index++) {
            Fold fold = folds.get(index);
            int[] allowed = allowed(fold, labels);
            List<String> foldLabels = java.util.Arrays.stream(allowed).mapToObj(labels::get).toList();
            FoldResult saved = checkpoints == null ? null : checkpoints.load(index, fold, foldLabels);
            if (saved != null) {
                pooled.addByLabel(saved.confusion());
                pooledRaw.addAll(saved.raw());
                pooledCalibrated.addAll(saved.calibrated());
                results.add(saved);
                log.printf("  %-28s UAR %.3f  WA %.3f  (finished earlier, read from %s)%n", fold.name(),
                        saved.confusion().uar(), saved.confusion().accuracy(), checkpoints.folder());
                continue;
            }
            List<Integer> test = present(fold.test(), features).stream()
                    .filter(i -> position(allowed, y[i]) >= 0)
                    .filter(i -> testVariants.values().stream().allMatch(v -> v.get(i) != null)).toList();
            // per test utterance, each member's probabilities over the fold's labels: [utterance][member][label]
            Map<String, float[][][]> variantMembers = new java.util.LinkedHashMap<>();
            testVariants.keySet().forEach(name -> variantMembers.put(name, new float[test.size()][networks][]));
            long started = System.nanoTime();
            float[][][] each = new float[test.size()][networks][];
            float[][][] eachCalibrated = new float[test.size()][networks][];
            List<SequenceClassifier.EpochLog> history = List.of();
            List<String> validations = new ArrayList<>();
            int epochs = 0;
            double temperatures = 0;
            for (int member = 0; member < networks; member++) {
                View in = inputs.get(member / members);
                // each view's networks have the seeds (and so the validation speakers) of a plain ensemble
                SequenceClassifier.Settings memberSettings = settings.withSeed(settings.seed() + member % members);
                TrainingPart part = TrainingPart.of(corpus, in.features(), in.perturbed(), y,
                        memberTraining(corpus, present(fold.train(), features), member % members, settings),
                        memberSettings.seed());
                List<float[][]> testSequences = test.stream()
                        .map(i -> part.standardizer().apply(in.features().get(i))).toList();
                try (SequenceClassifier model = SequenceClassifier.train(blockFactory.apply(labels.size()),
                        labels.size(), part.train(), part.validation(), memberSettings, e -> { })) {
                    double t = Calibration.fitTemperature(model.probabilities(part.validation().sequences()),
                            part.validation().labels());
                    temperatures += t;
                    float[][] p = model.probabilities(testSequences);
                    for (int i = 0; i < p.length; i++) {
                        each[i][member] = Probabilities.restrict(p[i], allowed);
                        eachCalibrated[i][member] = Probabilities.restrict(Calibration.temper(p[i], t), allowed);
                    }
                    for (Map.Entry<String, List<float[][]>> v : in.variants().entrySet()) {
                        float[][] pv = model.probabilities(test.stream()
                                .map(i -> part.standardizer().apply(v.getValue().get(i))).toList());
                        for (int i = 0; i < pv.length; i++) {
                            variantMembers.get(v.getKey())[i][member] = Probabilities.restrict(pv[i], allowed);
                        }
                    }
                    if (member == 0) {
                        history = model.history();
                    }
                    epochs += model.history().size();
                    if (member < members) {
                        validations.add(part.split().description());
                    }
                }
            }
            ConfusionMatrix cm = new ConfusionMatrix(foldLabels);
            Calibration raw = new Calibration();
            Calibration calibrated = new Calibration();
            float[][] combined = new float[test.size()][];
            int[] truths = new int[test.size()];
            for (int i = 0; i < test.size(); i++) {
                truths[i] = position(allowed, y[test.get(i)]);
                // as a model file combines its networks
                combined[i] = COMBINATION.combine(each[i]);
                // the label is the raw combination's choice (as before calibration); the calibrated confidence is
                // the tempered combination's probability of that label
                int predicted = Probabilities.argMax(combined[i]);
                cm.add(truths[i], predicted);
                raw.add(combined[i][predicted], predicted == truths[i]);
                calibrated.add(COMBINATION.combine(eachCalibrated[i])[predicted], predicted == truths[i]);
            }
            pooled.addByLabel(cm);
            pooledRaw.addAll(raw);
            pooledCalibrated.addAll(calibrated);
            String validation = (members == 1 ? validations.get(0)
                    : members + " members: " + String.join("; ", validations))
                    + (inputs.size() == 1 ? "" : ", the same for each of " + inputs.size() + " views");
            int meanEpochs = Math.round(epochs / (float) networks);
            Map<String, ConfusionMatrix> variants = new java.util.LinkedHashMap<>();
            Map<String, float[][]> variantProbabilities = new java.util.LinkedHashMap<>();
            variantMembers.forEach((name, variant) -> {
                ConfusionMatrix v = new ConfusionMatrix(foldLabels);
                float[][] p = new float[variant.length][];
                for (int i = 0; i < variant.length; i++) {
                    p[i] = COMBINATION.combine(variant[i]);
                    v.add(truths[i], Probabilities.argMax(p[i]));
                }
                variants.put(name, v);
                variantProbabilities.put(name, p);
            });
            FoldResult result = new FoldResult(fold.name(), cm, meanEpochs, validation, history, raw, calibrated,
                    temperatures / networks, combined, truths, test.stream().mapToInt(Integer::intValue).toArray(),
                    variants, variantProbabilities);
            results.add(result);
            if (checkpoints != null) {
                checkpoints.save(index, fold, result);
            }
            StringBuilder more = new StringBuilder();
            variants.forEach((name, v) -> more.append(String.format(java.util.Locale.ROOT, "  %s: UAR %.3f", name, v.uar())));
            log.printf("  %-28s UAR %.3f  WA %.3f  ECE %.3f (raw %.3f, T %.2f)%s  (%d test, %d epochs%s, %.0f s, "
                            + "validation: %s)%n", fold.name(), cm.uar(), cm.accuracy(), calibrated.ece(), raw.ece(),
                    result.temperature(), more, test.size(), meanEpochs, networks == 1 ? "" : " on average",
                    (System.nanoTime() - started) / 1e9, validation);
        }
        Calibration crossFold = new Calibration();
        Calibration crossFoldBalanced = new Calibration();
        Double temperature = null;
        Double temperatureBalanced = null;
        if (results.size() > 1) {
            for (int k = 0; k < results.size(); k++) {
                crossFoldCalibration(crossFold, results.get(k), temperatureOf(results, k, false));
                crossFoldCalibration(crossFoldBalanced, results.get(k), temperatureOf(results, k, true));
            }
            temperature = temperatureOf(results, -1, false);
            temperatureBalanced = temperatureOf(results, -1, true);
        }
        return new Report(corpus.name(), protocol, speakerIndependent, labels, results, pooled, pooledRaw,
                pooledCalibrated, crossFold, temperature, crossFoldBalanced, temperatureBalanced);
    }

    /** Fold {@code f}'s test predictions, tempered by {@code t}, into {@code into}. */
    private static void crossFoldCalibration(Calibration into, FoldResult f, double t) {
        for (int i = 0; i < f.truth().length; i++) {
            float[] p = Calibration.temper(f.probabilities()[i], t);
            int predicted = Probabilities.argMax(f.probabilities()[i]);
            into.add(p[predicted], predicted == f.truth()[i]);
        }
    }

    /** What a group of networks reads: the features (and their other versions) in its columns only. */
    record View(List<float[][]> features, List<List<float[][]>> perturbed, Map<String, List<float[][]>> variants) {
        static View of(int[] columns, List<float[][]> features, List<List<float[][]>> perturbed,
                       Map<String, List<float[][]>> variants) {
            Map<String, List<float[][]>> v = new java.util.LinkedHashMap<>();
            variants.forEach((name, version) -> v.put(name, select(version, columns)));
            return new View(select(features, columns), perturbed.stream().map(p -> select(p, columns)).toList(), v);
        }

        /** Each matrix's given columns (null entries, failed files, stay null). */
        static List<float[][]> select(List<float[][]> matrices, int[] columns) {
            return matrices.stream().map(m -> m == null ? null : ModelBundle.Member.select(m, columns)).toList();
        }
    }

    /**
     * The temperature fitted on the test predictions of every fold but {@code except} (-1: of all folds); with
     * {@code balanced}, each fold weighing the same.
     */
    private static double temperatureOf(List<FoldResult> results, int except, boolean balanced) {
        List<float[]> p = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int k = 0; k < results.size(); k++) {
            if (k != except) {
                p.addAll(java.util.Arrays.asList(results.get(k).probabilities()));
                for (int t : results.get(k).truth()) {
                    truth.add(t);
                    weights.add(balanced ? 1.0 / results.get(k).truth().length : 1.0);
                }
            }
        }
        return Calibration.fitTemperature(p.toArray(new float[0][]), truth.stream().mapToInt(Integer::intValue).toArray(),
                weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The label indices a fold is tested on, in label order: its own restriction, or all labels. */
    static int[] allowed(Fold fold, List<String> labels) {
        return java.util.stream.IntStream.range(0, labels.size())
                .filter(c -> fold.labels() == null || fold.labels().contains(labels.get(c))).toArray();
    }

    static int position(int[] allowed, int label) {
        for (int k = 0; k < allowed.length; k++) {
            if (allowed[k] == label) {
                return k;
            }
        }
        return -1;
    }

    /** The corpus's emotions in vocabulary order: label index i means emotions.get(i). */
    static List<Emotion> emotions(Corpus corpus) {
        return new ArrayList<>(corpus.counts().keySet());
    }

    static int[] labelIndices(Corpus corpus, List<Emotion> emotions) {
        return corpus.utterances().stream().mapToInt(u -> emotions.indexOf(u.emotion())).toArray();
    }

    /**
     * Ensemble network {@code member}'s training utterances: all of {@code train}, or with
     * {@link SequenceClassifier.Settings#leaveCorpusOut} all but those of the corpus it leaves out
     * ({@link #leftOut}).
     */
    static List<Integer> memberTraining(Corpus corpus, List<Integer> train, int member,
                                        SequenceClassifier.Settings settings) {
        if (!settings.leaveCorpusOut()) {
            return train;
        }
        String left = leftOut(corpus, train, member);
        return train.stream().filter(i -> !corpus.utterances().get(i).corpus().equals(left)).toList();
    }

    /**
     * The training corpus ensemble network {@code member} leaves out: the corpora of {@code train} in name order, in
     * turn.
     */
    static String leftOut(Corpus corpus, List<Integer> train, int member) {
        List<String> sources = train.stream().map(i -> corpus.utterances().get(i).corpus()).distinct().sorted()
                .toList();
        if (sources.size() < 2) {
            throw new dev.sentio.SentioException("each network leaving a training corpus out needs at least two "
                    + "training corpora; this training data has " + sources.size() + " (" + String.join(", ", sources)
                    + ")");
        }
        return sources.get(member % sources.size());
    }

    /** Refuses networks that leave a corpus out in turn when there is only one network. */
    static void requireMembers(SequenceClassifier.Settings settings, int members) {
        if (settings.leaveCorpusOut() && members < 2) {
            throw new dev.sentio.SentioException("leaving a training corpus out in turn needs an ensemble (--ensemble "
                    + "K, K >= 2; as many networks as training corpora leaves each out once)");
        }
    }

    /** The indices whose features were extracted (failed files are null). */
    static List<Integer> present(List<Integer> idx, List<float[][]> features) {
        return idx.stream().filter(i -> features.get(i) != null).toList();
    }

    private static SequenceClassifier.Data data(List<Integer> idx, List<float[][]> features, int[] y, int[] groups,
                                                Standardizer z) {
        return new SequenceClassifier.Data(idx.stream().map(i -> z.apply(features.get(i))).toList(),
                idx.stream().mapToInt(i -> y[i]).toArray(), idx.stream().mapToInt(i -> groups[i]).toArray());
    }

    /** Each utterance's corpus as an index, for balancing corpora. */
    private static int[] corpusIndices(Corpus corpus) {
        List<String> corpora = corpus.utterances().stream().map(u -> u.corpus()).distinct().toList();
        return corpus.utterances().stream().mapToInt(u -> corpora.indexOf(u.corpus())).toArray();
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
            int[] groups = corpusIndices(corpus);
            SequenceClassifier.Data fitting = data(split.train(), features, y, groups, z);
            for (List<float[][]> version : perturbed) {
                SequenceClassifier.Data more = data(present(split.train(), version), version, y, groups, z);
                fitting = fitting.plus(more);
            }
            return new TrainingPart(split, z, fitting, data(split.validation(), features, y, groups, z));
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
