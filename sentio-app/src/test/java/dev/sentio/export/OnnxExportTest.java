package dev.sentio.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.Recognizer;
import dev.sentio.vad.TestSignals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exported models run on ONNX Runtime give the probabilities Sentio's Recognizer gives. */
class OnnxExportTest {
    @TempDir
    static Path dir;
    private static Path manifest;

    @BeforeAll
    static void toyData() {
        manifest = TestSignals.toyCorpus(dir, "sad", "angry", 3, 4);
    }

    private static Path train(String architecture) {
        return dev.sentio.app.ToyModels.train(manifest, dir, architecture, false);
    }

    /** ONNX Runtime's probabilities for every toy file, next to the Recognizer's. */
    private static void assertSameProbabilities(Path modelFile, ModelBundle bundle, Recognizer recognizer)
            throws Exception {
        Path onnx = dir.resolve(modelFile.getFileName() + ".onnx");
        OnnxExport.write(bundle, onnx, modelFile.toString());
        assertTrue(Files.readString(dir.resolve(onnx.getFileName() + ".json")).contains("\"labels\""));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            for (Path f : List.of(dir.resolve("sad00.wav"), dir.resolve("angry12.wav"), dir.resolve("sad23.wav"))) {
                float[][] features = recognizer.analyse(f).features();
                try (OnnxTensor x = OnnxTensor.createTensor(env, features);
                     OrtSession.Result r = session.run(Map.of("features", x))) {
                    float[] onnxP = ((float[][]) r.get(0).getValue())[0];
                    float[] sentioP = recognizer.recognize(f).probabilities();
                    assertArrayEquals(sentioP, onnxP, 2e-5f, bundle.architecture() + " on " + f.getFileName());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed", "attentive", "statistics", "functionals"})
    void everyArchitectureRunsOnOnnxRuntimeAsInSentio(String architecture) throws Exception {
        Path model = train(architecture);
        try (Recognizer r = Recognizer.load(model)) {
            assertEquals(2.5, r.bundle().temperature());
            assertSameProbabilities(model, r.bundle(), r);
        }
    }

    @Test
    void anEnsembleRunsOnOnnxRuntimeAsInSentio() throws Exception {
        Path model = dev.sentio.app.ToyModels.train(manifest, dir, "functionals", false, 3);
        try (Recognizer r = Recognizer.load(model)) {
            assertEquals(3, r.bundle().members().size());
            assertSameProbabilities(model, r.bundle(), r);
        }
        // an ensemble of format 2 (probabilities averaged, then tempered) exports as it recognises too
        ModelBundle b = ModelBundle.load(model);
        Path older = dir.resolve("mean-ensemble.sentio");
        new ModelBundle(b.architecture(), b.labels(), b.features(), b.members(), b.provenance(), 2.5, false, null,
                ModelBundle.Combination.MEAN).save(older);
        try (Recognizer r = Recognizer.load(older)) {
            assertEquals(ModelBundle.Combination.MEAN, r.bundle().combination());
            assertSameProbabilities(older, r.bundle(), r);
        }
    }

    /** A late-fusion model: each network reads its own view of the columns, on ONNX Runtime as in Sentio. */
    @Test
    void aModelOfViewsRunsOnOnnxRuntimeAsInSentio() throws Exception {
        Path model = dev.sentio.app.ToyModels.train(manifest, dir.resolve("views.sentio"), "functionals", false, 2,
                c -> c, List.of(List.of("contrast", "mfcc"), List.of("prosody")));
        try (Recognizer r = Recognizer.load(model)) {
            assertEquals(4, r.bundle().members().size());
            assertTrue(r.bundle().hasViews());
            assertSameProbabilities(model, r.bundle(), r);
        }
    }

    @Test
    void theBundledModel() throws Exception {
        try (Recognizer r = Recognizer.bundled()) {
            assertSameProbabilities(Path.of("bundled.sentio"), r.bundle(), r);
        }
    }
}
