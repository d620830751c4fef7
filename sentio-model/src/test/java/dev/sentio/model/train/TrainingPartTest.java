package dev.sentio.model.train;

import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.Emotion;
import dev.sentio.corpus.Utterance;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Perturbed versions of utterances reach the fitting data only, and never change the standardisation. */
class TrainingPartTest {
    @Test
    void perturbedVersionsJoinTheFittingPartOnly() {
        List<Utterance> utterances = new ArrayList<>();
        List<float[][]> originals = new ArrayList<>();
        List<float[][]> faster = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Emotion e = i % 2 == 0 ? Emotion.ANGRY : Emotion.SAD;
            utterances.add(new Utterance(Path.of("u" + i + ".wav"), e, "s" + (i % 10), "test"));
            originals.add(new float[][] {{i, 1}});
            faster.add(i == 3 ? null : new float[][] {{1000 + i, 2}}); // one version failed
        }
        Corpus corpus = new Corpus("test", utterances, List.of());
        int[] y = CrossValidation.labelIndices(corpus, CrossValidation.emotions(corpus));
        List<Integer> trainIdx = java.util.stream.IntStream.range(0, 30).boxed().toList(); // speakers s0..s9, 3 each

        CrossValidation.TrainingPart plain = CrossValidation.TrainingPart.of(corpus, originals, List.of(), y, trainIdx, 7);
        CrossValidation.TrainingPart more = CrossValidation.TrainingPart.of(corpus, originals, List.of(faster), y,
                trainIdx, 7);

        List<Integer> fitting = more.split().train();
        int failed = fitting.contains(3) ? 1 : 0;
        assertEquals(2 * fitting.size() - failed, more.train().labels().length);
        assertEquals(plain.validation().labels().length, more.validation().labels().length);
        assertArrayEquals(plain.standardizer().mean(), more.standardizer().mean(), "fitted on originals only");
        int[] versionLabels = Arrays.copyOfRange(more.train().labels(), fitting.size(), more.train().labels().length);
        int[] expected = fitting.stream().filter(i -> i != 3).mapToInt(i -> y[i]).toArray();
        assertArrayEquals(expected, versionLabels, "each version keeps its utterance's label");
        for (float[][] s : more.validation().sequences()) {
            float raw = s[0][0] * more.standardizer().std()[0] + more.standardizer().mean()[0];
            assertTrue(raw < 1000, "no perturbed version in validation");
        }
    }

    /** A corpus of speakers with these utterance counts, alternating two emotions. */
    private static Corpus speakers(int... sizes) {
        List<Utterance> utterances = new ArrayList<>();
        for (int s = 0; s < sizes.length; s++) {
            for (int i = 0; i < sizes[s]; i++) {
                utterances.add(new Utterance(Path.of("s" + s + "-" + i + ".wav"), i % 2 == 0 ? Emotion.ANGRY : Emotion.SAD,
                        "speaker" + s, "test"));
            }
        }
        return new Corpus("test", utterances, List.of());
    }

    private static List<Integer> all(Corpus c) {
        return java.util.stream.IntStream.range(0, c.utterances().size()).boxed().toList();
    }

    @Test
    void validationTakesATenthOfTheSpeakersButNeverOneWhoHoldsMuchOfTheData() {
        Corpus balanced = speakers(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        for (long seed = 0; seed < 5; seed++) {
            CrossValidation.ValidationSplit split = CrossValidation.ValidationSplit.of(balanced, all(balanced), seed);
            assertEquals(20, split.validation().size(), "two speakers of twenty");
        }
        Corpus oneBig = speakers(300, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        for (long seed = 0; seed < 20; seed++) {
            CrossValidation.ValidationSplit split = CrossValidation.ValidationSplit.of(oneBig, all(oneBig), seed);
            assertEquals(20, split.validation().size(), "two small speakers, seed " + seed);
            assertTrue(split.train().containsAll(java.util.stream.IntStream.range(0, 300).boxed().toList()),
                    "the big speaker is always fitted on, seed " + seed);
        }
        Corpus twoHalves = speakers(50, 50);
        CrossValidation.ValidationSplit split = CrossValidation.ValidationSplit.of(twoHalves, all(twoHalves), 1);
        assertEquals(100 / 7, split.validation().size());
        assertTrue(split.description().contains("every speaker holds over a fifth"), split.description());
    }

    @Test
    void corpusClassBalanceWeighsEveryCellAlike() {
        // corpus 0: 6 angry, 2 sad; corpus 1: 2 angry
        int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 0, 0};
        int[] groups = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
        float[] w = SequenceClassifier.cellWeights(labels, groups);
        double[] cellTotal = new double[3];
        for (int i = 0; i < w.length; i++) {
            cellTotal[labels[i] == 1 ? 1 : groups[i] == 0 ? 0 : 2] += w[i];
        }
        org.junit.jupiter.api.Assertions.assertEquals(cellTotal[0], cellTotal[1], 1e-5);
        org.junit.jupiter.api.Assertions.assertEquals(cellTotal[0], cellTotal[2], 1e-5);
        org.junit.jupiter.api.Assertions.assertEquals(10.0, cellTotal[0] + cellTotal[1] + cellTotal[2], 1e-4,
                "weights average one");
    }

    @Test
    void eachNetworkLeavesOneTrainingCorpusOutInTurn() {
        List<Utterance> utterances = new ArrayList<>();
        String[] corpora = {"tess", "emodb", "ravdess"}; // not in name order: the turn follows names
        for (int i = 0; i < 30; i++) {
            utterances.add(new Utterance(Path.of("u" + i + ".wav"), i % 2 == 0 ? Emotion.ANGRY : Emotion.SAD,
                    "s" + i % 6, corpora[i % 3]));
        }
        Corpus corpus = new Corpus("three", utterances, List.of());
        List<Integer> train = all(corpus).stream().filter(i -> i != 4).toList();
        SequenceClassifier.Settings plain = SequenceClassifier.Settings.seedSetup();
        SequenceClassifier.Settings turn = new SequenceClassifier.Settings(100, 30, 10, 23, 1e-3f, 0, "class", 0, true);

        assertEquals(train, CrossValidation.memberTraining(corpus, train, 2, plain), "all of it without the option");
        String[] expectedLeft = {"emodb", "ravdess", "tess", "emodb"};
        for (int member = 0; member < 4; member++) {
            List<Integer> used = CrossValidation.memberTraining(corpus, train, member, turn);
            String left = expectedLeft[member];
            assertTrue(used.stream().noneMatch(i -> corpus.utterances().get(i).corpus().equals(left)),
                    "member " + member + " leaves " + left + " out");
            assertEquals(train.stream().filter(i -> !corpus.utterances().get(i).corpus().equals(left)).toList(), used,
                    "and keeps every other training utterance");
            assertEquals(left, CrossValidation.leftOut(corpus, train, member));
        }
        List<Integer> emodbOnly = train.stream().filter(i -> corpus.utterances().get(i).corpus().equals("emodb"))
                .toList();
        dev.sentio.SentioException one = org.junit.jupiter.api.Assertions.assertThrows(dev.sentio.SentioException.class,
                () -> CrossValidation.memberTraining(corpus, emodbOnly, 0, turn));
        assertTrue(one.getMessage().contains("at least two training corpora"), one.getMessage());
        dev.sentio.SentioException single = org.junit.jupiter.api.Assertions.assertThrows(
                dev.sentio.SentioException.class, () -> CrossValidation.requireMembers(turn, 1));
        assertTrue(single.getMessage().contains("--ensemble"), single.getMessage());
        CrossValidation.requireMembers(turn, 3);
        CrossValidation.requireMembers(plain, 1);
        assertTrue(turn.withSeed(5).leaveCorpusOut(), "a member's seed keeps the option");
        assertTrue(turn.toString().contains("leaveCorpusOut"), "and the model's provenance names it");
    }
}
