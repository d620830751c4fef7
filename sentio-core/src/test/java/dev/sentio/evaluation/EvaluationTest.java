package dev.sentio.evaluation;

import dev.sentio.SentioException;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.Emotion;
import dev.sentio.corpus.Utterance;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {
    /** speakers s0..s{n-1}, each with the given emotions once. */
    private static Corpus corpus(String name, int speakers, Emotion... emotions) {
        List<Utterance> u = new ArrayList<>();
        for (int s = 0; s < speakers; s++) {
            for (Emotion e : emotions) {
                u.add(new Utterance(Path.of(name + s + e), e, name + "-s" + s, name));
            }
        }
        return new Corpus(name, u, List.of());
    }

    private static void assertSpeakerDisjoint(Corpus c, Fold f) {
        Set<String> train = new HashSet<>();
        f.train().forEach(i -> train.add(c.utterances().get(i).speaker()));
        f.test().forEach(i -> assertFalse(train.contains(c.utterances().get(i).speaker()), f.name()));
    }

    @Test
    void losoTestsEachSpeakerOnceAndNeverTrainsOnIt() {
        Corpus c = corpus("emo", 10, Emotion.ANGRY, Emotion.SAD);
        List<Fold> folds = Protocol.parse("loso").folds(c);
        assertEquals(10, folds.size());
        Set<Integer> tested = new HashSet<>();
        for (Fold f : folds) {
            assertSpeakerDisjoint(c, f);
            assertEquals(2, f.test().size());
            assertEquals(18, f.train().size());
            assertTrue(tested.addAll(f.test()));
        }
        assertEquals(20, tested.size());
    }

    @Test
    void speakerFoldsGroupActors() {
        Corpus c = corpus("rav", 24, Emotion.HAPPY);
        List<Fold> folds = Protocol.parse("speaker-folds:6").folds(c);
        assertEquals(6, folds.size());
        folds.forEach(f -> {
            assertEquals(4, f.test().size());
            assertSpeakerDisjoint(c, f);
        });
        assertThrows(SentioException.class, () -> Protocol.parse("speaker-folds:30").folds(c));
        assertThrows(SentioException.class, () -> Protocol.parse("speaker-folds:x"));
    }

    @Test
    void crossSpeakerBothDirections() {
        Corpus c = corpus("tess", 2, Emotion.FEAR, Emotion.DISGUST);
        List<Fold> folds = Protocol.parse("cross-speaker").folds(c);
        assertEquals(List.of("tess-s0 -> tess-s1", "tess-s1 -> tess-s0"), folds.stream().map(Fold::name).toList());
        folds.forEach(f -> assertSpeakerDisjoint(c, f));
    }

    @Test
    void randomIsLabelledSpeakerLeaking() {
        Protocol p = Protocol.parse("random:5");
        assertFalse(p.speakerIndependent());
        assertTrue(p.describe().contains("SPEAKER-LEAKING"));
        List<Fold> folds = p.folds(corpus("x", 5, Emotion.ANGRY, Emotion.SAD, Emotion.HAPPY));
        assertEquals(5, folds.size());
        assertEquals(15, folds.stream().mapToInt(f -> f.test().size()).sum());
        assertEquals(folds, p.folds(corpus("x", 5, Emotion.ANGRY, Emotion.SAD, Emotion.HAPPY)), "fixed seed");
    }

    @Test
    void crossCorpusKeepsSharedEmotionsOnly() {
        Corpus emodb = corpus("emodb", 2, Emotion.ANGRY, Emotion.BOREDOM);
        Corpus tess = corpus("tess", 2, Emotion.ANGRY, Emotion.SURPRISE);
        CrossCorpus x = CrossCorpus.of(emodb, tess);
        assertEquals(2, x.fold().train().size());
        assertEquals(2, x.fold().test().size());
        assertEquals(Set.of(Emotion.ANGRY), x.combined().counts().keySet());
    }

    @Test
    void metricsFromAConfusionMatrix() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("a", "b", "c"));
        // a: 8 of 10 right; b: 1 of 2 right; c: never occurs, predicted once
        for (int i = 0; i < 8; i++) {
            m.add(0, 0);
        }
        m.add(0, 1);
        m.add(0, 2);
        m.add(1, 1);
        m.add(1, 0);
        assertEquals(9 / 12.0, m.accuracy(), 1e-12);
        assertEquals((0.8 + 0.5) / 2, m.uar(), 1e-12, "UAR over classes present in the truth");
        assertEquals(8 / 9.0, m.precision(0), 1e-12);
        double f1a = 2 * (8 / 9.0) * 0.8 / (8 / 9.0 + 0.8);
        double f1b = 2 * 0.5 * 0.5 / 1.0;
        assertEquals((f1a + f1b) / 2, m.macroF1(), 1e-12);
        assertTrue(Double.isNaN(m.recall(2)));
        assertEquals(10, m.support(0), "utterances whose truth is a");
        assertEquals(2, m.support(1));
        assertEquals(0, m.support(2));
        ConfusionMatrix pooled = new ConfusionMatrix(List.of("a", "b", "c"));
        pooled.addAll(m);
        pooled.addAll(m);
        assertEquals(24, pooled.total());
        assertEquals(m.uar(), pooled.uar(), 1e-12);
    }

    @Test
    void confusionCountsRoundTripAndRefuseTheWrongSize() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("a", "b"));
        m.add(0, 0);
        m.add(0, 1);
        m.add(1, 1);
        ConfusionMatrix back = ConfusionMatrix.of(m.labels(), m.counts());
        assertEquals(m.uar(), back.uar());
        assertEquals(1, back.count(0, 1));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(List.of("a", "b"), new long[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(List.of("a", "b"), new long[][] {{1}, {2}}));
    }

    @Test
    void leaveOneCorpusOutTestsEachCorpusOnItsOwnLabelsThatTrainingKnows() {
        Corpus a = corpus("a", 2, Emotion.ANGRY, Emotion.SAD, Emotion.BOREDOM);
        Corpus b = corpus("b", 3, Emotion.ANGRY, Emotion.SAD, Emotion.HAPPY);
        Corpus c = corpus("c", 2, Emotion.ANGRY, Emotion.HAPPY, Emotion.SAD);
        List<Corpus> all = List.of(a, b, c);
        Corpus combined = Corpus.concat(all);
        List<Fold> folds = LeaveOneCorpusOut.folds(all);
        assertEquals(List.of("test a", "test b", "test c"), folds.stream().map(Fold::name).toList());
        // a's boredom is in no other corpus: not tested
        assertEquals(List.of("sad", "angry"), folds.get(0).labels());
        assertEquals(4, folds.get(0).test().size());
        assertEquals(List.of("happy", "sad", "angry"), folds.get(1).labels());
        for (Fold f : folds) {
            String held = f.name().substring(5);
            f.test().forEach(i -> assertEquals(held, combined.utterances().get(i).corpus()));
            f.train().forEach(i -> assertFalse(combined.utterances().get(i).corpus().equals(held)));
            assertEquals(combined.utterances().size() - (f.name().equals("test a") ? 6 : f.name().equals("test b") ? 9 : 6),
                    f.train().size(), "everything else trains, unrestricted");
            assertSpeakerDisjoint(combined, f);
        }
        SentioException one = assertThrows(SentioException.class, () -> LeaveOneCorpusOut.folds(List.of(a)));
        assertTrue(one.getMessage().contains("at least two corpora"), one.getMessage());
        Corpus odd = corpus("odd", 2, Emotion.BOREDOM, Emotion.CALM);
        SentioException nothing = assertThrows(SentioException.class, () -> LeaveOneCorpusOut.folds(List.of(b, odd)));
        assertTrue(nothing.getMessage().startsWith("b shares 0 label(s)") || nothing.getMessage().startsWith("odd shares"),
                nothing.getMessage());
    }

    @Test
    void confusionMatricesOverSomeLabelsPoolByName() {
        ConfusionMatrix all = new ConfusionMatrix(List.of("a", "b", "c"));
        ConfusionMatrix part = new ConfusionMatrix(List.of("a", "c"));
        part.add(1, 0);
        part.add(1, 1);
        all.addByLabel(part);
        assertEquals(1, all.count(2, 0));
        assertEquals(1, all.count(2, 2));
        assertEquals(2, all.total());
        assertThrows(IllegalArgumentException.class, () -> part.addByLabel(all));
    }

    @Test
    void expectedCalibrationErrorAndTemperature() {
        Calibration perfect = new Calibration();
        for (int i = 0; i < 100; i++) {
            perfect.add(0.8, i % 5 != 0); // 80 % right at confidence 0.8
        }
        assertEquals(0.0, perfect.ece(), 1e-12);
        Calibration over = new Calibration();
        for (int i = 0; i < 100; i++) {
            over.add(1.0, i % 2 == 0);
        }
        assertEquals(0.5, over.ece(), 1e-12);
        assertEquals(0.5, Calibration.of(over.state()).ece(), 1e-12, "saved and read back");
        // two classes, always 99 % sure, right 70 % of the time: the best temperature brings the confidence to 0.7
        float[][] p = new float[100][];
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            p[i] = new float[] {0.99f, 0.01f};
            y[i] = i < 70 ? 0 : 1;
        }
        double t = Calibration.fitTemperature(p, y);
        float[] tempered = Calibration.temper(p[0], t);
        assertEquals(0.7, tempered[0], 1e-3);
        assertEquals(1.0, tempered[0] + tempered[1], 1e-6);
        assertTrue(t > 1, "overconfident: T " + t);
        assertEquals(0.99f, Calibration.temper(p[0], 1.0)[0], 1e-6f, "T = 1 changes nothing");
        // weighted: the 70 right ones weighing 9/14 each and the 30 wrong ones 1 each are right 60 % of the weight,
        // so the best temperature brings the confidence to 0.6
        double[] w = new double[100];
        for (int i = 0; i < 100; i++) {
            w[i] = i < 70 ? 9.0 / 14 : 1.0;
        }
        assertEquals(0.6, Calibration.temper(p[0], Calibration.fitTemperature(p, y, w))[0], 1e-3);
        java.util.Arrays.fill(w, 2.0);
        assertEquals(t, Calibration.fitTemperature(p, y, w), 1e-9, "equal weights fit as none");
    }

    @Test
    void ensembleCombinations() {
        float[][] members = {{0.9f, 0.1f, 0f}, {0.5f, 0.3f, 0.2f}};
        assertArrayEquals(new float[] {0.7f, 0.2f, 0.1f}, Probabilities.mean(members), 1e-6f);
        float[] g = Probabilities.geometricMean(members);
        // sqrt(0.45) : sqrt(0.03) : ~0 (one network's zero vetoes the class), renormalised
        double a = Math.sqrt(0.45);
        double b = Math.sqrt(0.03);
        assertEquals(a / (a + b), g[0], 1e-5);
        assertEquals(b / (a + b), g[1], 1e-5);
        assertTrue(g[2] < 1e-15, "a class one network rules out stays out: " + g[2]);
        // tempering the geometric mean = tempering each network's log-probabilities before combining
        float[][] tempered = {Calibration.temper(members[0], 2.5), Calibration.temper(members[1], 2.5)};
        assertArrayEquals(Calibration.temper(g, 2.5), Probabilities.geometricMean(tempered), 1e-5f);
        float[] one = {0.2f, 0.8f};
        assertArrayEquals(one, Probabilities.geometricMean(new float[][] {one}), 1e-6f, "one network is itself");
        assertArrayEquals(one, Probabilities.mean(new float[][] {one}), 1e-6f);
    }
}
