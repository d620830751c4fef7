package dev.sentio.features;

import dev.sentio.SentioException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProsodyTest {
    private static final int SR = 16000;

    /** A vowel-like tone: harmonics of f0 falling off with frequency, gliding by {@code glide} semitones. */
    private static float[] voice(double f0, double seconds, double glide, double gain) {
        return voice(f0, seconds, glide, gain, SR);
    }

    private static float[] voice(double f0, double seconds, double glide, double gain, int sampleRate) {
        float[] y = new float[(int) (seconds * sampleRate)];
        double phase = 0;
        for (int i = 0; i < y.length; i++) {
            double f = f0 * Math.pow(2, glide * i / y.length / 12);
            phase += 2 * Math.PI * f / sampleRate;
            double v = 0;
            for (int h = 1; h <= 10; h++) {
                v += Math.sin(h * phase) / h;
            }
            y[i] = (float) (gain * 0.3 * v);
        }
        return y;
    }

    private static double value(float[] values, String name) {
        return values[Prosody.NAMES.indexOf(name)];
    }

    @Test
    void aSteadyVoiceHasItsPitchInSemitonesAndIsVoicedThroughout() {
        float[] v = Prosody.of(voice(200, 1.0, 0, 1), SR);
        assertEquals(Prosody.NAMES.size(), v.length);
        double semitones = 12 * Math.log(200 / 27.5) / Math.log(2); // 34.37
        assertEquals(semitones, value(v, "f0_semitone_p50"), 0.2);
        assertTrue(value(v, "f0_semitone_range") < 0.3, "a steady tone has no pitch range");
        assertTrue(value(v, "voiced_fraction") > 0.95);
        assertEquals(1.0, value(v, "voiced_segments_per_s"), 0.05, "one voiced stretch in one second");
        assertTrue(value(v, "hnr_p50") > 15, "a periodic signal is mostly harmonic: " + value(v, "hnr_p50"));
        assertTrue(value(v, "jitter") < 0.01);
    }

    @Test
    void aRisingGlideRisesAndCoversItsRange() {
        float[] v = Prosody.of(voice(150, 1.0, 6, 1), SR);
        assertEquals(6 * 0.6, value(v, "f0_semitone_range"), 0.5, "20th to 80th percentile of a 6-semitone glide");
        assertTrue(value(v, "f0_rise") > 0);
        assertEquals(0.0, value(v, "f0_fall"), 0.05);
    }

    /**
     * At 16 and 8 kHz a frame's window is two hops, whose lag products are computed once per hop; at 22.05 kHz it is
     * not, and each frame gets its own; at 13.99 kHz the window and the lags fill a power-of-two FFT exactly. Every
     * layout finds the same pitch and periodicity, with or without an offset.
     */
    @Test
    void everySampleRateAndAnOffsetGiveTheSamePitch() {
        double semitones = 12 * Math.log(180 / 27.5) / Math.log(2);
        for (int rate : new int[] {8000, 16000, 22050, 13990}) {
            float[] clean = Prosody.of(voice(180, 0.8, 0, 1, rate), rate);
            assertEquals(semitones, value(clean, "f0_semitone_p50"), 0.3, rate + " Hz");
            assertTrue(value(clean, "voiced_fraction") > 0.9, rate + " Hz");
            assertTrue(value(clean, "hnr_p50") > 15, rate + " Hz: " + value(clean, "hnr_p50"));
            float[] y = voice(180, 0.8, 0, 1, rate);
            for (int i = 0; i < y.length; i++) {
                y[i] += 0.2f; // each pitch frame's mean is removed: an offset moves nothing the pitch search sees
            }
            float[] offset = Prosody.of(y, rate);
            for (String name : List.of("f0_semitone_mean", "f0_semitone_sd", "hnr_mean", "hnr_p50", "jitter",
                    "shimmer", "voiced_fraction")) {
                assertEquals(value(clean, name), value(offset, name), 1e-3, rate + " Hz, " + name);
            }
        }
    }

    /**
     * The pitch search keeps its running sums for 32 frames (0.32 s) at a time: a 6 s voice crosses many such
     * stretches, and its pitch, periodicity and voicing hold across them, with or without an offset.
     */
    @Test
    void aLongVoiceKeepsItsPitchAcrossTheStretchesOfRunningSums() {
        float[] y = voice(200, 6.0, 0, 1);
        float[] clean = Prosody.of(y, SR);
        assertEquals(12 * Math.log(200 / 27.5) / Math.log(2), value(clean, "f0_semitone_p50"), 0.2);
        assertTrue(value(clean, "f0_semitone_range") < 0.3, "a steady tone has no pitch range");
        assertTrue(value(clean, "voiced_fraction") > 0.95);
        assertTrue(value(clean, "hnr_p20") > 15, "periodic throughout: " + value(clean, "hnr_p20"));
        assertTrue(value(clean, "jitter") < 0.01);
        for (int i = 0; i < y.length; i++) {
            y[i] += 0.2f;
        }
        float[] offset = Prosody.of(y, SR);
        for (String name : List.of("f0_semitone_mean", "f0_semitone_sd", "hnr_mean", "hnr_p20", "jitter",
                "voiced_fraction")) {
            assertEquals(value(clean, name), value(offset, name), 1e-3, name);
        }
    }

    @Test
    void theLoudnessPowerIsMathPowTo1e14() {
        Random r = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            double p = Math.exp(r.nextDouble() * 80 - 40) * (1 + r.nextDouble());
            double expected = Math.pow(p, 0.3);
            assertEquals(expected, Prosody.powerTo03(p), 1e-14 * expected, "p = " + p);
        }
        for (double p : new double[] {1e-10, 1, 2, Math.nextDown(2.0), Math.nextUp(1.0), 1 + 1 / 256.0, 1e300,
                Double.MIN_NORMAL, Double.MAX_VALUE}) {
            double expected = Math.pow(p, 0.3);
            assertEquals(expected, Prosody.powerTo03(p), 1e-14 * expected, "p = " + p);
        }
        // what is not a positive normal number goes to Math.pow itself
        for (double p : new double[] {0, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NaN, -1}) {
            assertEquals(Math.pow(p, 0.3), Prosody.powerTo03(p), "p = " + p);
        }
    }

    @Test
    void gainDoesNotMoveAnyValue() {
        float[] quiet = Prosody.of(voice(220, 0.8, 3, 0.1), SR);
        float[] loud = Prosody.of(voice(220, 0.8, 3, 1), SR);
        assertArrayEquals(loud, quiet, 1e-3f);
    }

    @Test
    void noiseIsNotVoicedAndNothingIsNaN() {
        Random r = new Random(1);
        float[] y = new float[SR];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.1 * r.nextGaussian());
        }
        float[] v = Prosody.of(y, SR);
        assertTrue(value(v, "voiced_fraction") < 0.05, "white noise: " + value(v, "voiced_fraction"));
        for (float x : v) {
            assertTrue(Float.isFinite(x));
        }
        float[] tiny = Prosody.of(new float[] {0.5f, -0.5f, 0.25f}, SR); // shorter than one frame
        for (float x : tiny) {
            assertTrue(Float.isFinite(x));
        }
    }

    @Test
    void itFollowsTheFunctionalsOfTheFrameColumnsAndNeedsPooling() {
        FeatureConfig both = FeatureConfig.seedRaw().withSampleRate(SR).withFeatures(List.of("rms", "prosody"), 0)
                .withPooling(FeatureConfig.FUNCTIONALS);
        FeatureExtractor extractor = new FeatureExtractor(both);
        float[] y = voice(180, 0.5, 0, 1);
        FeatureMatrix m = extractor.features(y, SR);
        assertEquals(1, m.frames());
        assertEquals(Functionals.NAMES.size() + Prosody.NAMES.size(), m.columns());
        assertEquals(extractor.columnNames(), m.names());
        assertEquals("f0_semitone_mean", m.names().get(Functionals.NAMES.size()));
        float[] prosody = Prosody.of(y, SR);
        for (int i = 0; i < prosody.length; i++) {
            assertEquals(prosody[i], m.values()[0][Functionals.NAMES.size() + i]);
        }
        FeatureConfig alone = both.withFeatures(List.of("prosody"), 0);
        assertEquals(Prosody.NAMES, new FeatureExtractor(alone).features(y, SR).names());
        FeatureConfig frameWise = FeatureConfig.seedRaw().withFeatures(List.of("mfcc", "prosody"), 0);
        SentioException e = assertThrows(SentioException.class, () -> new FeatureExtractor(frameWise));
        assertTrue(e.getMessage().contains("one row per utterance"), e.getMessage());
    }
}
