package dev.sentio.model;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.TestAudioFiles;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.CorpusReaders;
import dev.sentio.corpus.Utterance;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.io.FeatureCache;
import dev.sentio.model.train.BundleTraining;
import dev.sentio.model.train.SequenceClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBundleTest {
    @TempDir
    static Path dir;
    static Path modelFile;
    static Path sample;

    /** A tiny model trained on generated voice-like sounds: low pitch "sad", high pitch "angry", three "speakers". */
    @BeforeAll
    static void trainTinyModel() throws IOException {
        Path data = dir.resolve("data");
        StringBuilder manifest = new StringBuilder("path,label,speaker\n");
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 6; i++) {
                for (String label : List.of("sad", "angry")) {
                    double hz = (label.equals("sad") ? 120 : 260) * (1 + 0.03 * i + 0.01 * s);
                    String name = label + s + "_" + i + ".wav";
                    TestAudioFiles.write(Files.createDirectories(data), name, TestAudioFiles.wav(TestAudioFiles.PCM,
                            16000, 16, dev.sentio.vad.TestSignals.voiceLike(12000, 16000, hz, label.equals("sad") ? 0.1 : 0.5)));
                    manifest.append(name).append(',').append(label).append(",spk").append(s).append('\n');
                }
            }
        }
        Files.writeString(data.resolve("list.csv"), manifest);
        corpus = CorpusReaders.manifest(data.resolve("list.csv"));
        modelFile = train("seed");
        sample = data.resolve("angry0_0.wav");
    }

    private static Corpus corpus;

    private static Path train(String architecture) {
        FeatureConfig config = Networks.defaultFeatures(architecture, 16000);
        FeatureCache cache = new FeatureCache(dir.resolve("cache"), new FeatureExtractor(config));
        List<float[][]> features = corpus.utterances().stream().map(u -> cache.features(u.file()).values()).toList();
        ModelBundle bundle = BundleTraining.train(corpus, features, architecture, config,
                new SequenceClassifier.Settings(15, 10, 5, 8, 5e-3f, 1), null, e -> { });
        Path file = dir.resolve("tiny-" + architecture + ".sentio");
        bundle.save(file);
        return file;
    }

    /** Every architecture predicts in plain Java (no engine) as its DJL network does, from file to probabilities. */
    @ParameterizedTest
    @ValueSource(strings = {"seed", "attentive", "statistics", "functionals"})
    void plainJavaModelsPredictWithoutTheEngineAsWithIt(String architecture) {
        Path file = architecture.equals("seed") ? modelFile : train(architecture);
        assertTrue(ModelBundle.load(file).hasPlainWeights(), "the bundle carries plain weights");
        try (Recognizer plain = Recognizer.load(file); Recognizer djl = dev.sentio.model.nn.DjlNetwork.recognizer(ModelBundle.load(file))) {
            for (Utterance u : corpus.utterances()) {
                assertArrayEquals(djl.recognize(u.file()).probabilities(), plain.recognize(u.file()).probabilities(),
                        2e-5f, u.file().toString());
            }
            assertEquals("angry", plain.recognize(sample).label());
        }
    }

    @Test
    void roundTripPredictsTheSameAndKeepsEverything() {
        ModelBundle loaded = ModelBundle.load(modelFile);
        assertEquals(List.of("sad", "angry"), loaded.labels());
        assertEquals("seed", loaded.architecture());
        assertEquals(Networks.defaultFeatures("seed", 16000), loaded.features());
        assertTrue(loaded.provenance().containsKey("validationUar"));
        try (Recognizer a = Recognizer.load(modelFile); Recognizer b = Recognizer.load(modelFile)) {
            Recognizer.Prediction p = a.recognize(sample);
            assertEquals(1.0, p.probabilities()[0] + p.probabilities()[1], 1e-5);
            assertArrayEquals(p.probabilities(), b.recognize(sample).probabilities(), 1e-6f);
            Audio audio = dev.sentio.audio.AudioLoader.load(sample);
            assertArrayEquals(p.probabilities(), a.recognize(audio.samples(), audio.sampleRate()).probabilities(), 1e-6f);
            assertEquals("angry", p.label());
        }
    }

    @Test
    void temperatureIsSavedAndTempersEveryPrediction() {
        Path file = dir.resolve("tempered.sentio");
        ModelBundle.load(modelFile).withTemperature(3.0).save(file);
        assertEquals(3.0, ModelBundle.load(file).temperature());
        assertEquals(1.0, ModelBundle.load(modelFile).temperature(), "the default leaves probabilities alone");
        try (Recognizer plain = Recognizer.load(modelFile); Recognizer tempered = Recognizer.load(file)) {
            float[] p = plain.recognize(sample).probabilities();
            assertArrayEquals(dev.sentio.evaluation.Calibration.temper(p, 3.0), tempered.recognize(sample).probabilities(),
                    1e-6f);
        }
    }

    @Test
    void noSpeechGetsNoneAndLabelSubsetsRenormalise() {
        try (Recognizer r = Recognizer.load(modelFile)) {
            Recognizer.Prediction silence = r.recognize(new float[16000], 16000);
            assertEquals(Recognizer.NONE, silence.label());
            assertTrue(!silence.speech() && silence.reason().startsWith("silence"), silence.reason());
            Recognizer.Prediction tone = r.recognize(dev.sentio.vad.TestSignals.tone(32000, 16000, 220, 0.5), 16000);
            assertEquals(Recognizer.NONE, tone.label(), "a tone gets no emotion");
            Recognizer.Prediction p = r.recognize(sample);
            Recognizer.Prediction sad = p.restrictedTo(List.of("sad"));
            assertEquals("sad", sad.label());
            assertEquals(1f, sad.confidence(), 1e-6f);
            assertEquals(List.of("sad"), sad.labels());
            assertEquals(p.label(), p.restrictedTo(List.of("angry", "sad")).label(), "the full set changes nothing");
            SentioException e = assertThrows(SentioException.class, () -> r.requireLabels(List.of("happy")));
            assertEquals("this model has no label happy: it knows sad, angry", e.getMessage());
        }
    }

    @Test
    void aSpeechGateIsSavedAndTurnsAwayWhatItScoresBelowItsThreshold() {
        ModelBundle model = ModelBundle.load(modelFile);
        int columns = model.columns();
        float[] pooled = SpeechGate.pool(new FeatureExtractor(model.features()).extract(
                dev.sentio.audio.AudioLoader.load(sample)).values());
        float[] first = new float[columns];
        first[0] = 1;
        dev.sentio.model.data.Standardizer unit = dev.sentio.model.data.Standardizer.identity(columns);
        // the score is the first pooled column itself: a threshold just above it turns the sample away
        Path strict = dir.resolve("strict.sentio");
        model.withSpeechGate(new SpeechGate(unit, first, 0, pooled[0] + 1e-3)).save(strict);
        Path lenient = dir.resolve("lenient.sentio");
        model.withSpeechGate(new SpeechGate(unit, first, 0, pooled[0] - 1e-3)).save(lenient);
        assertEquals(pooled[0] + 1e-3, ModelBundle.load(strict).speechGate().threshold(), 1e-9);
        assertArrayEquals(first, ModelBundle.load(strict).speechGate().weights());
        assertEquals(null, model.speechGate(), "a model without a gate reads as one");
        try (Recognizer plain = Recognizer.load(modelFile); Recognizer no = Recognizer.load(strict);
             Recognizer yes = Recognizer.load(lenient)) {
            Recognizer.Prediction p = no.recognize(sample);
            assertEquals(Recognizer.NONE, p.label());
            assertTrue(p.reason().startsWith("no voice found by the model's speech gate"), p.reason());
            assertArrayEquals(plain.recognize(sample).probabilities(), yes.recognize(sample).probabilities(), 0f,
                    "a gate that passes the recording leaves its answer as it was");
        }
        SentioException e = assertThrows(SentioException.class, () -> model.withSpeechGate(new SpeechGate(
                dev.sentio.model.data.Standardizer.identity(3), new float[3], 0, 0)));
        assertTrue(e.getMessage().contains("speech gate reads 3 feature columns"), e.getMessage());
        assertThrows(SentioException.class, () -> new SpeechGate(unit, new float[columns], Double.NaN, 0));
    }

    @Test
    void aSpeechGateWithFeaturesOfItsOwnScoresThoseAndIsSavedWithThem() {
        ModelBundle model = ModelBundle.load(modelFile);
        FeatureConfig own = model.features().withFeatures(List.of("rms", "zcr"), 0)
                .withPooling(FeatureConfig.FUNCTIONALS);
        float[] pooled = new FeatureExtractor(own).extract(dev.sentio.audio.AudioLoader.load(sample)).values()[0];
        assertTrue(pooled.length != model.columns(), "a test of columns other than the model's");
        float[] first = new float[pooled.length];
        first[0] = 1; // the score is the mean RMS itself
        dev.sentio.model.data.Standardizer unit = dev.sentio.model.data.Standardizer.identity(pooled.length);
        Path strict = dir.resolve("own-strict.sentio");
        model.withSpeechGate(new SpeechGate(unit, first, 0, pooled[0] + 1e-3, own)).save(strict);
        Path lenient = dir.resolve("own-lenient.sentio");
        model.withSpeechGate(new SpeechGate(unit, first, 0, pooled[0] - 1e-3, own)).save(lenient);
        assertEquals(own, ModelBundle.load(strict).speechGate().features());
        try (Recognizer plain = Recognizer.load(modelFile); Recognizer no = Recognizer.load(strict);
             Recognizer yes = Recognizer.load(lenient)) {
            assertEquals(Recognizer.NONE, no.recognize(sample).label());
            assertArrayEquals(plain.recognize(sample).probabilities(), yes.recognize(sample).probabilities(), 0f);
        }
        SentioException e = assertThrows(SentioException.class, () -> model.withSpeechGate(new SpeechGate(
                dev.sentio.model.data.Standardizer.identity(3), new float[3], 0, 0, own)));
        assertTrue(e.getMessage().contains("3 weights for the " + pooled.length + " columns of its own features"),
                e.getMessage());
    }

    @Test
    void addedProvenanceIsSavedAndReadBack() {
        Path file = dir.resolve("more.sentio");
        ModelBundle.load(modelFile).withProvenance("speedPerturbation", List.of(0.9, 1.1)).save(file);
        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(List.of(0.9, 1.1), loaded.provenance().get("speedPerturbation"));
        assertTrue(loaded.provenance().containsKey("validationUar"), "the rest is kept");
    }

    /** Member {@code k} of a bundle as a model of its own. */
    private static ModelBundle member(ModelBundle b, int k) {
        return new ModelBundle(b.architecture(), b.labels(), b.features(), List.of(b.members().get(k)), b.provenance(),
                b.temperature(), b.speakerNormalised());
    }

    @Test
    void anEnsembleCombinesItsNetworksAndKeepsThemAllInTheFile() throws IOException {
        FeatureConfig config = Networks.defaultFeatures("functionals", 16000);
        FeatureCache cache = new FeatureCache(dir.resolve("cache"), new FeatureExtractor(config));
        List<float[][]> features = corpus.utterances().stream().map(u -> cache.features(u.file()).values()).toList();
        ModelBundle trained = BundleTraining.train(corpus, features, List.of(), "functionals", config,
                new SequenceClassifier.Settings(15, 10, 5, 8, 5e-3f, 1), 2, null, e -> { });
        assertEquals(2, trained.members().size());
        assertEquals(2, trained.provenance().get("networks"));
        assertEquals(ModelBundle.Combination.GEOMETRIC_MEAN, trained.combination());
        Path file = dir.resolve("ensemble.sentio");
        trained.withTemperature(2.0).save(file);
        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(2, loaded.members().size());
        assertEquals(2.0, loaded.temperature());
        assertEquals(ModelBundle.Combination.GEOMETRIC_MEAN, loaded.combination());
        float[] alone = {0.3f, 0.7f};
        assertSame(alone, ModelBundle.Combination.GEOMETRIC_MEAN.combine(new float[][] {alone}),
                "one network's probabilities pass through untouched");
        // an ensemble as format 2 wrote it (probabilities averaged) is read and recognises as it did
        Path older = dir.resolve("mean-ensemble.sentio");
        new ModelBundle(loaded.architecture(), loaded.labels(), loaded.features(), loaded.members(),
                loaded.provenance(), 2.0, false, null, ModelBundle.Combination.MEAN).save(older);
        ModelBundle mean = ModelBundle.load(older);
        assertEquals(ModelBundle.Combination.MEAN, mean.combination());
        try (Recognizer both = Recognizer.of(loaded); Recognizer first = Recognizer.of(member(loaded, 0).withTemperature(1));
             Recognizer second = Recognizer.of(member(loaded, 1).withTemperature(1));
             Recognizer averaging = Recognizer.of(mean);
             Recognizer djl = dev.sentio.model.nn.DjlNetwork.recognizer(loaded)) {
            for (Utterance u : corpus.utterances()) {
                float[][] each = {first.recognize(u.file()).probabilities(), second.recognize(u.file()).probabilities()};
                float[] p = both.recognize(u.file()).probabilities();
                assertArrayEquals(dev.sentio.evaluation.Calibration.temper(
                        dev.sentio.evaluation.Probabilities.geometricMean(each), 2.0), p, 1e-6f, u.file().toString());
                assertArrayEquals(dev.sentio.evaluation.Calibration.temper(
                        dev.sentio.evaluation.Probabilities.mean(each), 2.0),
                        averaging.recognize(u.file()).probabilities(), 1e-6f, "format 2: " + u.file());
                assertArrayEquals(p, djl.recognize(u.file()).probabilities(), 2e-5f, "on the engine as in plain Java");
            }
        }
        assertTrue(!Arrays.equals(loaded.members().get(0).plainWeights(), loaded.members().get(1).plainWeights()),
                "the members are different networks (their own seeds and validation speakers)");

        // a file that lost one member's weights is refused, naming what is missing
        Path broken = dir.resolve("broken-ensemble.sentio");
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(file));
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(broken))) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (!e.getName().equals("parameters-1.djl")) {
                    out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                    out.write(in.readAllBytes());
                    out.closeEntry();
                }
            }
        }
        assertRefused(broken, "parameters-1.djl is missing");
        SentioException mixed = assertThrows(SentioException.class, () -> ModelBundle.ensemble(
                List.of(ModelBundle.load(file), ModelBundle.load(modelFile))));
        assertTrue(mixed.getMessage().contains("must share architecture"), mixed.getMessage());
    }

    /**
     * Networks on views of the features (late fusion) are saved with their columns as format 4, recognise on the
     * engine as in plain Java, and a network whose columns do not fit the features is refused.
     */
    @Test
    void networksOnViewsOfTheFeaturesKeepTheirColumns() throws IOException {
        FeatureConfig config = Networks.defaultFeatures("functionals", 16000);
        FeatureCache cache = new FeatureCache(dir.resolve("cache"), new FeatureExtractor(config));
        List<float[][]> features = corpus.utterances().stream().map(u -> cache.features(u.file()).values()).toList();
        FeatureExtractor extractor = new FeatureExtractor(config);
        List<int[]> views = List.of(extractor.viewColumns(List.of("mfcc")), extractor.viewColumns(List.of("contrast", "rms")));
        ModelBundle trained = BundleTraining.train(corpus, features, List.of(), "functionals", config,
                new SequenceClassifier.Settings(15, 10, 5, 8, 5e-3f, 1), 1, views, null, e -> { });
        Path file = dir.resolve("views.sentio");
        trained.save(file);
        ModelBundle loaded = ModelBundle.load(file);
        assertTrue(loaded.hasViews());
        assertEquals(extractor.columnNames().size(), loaded.columns());
        assertArrayEquals(views.get(1), loaded.members().get(1).columns());
        int[] second = loaded.members().get(1).columns();
        assertTrue(extractor.columnNames().get(second[0]).startsWith("contrast")
                && extractor.columnNames().get(second[second.length - 1]).startsWith("rms"));
        assertTrue(Arrays.stream(loaded.members().get(0).columns())
                .allMatch(c -> extractor.columnNames().get(c).startsWith("mfcc")));
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            assertTrue(new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes())
                    .contains("\"format\" : 4"));
        }
        try (Recognizer plain = Recognizer.of(loaded); Recognizer djl = dev.sentio.model.nn.DjlNetwork.recognizer(loaded)) {
            for (Utterance u : corpus.utterances().subList(0, 6)) {
                assertArrayEquals(plain.recognize(u.file()).probabilities(), djl.recognize(u.file()).probabilities(),
                        2e-5f, u.file().toString());
            }
        }
        ModelBundle.Member m = loaded.members().get(0);
        SentioException outside = assertThrows(SentioException.class, () -> new ModelBundle(loaded.architecture(),
                loaded.labels(), loaded.features(), List.of(m.reading(java.util.stream.IntStream.range(
                        loaded.columns() - m.width() + 1, loaded.columns() + 1).toArray())), loaded.provenance(), 1.0,
                false));
        assertTrue(outside.getMessage().contains("do not fit"), outside.getMessage());
    }

    @Test
    void damagedTruncatedAndForeignFilesAreRefusedClearly() throws IOException {
        byte[] good = Files.readAllBytes(modelFile);
        Path truncated = dir.resolve("truncated.sentio");
        Files.write(truncated, Arrays.copyOf(good, good.length / 2));
        assertRefused(truncated, "");
        byte[] flipped = good.clone();
        flipped[good.length / 3] ^= 0x55;
        Path damaged = dir.resolve("damaged.sentio");
        Files.write(damaged, flipped);
        assertRefused(damaged, "");
        Path foreign = dir.resolve("foreign.sentio");
        Files.writeString(foreign, "just text");
        assertRefused(foreign, "not a Sentio model");
        assertRefused(dir.resolve("missing.sentio"), "no such model file");
    }

    private static void assertRefused(Path file, String expected) {
        SentioException e = assertThrows(SentioException.class, () -> Recognizer.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
