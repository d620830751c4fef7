package dev.sentio.app;

import dev.sentio.audio.WavWriter;
import dev.sentio.features.FeatureConfig;
import dev.sentio.model.Networks;
import dev.sentio.model.SpeechGate;
import dev.sentio.preprocess.NoiseMixer;
import dev.sentio.vad.TestSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeechGateFittingTest {
    @TempDir
    Path dir;

    private static List<float[]> cloud(Random r, int n, double centre) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[6];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) (centre * (j % 2 == 0 ? 1 : -1) + 0.5 * r.nextGaussian());
            }
            out.add(x);
        }
        return out;
    }

    @Test
    void separatesTwoCloudsWithItsThresholdBelowNearlyAllSpeech() {
        Random r = new Random(3);
        List<float[]> speech = cloud(r, 400, 1);
        List<float[]> noise = cloud(r, 60, -1);
        SpeechGate gate = SpeechGateFitting.fit(speech, noise);
        assertTrue(gate.threshold() <= -SpeechGateFitting.MARGIN, "the threshold lies a margin below 0");
        assertEquals(1.0, speech.stream().filter(x -> gate.score(x) >= gate.threshold()).count() / 400.0, 0.0);
        long passed = noise.stream().filter(x -> gate.score(x) >= gate.threshold()).count();
        assertEquals(0, passed, "the other cloud is turned away");
        SpeechGate again = SpeechGateFitting.fit(speech, noise);
        assertArrayEquals(gate.weights(), again.weights(), "the same data gives the same gate");
        assertEquals(gate.threshold(), again.threshold());
        // unseen points from the two clouds fall on their sides
        assertTrue(cloud(new Random(9), 50, 1).stream().allMatch(x -> gate.score(x) >= gate.threshold()));
        assertTrue(cloud(new Random(9), 50, -1).stream().noneMatch(x -> gate.score(x) >= gate.threshold()));
    }

    @Test
    void nonSpeechIsEachSoundItsCropsAndTheGeneratedSignals() throws Exception {
        Random r = new Random(1);
        WavWriter.write(dir.resolve("n1.wav"), NoiseMixer.pink(24000, r), 16000);
        WavWriter.write(dir.resolve("n2.wav"), NoiseMixer.white(40000, r), 16000);
        FeatureConfig config = Networks.defaultFeatures("functionals", 16000);
        List<float[]> features = SpeechGateFitting.nonSpeechFeatures(config,
                NoiseMixer.of(List.of(dir.toString())).files(), 0, 8);
        // silence has no features; every other generated signal, both sounds and 8 crops of each do
        int generated = TestSignals.nonSpeech(16000, 2.0).size();
        assertTrue(features.size() >= 2 * 9 + generated - 2 && features.size() <= 2 * 9 + generated,
                features.size() + " examples");
        assertEquals(SpeechGate.pool(new dev.sentio.features.FeatureExtractor(config).extract(
                dev.sentio.audio.AudioLoader.load(dir.resolve("n1.wav"), 16000)).values()).length, features.get(0).length);
    }

    /**
     * A gate reads the model's own features, preprocessing and all, so that nothing is computed twice; a model on the
     * prosodic values alone gets the spectral functionals.
     */
    @Test
    void aGateReadsTheModelsOwnFeaturesUnlessTheyAreOnlyProsody() {
        FeatureConfig spectral = Networks.defaultFeatures("functionals", 16000);
        FeatureConfig prosody = spectral.withFeatures(List.of("prosody"), 0);
        FeatureConfig both = spectral.withFeatures(List.of("contrast", "chroma", "mfcc", "rms", "zcr", "prosody"), 0);
        FeatureConfig.Preprocessing trim = new FeatureConfig.Preprocessing("peak", 30.0, null, false);
        assertEquals(spectral, SpeechGateFitting.gateFeatures(prosody));
        assertEquals(spectral.withSampleRate(8000), SpeechGateFitting.gateFeatures(prosody.withSampleRate(8000)));
        assertEquals(spectral, SpeechGateFitting.gateFeatures(spectral));
        assertEquals(both, SpeechGateFitting.gateFeatures(both));
        assertEquals(both.withPreprocessing(trim), SpeechGateFitting.gateFeatures(both.withPreprocessing(trim)),
                "the networks' features, trimmed as theirs are: computed once for both");
        FeatureConfig withDeltas = spectral.withFeatures(List.of("mfcc"), 1).withPreprocessing(trim);
        assertEquals(withDeltas, SpeechGateFitting.gateFeatures(withDeltas));
    }
}
