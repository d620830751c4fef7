package dev.sentio.model.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.sentio.evaluation.ConfusionMatrix;
import dev.sentio.evaluation.Probabilities;
import dev.sentio.model.PlainWeights;
import dev.sentio.model.nn.SequenceBatch;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a sequence classifier block (inputs: a {@link SequenceBatch}) with RMSprop,
 * class-weighted cross-entropy, best-validation checkpointing (by UAR), learning-rate reduction on plateau and
 * early stopping; then predicts. Same seed, same data: same result.
 */
public final class SequenceClassifier implements AutoCloseable {
    /** Utterances per forward pass when predicting: bounds the memory of one padded batch. */
    private static final int PREDICTION_BATCH = 64;
    private final Model model;
    private final Trainer trainer;
    private final int classes;
    private final List<EpochLog> history;

    /**
     * Training settings.
     *
     * @param maxEpochs       upper bound on epochs
     * @param patience        stop after this many epochs without a better validation UAR
     * @param plateauEpochs   halve the learning rate after this many epochs without improvement
     * @param batchSize       utterances per step
     * @param learningRate    initial RMSprop learning rate
     * @param seed            seeds weights, shuffling and everything random
     * @param balance         "class": every class weighs the same in the loss; "corpus-class": every (corpus,
     *                        class) cell weighs the same, so that a corpus with many utterances (TESS) does not
     *                        dominate
     * @param mixup           mixup's alpha (0: none): each batch of one-frame inputs (functionals) is trained on
     *                        lambda x + (1 - lambda) x' of its utterances and a shuffle of them, lambda drawn from
     *                        Beta(alpha, alpha), the loss mixed alike; inputs of several frames are left as they are
     * @param leaveCorpusOut  in an ensemble, network k trains without the k-th of its training corpora (in name
     *                        order, in turn; {@link CrossValidation#memberTraining}): each has met one corpus
     *                        fewer, so they disagree where corpora differ, and their mean transfers better
     */
    public record Settings(int maxEpochs, int patience, int plateauEpochs, int batchSize, float learningRate, long seed,
                           String balance, double mixup, boolean leaveCorpusOut) {
        public Settings {
            if (!BALANCE_CLASS.equals(balance) && !BALANCE_CORPUS_CLASS.equals(balance)) {
                throw new dev.sentio.SentioException("unknown balance '" + balance + "': use " + BALANCE_CLASS
                        + " or " + BALANCE_CORPUS_CLASS);
            }
            if (!(mixup >= 0) || Double.isInfinite(mixup)) {
                throw new dev.sentio.SentioException("--mixup must be 0 (none) or a positive alpha, got " + mixup);
            }
        }

        public Settings(int maxEpochs, int patience, int plateauEpochs, int batchSize, float learningRate, long seed,
                        String balance, double mixup) {
            this(maxEpochs, patience, plateauEpochs, batchSize, learningRate, seed, balance, mixup, false);
        }

        public Settings(int maxEpochs, int patience, int plateauEpochs, int batchSize, float learningRate, long seed,
                        String balance) {
            this(maxEpochs, patience, plateauEpochs, batchSize, learningRate, seed, balance, 0);
        }

        public Settings(int maxEpochs, int patience, int plateauEpochs, int batchSize, float learningRate, long seed) {
            this(maxEpochs, patience, plateauEpochs, batchSize, learningRate, seed, BALANCE_CLASS);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(maxEpochs, patience, plateauEpochs, batchSize, learningRate, newSeed, balance, mixup,
                    leaveCorpusOut);
        }

        /** As records print, but without the balance when it is the default, so that earlier runs keep their names. */
        @Override
        public String toString() {
            return "Settings[maxEpochs=" + maxEpochs + ", patience=" + patience + ", plateauEpochs=" + plateauEpochs
                    + ", batchSize=" + batchSize + ", learningRate=" + learningRate + ", seed=" + seed
                    + (BALANCE_CLASS.equals(balance) ? "" : ", balance=" + balance)
                    + (mixup == 0 ? "" : ", mixup=" + mixup)
                    + (leaveCorpusOut ? ", leaveCorpusOut=true" : "") + "]";
        }

        /** The seed's setup: RMSprop 1e-3, batch 23, up to 100 epochs, early stop after 30. */
        public static Settings seedSetup() {
            return new Settings(100, 30, 10, 23, 1e-3f, 0);
        }
    }

    /** One epoch's figures, for the progress bar and the learning curves. */
    public record EpochLog(int epoch, double trainLoss, double trainAccuracy, double validationUar, float learningRate) {
    }

    public static final String BALANCE_CLASS = "class";
    public static final String BALANCE_CORPUS_CLASS = "corpus-class";

    /**
     * Sequences ([frames][columns], already standardised) with their label indices, and the group (corpus) of each
     * for balancing; null groups: all one group.
     */
    public record Data(List<float[][]> sequences, int[] labels, int[] groups) {
        public Data(List<float[][]> sequences, int[] labels) {
            this(sequences, labels, null);
        }

        /** These utterances followed by {@code more}'s. */
        public Data plus(Data more) {
            List<float[][]> all = new java.util.ArrayList<>(sequences);
            all.addAll(more.sequences());
            return new Data(all, concat(labels, more.labels()),
                    groups == null || more.groups() == null ? null : concat(groups, more.groups()));
        }

        private static int[] concat(int[] a, int[] b) {
            int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }
    }

    private SequenceClassifier(Model model, Trainer trainer, int classes, List<EpochLog> history) {
        this.model = model;
        this.trainer = trainer;
        this.classes = classes;
        this.history = history;
    }

    public List<EpochLog> history() {
        return history;
    }

    public static SequenceClassifier train(Block block, int classes, Data train, Data validation, Settings s,
                                           Consumer<EpochLog> progress) {
        return train(block, classes, train, validation, s, null, progress);
    }

    /**
     * Trains, saving a {@link TrainingCheckpoint} to {@code checkpoint} (when not null) after every epoch and
     * resuming from it when it already holds a matching run: a run killed and started again ends exactly as an
     * uninterrupted one, because every epoch's shuffling and dropout are seeded from the seed and the epoch alone.
     */
    public static SequenceClassifier train(Block block, int classes, Data train, Data validation, Settings s,
                                           java.nio.file.Path checkpoint, Consumer<EpochLog> progress) {
        Engine.getEngine("PyTorch").setRandomSeed((int) s.seed());
        Model model = Model.newInstance("sentio");
        model.setBlock(block);
        PlateauTracker lr = new PlateauTracker(s.learningRate());
        RmsPropOptimizer optimizer = RmsPropOptimizer.builder().optLearningRateTracker(lr).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer);
        Trainer trainer = model.newTrainer(config);
        int columns = train.sequences().get(0)[0].length;
        trainer.initialize(SequenceBatch.initialShapes(columns));
        SequenceClassifier c = new SequenceClassifier(model, trainer, classes, new ArrayList<>());
        float[] exampleWeight = s.balance().equals(BALANCE_CORPUS_CLASS) && train.groups() != null
                ? cellWeights(train.labels(), train.groups()) : classWeights(train.labels(), classes);
        // digesting the data costs a pass over it: only runs that checkpoint need it
        String run = checkpoint == null ? null : TrainingCheckpoint.describe(block, classes, columns, train, validation, s);
        TrainingCheckpoint state = checkpoint == null ? null : TrainingCheckpoint.resume(checkpoint, run);
        Map<String, PlainWeights.Tensor> best;
        double bestUar;
        int sinceBest;
        int sinceLrChange;
        int firstEpoch;
        if (state != null) {
            try {
                c.overwrite(state.parameters());
                optimizer.restore(trainer.getManager(), state.optimizerState(), parameterNames(block, false));
            } catch (IllegalArgumentException e) {
                throw new dev.sentio.SentioException(checkpoint + ": the training checkpoint's optimizer state "
                        + "or weights do not fit this network");
            }
            lr.set(state.learningRate());
            c.history.addAll(state.history());
            best = state.bestParameters();
            bestUar = state.bestUar();
            sinceBest = state.sinceBest();
            sinceLrChange = state.sinceLrChange();
            firstEpoch = state.history().size() + 1;
        } else {
            best = c.snapshot();
            bestUar = -1;
            sinceBest = 0;
            sinceLrChange = 0;
            firstEpoch = 1;
        }
        boolean finished = state != null && state.finished();
        for (int epoch = firstEpoch; epoch <= s.maxEpochs() && !finished; epoch++) {
            Engine.getEngine("PyTorch").setRandomSeed((int) (s.seed() * 1_000_003L + epoch));
            List<Integer> order = shuffled(train.labels().length, new Random(s.seed() * 1_000_003L + epoch));
            Mixup mixup = s.mixup() > 0 ? new Mixup(s.mixup(), s.seed() * 1_000_003L + epoch) : null;
            double lossSum = 0;
            int correct = 0;
            for (int from = 0; from < order.size(); from += s.batchSize()) {
                List<Integer> batch = order.subList(from, Math.min(order.size(), from + s.batchSize()));
                try (NDManager m = trainer.getManager().newSubManager()) {
                    List<float[][]> x = batch.stream().map(train.sequences()::get).toList();
                    int[] y = batch.stream().mapToInt(i -> train.labels()[i]).toArray();
                    float[] w = new float[y.length];
                    for (int i = 0; i < y.length; i++) {
                        w[i] = exampleWeight[batch.get(i)];
                    }
                    int[] partner = mixup != null && x.stream().allMatch(q -> q.length == 1) ? mixup.partners(y.length)
                            : null;
                    double lambda = partner != null ? mixup.lambda() : 1;
                    NDList inputs = SequenceBatch.of(m, partner != null ? Mixup.mix(x, partner, lambda) : x);
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray logits = trainer.forward(inputs).head();
                        NDArray loss = weightedCrossEntropy(logits, m.create(y), m.create(w), classes);
                        if (partner != null) {
                            int[] yPartner = new int[y.length];
                            float[] wPartner = new float[y.length];
                            for (int i = 0; i < y.length; i++) {
                                yPartner[i] = y[partner[i]];
                                wPartner[i] = w[partner[i]];
                            }
                            loss = loss.mul((float) lambda).add(weightedCrossEntropy(logits, m.create(yPartner),
                                    m.create(wPartner), classes).mul((float) (1 - lambda)));
                        }
                        gc.backward(loss);
                        lossSum += loss.getFloat() * y.length;
                        int[] predicted = logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
                        for (int i = 0; i < y.length; i++) {
                            correct += predicted[i] == y[i] ? 1 : 0;
                        }
                    }
                    trainer.step();
                }
            }
            double uar = c.confusion(validation).uar();
            EpochLog log = new EpochLog(epoch, lossSum / order.size(), correct / (double) order.size(), uar, lr.value());
            c.history.add(log);
            if (uar > bestUar) {
                bestUar = uar;
                best = c.snapshot();
                sinceBest = 0;
                sinceLrChange = 0;
            } else {
                sinceBest++;
                sinceLrChange++;
                if (sinceBest >= s.patience()) {
                    finished = true;
                } else if (sinceLrChange >= s.plateauEpochs()) {
                    lr.scale(0.5f);
                    sinceLrChange = 0;
                }
            }
            if (checkpoint != null) {
                new TrainingCheckpoint(run, List.copyOf(c.history), c.snapshot(), best, bestUar, sinceBest,
                        sinceLrChange, lr.value(), optimizer.state(parameterNames(block, true)), finished).save(checkpoint);
            }
            progress.accept(log);
        }
        c.overwrite(best);
        return c;
    }

    /** Parameter id to its name in the block (idToName) or the reverse; names are stable across instances. */
    private static Map<String, String> parameterNames(Block block, boolean idToName) {
        Map<String, String> map = new java.util.HashMap<>();
        block.getParameters().forEach(p -> {
            if (idToName) {
                map.put(p.getValue().getId(), p.getKey());
            } else {
                map.put(p.getKey(), p.getValue().getId());
            }
        });
        return map;
    }

    /** Probabilities [utterance][class]. */
    public float[][] probabilities(List<float[][]> sequences) {
        float[][] out = new float[sequences.size()][];
        for (int from = 0; from < sequences.size(); from += PREDICTION_BATCH) {
            List<float[][]> part = sequences.subList(from, Math.min(sequences.size(), from + PREDICTION_BATCH));
            // DJL 0.36's PyTorch LSTM computes wrong outputs with gradient mode off (see LstmInferenceModeTest):
            // inference runs in gradient mode, whose results equal a hand-written LSTM; nothing is back-propagated
            try (NDManager m = trainer.getManager().newSubManager(); GradientCollector gradientMode = trainer.newGradientCollector()) {
                NDArray p = model.getBlock().forward(new ParameterStore(m, false), SequenceBatch.of(m, part), false)
                        .head().softmax(1);
                float[] flat = p.toFloatArray();
                for (int i = 0; i < part.size(); i++) {
                    float[] row = new float[classes];
                    System.arraycopy(flat, i * classes, row, 0, classes);
                    out[from + i] = row;
                }
            }
        }
        return out;
    }

    public ConfusionMatrix confusion(Data data) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            names.add(Integer.toString(i));
        }
        ConfusionMatrix cm = new ConfusionMatrix(names);
        float[][] p = probabilities(data.sequences());
        for (int i = 0; i < p.length; i++) {
            cm.add(data.labels()[i], Probabilities.argMax(p[i]));
        }
        return cm;
    }

    /** 0..n-1 in an order drawn from {@code random}. */
    private static List<Integer> shuffled(int n, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        return order;
    }

    /** Mixup's draws for one epoch, seeded by the run's seed and the epoch. */
    private static final class Mixup {
        private final org.apache.commons.math3.distribution.BetaDistribution beta;
        private final Random random;

        Mixup(double alpha, long seed) {
            this.beta = new org.apache.commons.math3.distribution.BetaDistribution(
                    new org.apache.commons.math3.random.Well19937c(seed), alpha, alpha);
            this.random = new Random(seed + 17);
        }

        double lambda() {
            return beta.sample();
        }

        /** Each example's partner: a shuffle of the batch. */
        int[] partners(int n) {
            return shuffled(n, random).stream().mapToInt(Integer::intValue).toArray();
        }

        /** lambda x_i + (1 - lambda) x_partner(i), for one-frame inputs. */
        static List<float[][]> mix(List<float[][]> x, int[] partner, double lambda) {
            List<float[][]> out = new ArrayList<>();
            for (int i = 0; i < x.size(); i++) {
                float[] a = x.get(i)[0];
                float[] b = x.get(partner[i])[0];
                float[] c = new float[a.length];
                for (int j = 0; j < c.length; j++) {
                    c[j] = (float) (lambda * a[j] + (1 - lambda) * b[j]);
                }
                out.add(new float[][] {c});
            }
            return out;
        }
    }

    private static NDArray weightedCrossEntropy(NDArray logits, NDArray labels, NDArray weights, int classes) {
        NDArray logProbability = logits.logSoftmax(1).mul(labels.oneHot(classes)).sum(new int[] {1});
        return logProbability.mul(weights).sum().neg().div(weights.sum());
    }

    /** Each example's class weight. */
    private static float[] classWeights(int[] labels, int classes) {
        float[] perClass = balancedWeights(labels, classes);
        float[] w = new float[labels.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = perClass[labels[i]];
        }
        return w;
    }

    /** n / (cells x n_cell) over the (group, class) cells present: every cell weighs the same. */
    static float[] cellWeights(int[] labels, int[] groups) {
        java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            counts.merge(((long) groups[i] << 32) | labels[i], 1, Integer::sum);
        }
        float[] w = new float[labels.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = labels.length / (float) (counts.size() * counts.get(((long) groups[i] << 32) | labels[i]));
        }
        return w;
    }

    /** n / (classes x n_c), as scikit-learn's "balanced": rare classes weigh more. */
    static float[] balancedWeights(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int y : labels) {
            counts[y]++;
        }
        float[] w = new float[classes];
        for (int c = 0; c < classes; c++) {
            w[c] = counts[c] == 0 ? 0f : labels.length / (float) (classes * counts[c]);
        }
        return w;
    }

    /** The block's parameters as engine-free {@link dev.sentio.model.PlainWeights}. */
    public byte[] plainWeights() {
        return PlainWeights.encode(snapshot());
    }

    /** The block's parameters, serialised (DJL's format). */
    public byte[] parameters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.getBlock().saveParameters(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** The current weights, by parameter name. */
    Map<String, PlainWeights.Tensor> snapshot() {
        return dev.sentio.model.BlockWeights.of(model.getBlock());
    }

    /**
     * Writes {@code weights} (from {@link #snapshot()}) into the parameters' own arrays: the trainer holds on
     * to those arrays, so replacing them (as loading a parameter file does) would leave it training the old ones.
     */
    void overwrite(Map<String, PlainWeights.Tensor> weights) {
        for (var p : model.getBlock().getParameters()) {
            PlainWeights.Tensor tensor = weights.get(p.getKey());
            NDArray array = p.getValue().getArray();
            if (tensor == null || array.size() != tensor.values().length) {
                throw new IllegalArgumentException("no weights of the right size for " + p.getKey());
            }
            // zero then add: NDArray.set would make PyTorch print a deprecation warning on every run
            try (NDArray source = array.getManager().create(tensor.values(), array.getShape())) {
                array.muli(0).addi(source);
            }
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
