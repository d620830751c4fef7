package dev.sentio.app;

import dev.sentio.SentioException;
import dev.sentio.evaluation.Probabilities;
import dev.sentio.features.FeatureConfig;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.Recognizer;
import dev.sentio.model.train.CrossValidation;
import dev.sentio.report.EvaluationReport;
import dev.sentio.vad.TestSignals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Late fusion (views): each group of networks trained and applied on only its view of the features gives what a
 * model trained on that view's features alone gives, and the group's answers are combined by their geometric mean.
 * The networks come out bit for bit the same, here on toy sets and in BENCHMARKS.md on full corpora (a
 * difference seen once came from a fold saved by an earlier build, which is now trained again instead).
 */
class LateFusionTest {
    @TempDir
    static Path dir;
    private static Path manifest;
    private static final List<String> SPECTRAL = List.of("contrast", "mfcc");
    private static final List<String> PROSODY = List.of("prosody");

    @BeforeAll
    static void toyData() {
        manifest = TestSignals.toyCorpus(dir, "sad", "angry", 3, 4);
    }

    private static UnaryOperator<FeatureConfig> only(List<String> features) {
        return c -> c.withFeatures(features, c.deltaOrder());
    }

    @Test
    void aModelOfViewsHoldsTheNetworksEachViewWouldTrainAloneAndCombinesThem() {
        Path fused = ToyModels.train(manifest, dir.resolve("fused.sentio"), "functionals", false, 1, c -> c,
                List.of(SPECTRAL, PROSODY));
        Path spectral = ToyModels.train(manifest, dir.resolve("spectral.sentio"), "functionals", false, 1,
                only(SPECTRAL), null);
        Path prosody = ToyModels.train(manifest, dir.resolve("prosody.sentio"), "functionals", false, 1,
                only(PROSODY), null);
        try (Recognizer f = Recognizer.load(fused); Recognizer s = Recognizer.load(spectral);
             Recognizer p = Recognizer.load(prosody)) {
            ModelBundle b = f.bundle();
            assertEquals(2, b.members().size());
            assertEquals(s.bundle().columns() + p.bundle().columns(), b.columns());
            // the same seed on the same columns: the same network, bit for bit
            assertArrayEquals(s.bundle().members().get(0).plainWeights(), b.members().get(0).plainWeights());
            assertArrayEquals(p.bundle().members().get(0).plainWeights(), b.members().get(1).plainWeights());
            assertArrayEquals(p.bundle().members().get(0).standardizer().mean(), b.members().get(1).standardizer().mean());
            for (Path file : List.of(dir.resolve("sad00.wav"), dir.resolve("angry12.wav"))) {
                // both tempered by 2.5: the tempered geometric mean is the geometric mean of the tempered
                float[] expected = Probabilities.geometricMean(new float[][] {s.recognize(file).probabilities(),
                        p.recognize(file).probabilities()});
                assertArrayEquals(expected, f.recognize(file).probabilities(), 1e-5f, file.toString());
            }
        }
    }

    @Test
    void anEvaluationOfViewsCombinesWhatEachViewScoresAlone() {
        CrossValidation.Report fused = evaluate(c -> c, List.of(SPECTRAL, PROSODY)).result();
        CrossValidation.Report spectral = evaluate(only(SPECTRAL), null).result();
        CrossValidation.Report prosody = evaluate(only(PROSODY), null).result();
        assertEquals(spectral.folds().size(), fused.folds().size());
        for (int k = 0; k < fused.folds().size(); k++) {
            CrossValidation.FoldResult f = fused.folds().get(k);
            assertArrayEquals(spectral.folds().get(k).utterances(), f.utterances());
            for (int i = 0; i < f.truth().length; i++) {
                float[] expected = Probabilities.geometricMean(new float[][] {spectral.folds().get(k).probabilities()[i],
                        prosody.folds().get(k).probabilities()[i]});
                assertArrayEquals(expected, f.probabilities()[i], 1e-5f, f.fold() + ", utterance " + i);
            }
        }
        assertTrue(fused.folds().get(0).validation().contains("2 views"), fused.folds().get(0).validation());
    }

    @Test
    void aViewNeedsFeatures() {
        SentioException e = assertThrows(SentioException.class, () -> evaluate(c -> c, List.of(SPECTRAL, List.of())));
        assertTrue(e.getMessage().contains("views"), e.getMessage());
        e = assertThrows(SentioException.class, () -> evaluate(c -> c, List.of(List.of("formants"))));
        assertTrue(e.getMessage().contains("formants"), e.getMessage());
    }

    private static EvaluationReport evaluate(UnaryOperator<FeatureConfig> features, List<List<String>> views) {
        TrainingSetup setup = new TrainingSetup(dir, 16000, 1, dir.resolve("cache"), List.of(), "class", null,
                List.of(0.0), false);
        return Evaluation.run(new Evaluation.Request(manifest.toString(), "loso", "functionals", "seed", 6, 2, 1,
                false, false, null, List.of(), features, setup, null, views),
                Progress.to(new PrintWriter(new StringWriter())));
    }
}
