package dev.sentio.model.train;

import dev.sentio.SentioException;
import dev.sentio.SharedData;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.CorpusReaders;
import dev.sentio.evaluation.ConfusionMatrix;
import dev.sentio.evaluation.Fold;
import dev.sentio.evaluation.Protocol;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.io.FeatureCache;
import dev.sentio.model.nn.SeedLstm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceClassifierTest {
    @TempDir
    Path dir;

    /** Class c: feature c raised throughout, under noise, in sequences of random length (padding is exercised). */
    private static SequenceClassifier.Data synthetic(int n, long seed) {
        Random r = new Random(seed);
        List<float[][]> seqs = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            float[][] s = new float[10 + r.nextInt(15)][4];
            for (float[] frame : s) {
                for (int c = 0; c < 4; c++) {
                    frame[c] = (float) r.nextGaussian() * 0.5f;
                }
            }
            for (float[] frame : s) {
                frame[labels[i]] += 1f;
            }
            seqs.add(s);
        }
        return new SequenceClassifier.Data(seqs, labels);
    }

    @Test
    void attentiveBiLstmLearnsOnVariableLengths() {
        SequenceClassifier.Settings s = new SequenceClassifier.Settings(20, 10, 5, 16, 5e-3f, 7);
        try (SequenceClassifier m = SequenceClassifier.train(new dev.sentio.model.nn.AttentiveBiLstm(3, 16, 0.1f), 3,
                synthetic(120, 1), synthetic(30, 2), s, e -> { })) {
            double uar = m.confusion(synthetic(60, 3)).uar();
            assertTrue(uar > 0.8, "UAR on held-out synthetic data " + uar);
        }
    }

    @Test
    void learnsAndIsDeterministic() {
        SequenceClassifier.Data train = synthetic(120, 1);
        SequenceClassifier.Data validation = synthetic(30, 2);
        SequenceClassifier.Data test = synthetic(60, 3);
        SequenceClassifier.Settings s = new SequenceClassifier.Settings(25, 10, 5, 16, 5e-3f, 42);
        float[][] first;
        try (SequenceClassifier m = SequenceClassifier.train(new SeedLstm(3, 16), 3, train, validation, s, e -> { })) {
            ConfusionMatrix cm = m.confusion(test);
            assertTrue(cm.uar() > 0.8, "UAR on held-out synthetic data " + cm.uar());
            first = m.probabilities(test.sequences());
        }
        try (SequenceClassifier again = SequenceClassifier.train(new SeedLstm(3, 16), 3, train, validation, s, e -> { })) {
            float[][] second = again.probabilities(test.sequences());
            for (int i = 0; i < first.length; i++) {
                assertArrayEquals(first[i], second[i], 1e-6f, "same seed, same result");
            }
        }
    }

    /** The synthetic sequences as one row each (their mean), as functionals models take them. */
    private static SequenceClassifier.Data oneRow(SequenceClassifier.Data d) {
        List<float[][]> rows = new ArrayList<>();
        for (float[][] s : d.sequences()) {
            float[] mean = new float[s[0].length];
            for (float[] frame : s) {
                for (int c = 0; c < mean.length; c++) {
                    mean[c] += frame[c] / s.length;
                }
            }
            rows.add(new float[][] {mean});
        }
        return new SequenceClassifier.Data(rows, d.labels());
    }

    @Test
    void mixupBlendsOneRowInputsAndStillLearnsReproducibly() {
        SequenceClassifier.Data train = oneRow(synthetic(120, 1));
        SequenceClassifier.Data validation = oneRow(synthetic(30, 2));
        SequenceClassifier.Data test = oneRow(synthetic(60, 3));
        SequenceClassifier.Settings plain = new SequenceClassifier.Settings(15, 10, 5, 16, 5e-3f, 5);
        SequenceClassifier.Settings mixed = new SequenceClassifier.Settings(15, 10, 5, 16, 5e-3f, 5, "class", 0.4);
        assertTrue(mixed.toString().endsWith(", mixup=0.4]"), "a run with mixup is another run: " + mixed);
        float[][] a;
        float[][] b;
        float[][] c;
        try (SequenceClassifier m = SequenceClassifier.train(new dev.sentio.model.nn.StatisticsMlp(3, true), 3, train,
                validation, mixed, e -> { })) {
            assertTrue(m.confusion(test).uar() > 0.8, "UAR with mixup " + m.confusion(test).uar());
            a = m.probabilities(test.sequences());
        }
        try (SequenceClassifier m = SequenceClassifier.train(new dev.sentio.model.nn.StatisticsMlp(3, true), 3, train,
                validation, mixed, e -> { })) {
            b = m.probabilities(test.sequences());
        }
        try (SequenceClassifier m = SequenceClassifier.train(new dev.sentio.model.nn.StatisticsMlp(3, true), 3, train,
                validation, plain, e -> { })) {
            c = m.probabilities(test.sequences());
        }
        boolean differs = false;
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 1e-6f, "same seed, same mixup, same result");
            differs |= Math.abs(a[i][0] - c[i][0]) > 1e-4;
        }
        assertTrue(differs, "mixup changes the training");
        SentioException e = assertThrows(SentioException.class,
                () -> new SequenceClassifier.Settings(1, 1, 1, 1, 1e-3f, 0, "class", -1));
        assertTrue(e.getMessage().startsWith("--mixup must be 0"), e.getMessage());
    }

    /** A run killed after epoch 3 and started again from its checkpoint ends exactly as an uninterrupted one. */
    @Test
    void resumesFromCheckpointAfterAKill() {
        SequenceClassifier.Data train = synthetic(60, 1);
        SequenceClassifier.Data validation = synthetic(20, 2);
        SequenceClassifier.Data test = synthetic(30, 3);
        SequenceClassifier.Settings s = new SequenceClassifier.Settings(7, 10, 2, 16, 5e-3f, 3);
        float[][] uninterrupted;
        List<SequenceClassifier.EpochLog> fullHistory;
        try (SequenceClassifier m = SequenceClassifier.train(new dev.sentio.model.nn.AttentiveBiLstm(3, 8, 0.2f), 3,
                train, validation, s, e -> { })) {
            uninterrupted = m.probabilities(test.sequences());
            fullHistory = m.history();
        }
        Path checkpoint = dir.resolve("run.checkpoint");
        class Killed extends RuntimeException {
        }
        assertThrows(Killed.class, () -> SequenceClassifier.train(new dev.sentio.model.nn.AttentiveBiLstm(3, 8, 0.2f),
                3, train, validation, s, checkpoint, e -> {
                    if (e.epoch() == 3) {
                        throw new Killed();
                    }
                }));
        List<Integer> resumedEpochs = new ArrayList<>();
        try (SequenceClassifier m = SequenceClassifier.train(new dev.sentio.model.nn.AttentiveBiLstm(3, 8, 0.2f), 3,
                train, validation, s, checkpoint, e -> resumedEpochs.add(e.epoch()))) {
            assertEquals(List.of(4, 5, 6, 7), resumedEpochs, "only the epochs after the checkpoint run again");
            assertEquals(fullHistory, m.history());
            float[][] resumed = m.probabilities(test.sequences());
            for (int i = 0; i < resumed.length; i++) {
                assertArrayEquals(uninterrupted[i], resumed[i], 1e-6f, "resumed run equals the uninterrupted one");
            }
        }
        SequenceClassifier.Settings other = new SequenceClassifier.Settings(7, 10, 2, 16, 1e-2f, 3);
        SentioException e = assertThrows(SentioException.class, () -> SequenceClassifier.train(
                new dev.sentio.model.nn.AttentiveBiLstm(3, 8, 0.2f), 3, train, validation, other, checkpoint, x -> { }));
        assertTrue(e.getMessage().contains("run.checkpoint") && e.getMessage().contains("another training run"),
                e.getMessage());
    }

    /** A damaged or foreign checkpoint is refused with its name, never trained over. */
    @Test
    void refusesDamagedCheckpoints() throws java.io.IOException {
        SequenceClassifier.Data train = synthetic(30, 1);
        SequenceClassifier.Data validation = synthetic(10, 2);
        SequenceClassifier.Settings s = new SequenceClassifier.Settings(2, 10, 2, 16, 5e-3f, 3);
        Path checkpoint = dir.resolve("damaged.checkpoint");
        try (SequenceClassifier m = SequenceClassifier.train(new SeedLstm(3, 8), 3, train, validation, s, checkpoint,
                e -> { })) {
            assertEquals(2, m.history().size());
        }
        byte[] whole = java.nio.file.Files.readAllBytes(checkpoint);
        java.nio.file.Files.write(checkpoint, java.util.Arrays.copyOf(whole, whole.length / 2));
        SentioException truncated = assertThrows(SentioException.class, () -> SequenceClassifier.train(
                new SeedLstm(3, 8), 3, train, validation, s, checkpoint, e -> { }));
        assertTrue(truncated.getMessage().contains("damaged.checkpoint")
                && truncated.getMessage().contains("truncated or damaged"), truncated.getMessage());
        java.nio.file.Files.writeString(checkpoint, "RIFF....WAVEfmt not a checkpoint at all");
        SentioException foreign = assertThrows(SentioException.class, () -> SequenceClassifier.train(
                new SeedLstm(3, 8), 3, train, validation, s, checkpoint, e -> { }));
        assertTrue(foreign.getMessage().contains("damaged.checkpoint"), foreign.getMessage());
    }

    /** CI's training smoke test: the seed LSTM on two held-out EmoDB speakers does clearly better than chance (1/7). */
    @Test
    void seedLstmLearnsOnHeldOutEmoDbSpeakers() {
        Corpus emodb = CorpusReaders.open("emodb", SharedData.require("corpora"));
        FeatureCache cache = new FeatureCache(dir, new FeatureExtractor(FeatureConfig.seedRaw()));
        List<float[][]> features = emodb.utterances().parallelStream().map(u -> cache.features(u.file()).values()).toList();
        Protocol loso = Protocol.parse("loso");
        List<Fold> twoFolds = loso.folds(emodb).subList(0, 2);
        CrossValidation.Report r = CrossValidation.run(emodb, features, twoFolds, loso.describe(), true,
                SeedLstm::new, new SequenceClassifier.Settings(25, 30, 10, 23, 1e-3f, 0), 1, System.out);
        System.out.printf("EmoDB LOSO, 2 of 10 folds, 25 epochs: pooled UAR %.3f, WA %.3f%n", r.pooled().uar(),
                r.pooled().accuracy());
        assertTrue(r.pooled().uar() > 0.25, "pooled UAR " + r.pooled().uar() + " is not clearly above chance (0.143)");
    }
}
