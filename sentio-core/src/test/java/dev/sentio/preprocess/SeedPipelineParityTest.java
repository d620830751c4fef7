package dev.sentio.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentio.SharedData;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.features.FeatureMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed pipeline on corpora/originals/03a01Fa.wav against {@code golden/03a01Fa.seed-pipeline.json}: every
 * intermediate step, then the final [T, 32] matrix. noisereduce works in float64 (scipy STFT), so the denoised
 * signal is compared by the relative L2 error of the whole signal (< 1e-6), and the features after it with the
 * raw-signal tolerance (relative 1e-4, absolute 1e-4).
 */
class SeedPipelineParityTest {
    private static JsonNode seed;
    private static Audio audio;

    @BeforeAll
    static void load() throws IOException {
        Path golden = SharedData.require("golden/03a01Fa.seed-pipeline.json");
        seed = new ObjectMapper().readTree(golden.toFile()).get("seed");
        audio = AudioLoader.load(SharedData.require("corpora/originals/03a01Fa.wav"));
    }

    @Test
    void pydubNormalisationIsSampleExact() {
        float[] normalised = PeakNormalizer.pydubInt16(audio.samples());
        JsonNode expected = seed.get("normalised");
        assertEquals(expected.get("length").asInt(), normalised.length);
        for (int i = 0; i < 5; i++) {
            assertEquals(expected.get("first5").get(i).asDouble(), normalised[i], 0.0);
        }
        double sum = 0;
        double peak = 0;
        for (float v : normalised) {
            sum += v;
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(expected.get("sum").asDouble(), sum, 0.0, "sum of normalised int16 samples");
        assertEquals(expected.get("max_abs").asDouble(), peak, 0.0);
    }

    @Test
    void trimIndicesAreExact() {
        float[] normalised = PeakNormalizer.pydubInt16(audio.samples());
        int[] idx = SilenceTrimmer.trimIndices(normalised, 30, 2048, 512);
        JsonNode expected = seed.get("trim_indices_on_normalised");
        assertArrayEquals(new int[] {expected.get(0).asInt(), expected.get(1).asInt()}, idx);
    }

    @Test
    void denoisedSignalMatchesNoisereduce() {
        float[] y = PeakNormalizer.pydubInt16(audio.samples());
        y = SilenceTrimmer.trim(y, 30, 2048, 512);
        y = FixedLength.padOrCrop(y, seed.get("padded_length").asInt());
        float[] denoised = new NoiseReducer(audio.sampleRate()).reduce(y);
        JsonNode expected = seed.get("denoised").get("values");
        assertEquals(expected.size(), denoised.length);
        double err = 0;
        double energy = 0;
        double worst = 0;
        for (int i = 0; i < denoised.length; i++) {
            double e = expected.get(i).asDouble();
            err += (denoised[i] - e) * (denoised[i] - e);
            energy += e * e;
            worst = Math.max(worst, Math.abs(denoised[i] - e));
        }
        double relative = Math.sqrt(err / energy);
        System.out.printf("denoised: relative L2 error %.3e, worst sample error %.3e int16 units%n", relative, worst);
        assertTrue(relative < 1e-6, "relative L2 error of the denoised signal " + relative);
    }

    @Test
    void seedFeatureMatrixMatches() {
        FeatureMatrix m = new FeatureExtractor(FeatureConfig.seed()).extract(audio);
        JsonNode expected = seed.get("features_T_by_32").get("values");
        assertEquals(expected.size(), m.frames());
        assertEquals(32, m.columns());
        assertEquals(seed.get("feature_order").get(0).asText(), m.names().get(0));
        assertEquals(seed.get("feature_order").get(31).asText(), m.names().get(31));
        double worst = 0;
        for (int t = 0; t < m.frames(); t++) {
            for (int c = 0; c < 32; c++) {
                double e = expected.get(t).get(c).asDouble();
                double bound = Math.max(1e-4, 1e-4 * Math.abs(e));
                double d = Math.abs(m.values()[t][c] - e);
                worst = Math.max(worst, d / bound);
                assertTrue(d <= bound, String.format("frame %d %s: expected %.6g, got %.6g", t, m.names().get(c), e,
                        m.values()[t][c]));
            }
        }
        System.out.printf("seed [T, 32]: worst error %.3f of its bound (rel 1e-4, abs 1e-4)%n", worst);
    }
}
