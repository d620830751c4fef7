package dev.sentio.features;

import dev.sentio.SentioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The building blocks on generated signals, checked against their textbook definitions. */
class SpectralUnitTest {
    @ParameterizedTest(name = "n_fft {0}")
    @ValueSource(ints = {16, 400, 401, 512, 1000})
    void stftPowerEqualsNaiveDft(int nFft) {
        Random r = new Random(nFft);
        float[] y = new float[3 * nFft];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) r.nextGaussian();
        }
        int hop = nFft / 3;
        Spectrogram s = Spectrogram.compute(y, 16000, nFft, hop);
        assertEquals(1 + y.length / hop, s.frames());
        int frame = 2;
        for (int k = 0; k <= nFft / 2; k++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < nFft; i++) {
                int idx = frame * hop - nFft / 2 + i;
                double v = idx >= 0 && idx < y.length ? y[idx] : 0;
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / nFft);
                re += v * w * Math.cos(2 * Math.PI * k * i / nFft);
                im -= v * w * Math.sin(2 * Math.PI * k * i / nFft);
            }
            assertEquals(re * re + im * im, s.powerByBin()[k][frame], 1e-9 * (1 + re * re + im * im), "bin " + k);
        }
    }

    /** The batched power-of-two STFT against one JTransforms FFT per frame, for every frame and bin. */
    @ParameterizedTest(name = "n_fft {0}, hop {1}, win {2}, {3} samples")
    @CsvSource({"4, 1, 4, 37", "8, 3, 8, 5", "16, 16, 16, 0", "64, 100, 64, 1000", "512, 160, 400, 16000",
            "256, 64, 256, 19200", "2048, 512, 2048, 44100", "2048, 512, 2048, 300000",
            "16384, 1024, 16384, 100000"})
    void batchedStftEqualsOneFftPerFrame(int nFft, int hop, int winLength, int length) {
        Random r = new Random(length);
        float[] y = new float[length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (r.nextGaussian() * Math.exp(-i / 5000.0)); // decaying: weak bins are tested too
        }
        assertTrue(BatchedStft.isSupported(nFft));
        double[][] batched = Spectrogram.compute(y, 16000, nFft, hop, winLength).powerByBin();
        double[][] framewise = Spectrogram.framewisePower(y, Spectrogram.paddedHann(nFft, winLength), hop);
        assertEquals(framewise.length, batched.length);
        assertEquals(framewise[0].length, batched[0].length);
        for (int f = 0; f < framewise[0].length; f++) {
            double max = 0;
            for (double[] bin : framewise) {
                max = Math.max(max, bin[f]);
            }
            for (int k = 0; k < framewise.length; k++) {
                assertEquals(framewise[k][f], batched[k][f], 1e-13 * max + 1e-300, "frame " + f + " bin " + k);
            }
        }
    }

    /** Each thread keeps its own batch buffers: threads alternating between sizes never see each other's. */
    @Test
    void batchedStftGivesTheSameAnswersFromManyThreads() throws Exception {
        int[] sizes = {256, 512, 2048};
        float[][] signals = new float[sizes.length][];
        double[][][] expected = new double[sizes.length][][];
        for (int i = 0; i < sizes.length; i++) {
            Random r = new Random(i);
            signals[i] = new float[20000 + 3000 * i];
            for (int j = 0; j < signals[i].length; j++) {
                signals[i][j] = (float) r.nextGaussian();
            }
            expected[i] = Spectrogram.compute(signals[i], 16000, sizes[i], sizes[i] / 4).powerByBin();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int task = 0; task < 24; task++) {
                int i = task % sizes.length;
                results.add(pool.submit(() -> java.util.Arrays.deepEquals(expected[i],
                        Spectrogram.compute(signals[i], 16000, sizes[i], sizes[i] / 4).powerByBin())));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Twenty-odd tones a quarter semitone sharp: many peaks a frame (the peak buffers grow), one tuning. */
    @Test
    void tuningOfManyDetunedTonesIsTheirDetuning() {
        int sr = 22050;
        float[] y = new float[sr];
        int tones = 0;
        for (int n = -7; 440 * Math.pow(2, (2 * n + 0.25) / 12) < 3800; n++) {
            double f = 440 * Math.pow(2, (2 * n + 0.25) / 12); // whole tones apart: peaks three bins apart or more
            for (int i = 0; i < y.length; i++) {
                y[i] += (float) (0.05 * Math.sin(2 * Math.PI * f * i / sr + n));
            }
            tones++;
        }
        assertTrue(tones > 20, "tones " + tones);
        double tuning = Tuning.estimate(Spectrogram.compute(y, sr, 2048, 512).powerByBin(), sr, 12);
        assertEquals(0.25, tuning, 0.02);
    }

    @Test
    void deltaOfARampIsItsSlopeEverywhere() {
        double[][] ramp = new double[1][20];
        for (int t = 0; t < 20; t++) {
            ramp[0][t] = 3.0 * t + 1;
        }
        double[][] d = Delta.delta(ramp, 9, 1);
        for (int t = 0; t < 20; t++) {
            assertEquals(3.0, d[0][t], 1e-9, "frame " + t);
        }
    }

    @Test
    void secondDeltaOfAParabolaIsConstant() {
        double[][] p = new double[1][15];
        for (int t = 0; t < 15; t++) {
            p[0][t] = 0.5 * t * t - t;
        }
        double[][] d2 = Delta.delta(p, 5, 2);
        for (int t = 0; t < 15; t++) {
            assertEquals(1.0, d2[0][t], 1e-9, "frame " + t);
        }
    }

    @Test
    void deltaRefusesTooFewFrames() {
        assertThrows(IllegalArgumentException.class, () -> Delta.delta(new double[2][5], 9, 1));
    }

    @Test
    void mfccOfAConstantSpectrumIsOnlyTheFirstCoefficient() {
        double[][] flat = {{-20}, {-20}, {-20}, {-20}, {-20}, {-20}, {-20}, {-20}}; // [mel][frame]
        double[][] c = new Mfcc(4, 8).apply(flat);
        assertEquals(-20 * Math.sqrt(8), c[0][0], 1e-9);
        for (int k = 1; k < 4; k++) {
            assertEquals(0, c[k][0], 1e-9);
        }
    }

    @Test
    void powerToDbFloorsEightyDecibelsBelowTheMaximum() {
        double[][] s = {{1.0, 1e-3, 1e-12}};
        Spectral.powerToDb(s);
        assertEquals(0.0, s[0][0], 1e-12);
        assertEquals(-30.0, s[0][1], 1e-9);
        assertEquals(-80.0, s[0][2], 1e-9);
    }

    @Test
    void chromaOfAPureToneIsLoudestAtItsPitchClass() {
        int sr = 16000;
        float[] a4 = new float[sr];
        for (int i = 0; i < sr; i++) {
            a4[i] = (float) Math.sin(2 * Math.PI * 440 * i / sr);
        }
        FeatureMatrix m = new FeatureExtractor(FeatureConfig.seedRaw().withFeatures(List.of("chroma"), 0)).extract(
                new dev.sentio.audio.Audio(a4, sr));
        float[] middle = m.values()[m.frames() / 2];
        assertEquals(1.0f, middle[9], 1e-6f); // chroma starts at C: A is bin 9
    }

    @Test
    void featureConfigSurvivesJson() {
        FeatureConfig seed = FeatureConfig.seed().withFeatures(List.of("mfcc", "rms", "zcr"), 2);
        assertEquals(seed, FeatureConfig.fromJson(seed.toJson()));
        assertThrows(SentioException.class, () -> FeatureConfig.fromJson("{\"nFft\": 512, \"bogus\": 1}"));
        assertThrows(SentioException.class, () -> seed.withFeatures(List.of("loudness"), 0));
        FeatureConfig pooled = seed.withPooling(FeatureConfig.FUNCTIONALS);
        assertEquals(pooled, FeatureConfig.fromJson(pooled.toJson()));
        assertTrue(pooled.pooled());
        // frame-wise configurations write no pooling field, so their cache keys and model files stay as they were
        assertFalse(seed.toJson().contains("pooling"), seed.toJson());
        assertEquals(seed, seed.withPooling("none"));
        assertThrows(SentioException.class, () -> seed.withPooling("max"));
    }

    /** Gaussian noise at 16 kHz, sd 0.1. */
    private static dev.sentio.audio.Audio noise(int samples, long seed) {
        float[] y = new float[samples];
        Random r = new Random(seed);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.1 * r.nextGaussian());
        }
        return new dev.sentio.audio.Audio(y, 16000);
    }

    @Test
    void functionalsPoolingGivesOneNamedRowPerUtterance() {
        FeatureConfig frames = FeatureConfig.seedRaw().withFeatures(List.of("rms", "zcr"), 0);
        dev.sentio.audio.Audio audio = noise(8000, 5);
        FeatureMatrix frameWise = new FeatureExtractor(frames).extract(audio);
        FeatureExtractor pooling = new FeatureExtractor(frames.withPooling(FeatureConfig.FUNCTIONALS));
        FeatureMatrix pooled = pooling.extract(audio);
        assertEquals(1, pooled.frames());
        assertEquals(pooling.columnNames(), pooled.names());
        assertEquals(Functionals.names(List.of("rms", "zcr")), pooled.names());
        assertArrayEquals(Functionals.of(frameWise.values()), pooled.values()[0]);
    }

    @Test
    void deltaColumnsAreNamedAfterTheirBase() {
        FeatureConfig cfg = FeatureConfig.seedRaw().withFeatures(List.of("rms", "mfcc"), 2);
        FeatureMatrix m = new FeatureExtractor(cfg).extract(noise(16000, 3));
        assertEquals(3 * 14, m.columns());
        assertEquals("rms", m.names().get(0));
        assertEquals("mfcc_12_d2", m.names().get(41));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 9, 40})
    void contrastExtremesEqualSortingEachFrame(int n) {
        Random r = new Random(n);
        int rows = 50;
        int frames = 37;
        double[][] s = new double[rows][frames];
        for (int k = 0; k < rows; k++) {
            for (int t = 0; t < frames; t++) {
                // falling, rising, tied and zero columns alike
                double v = t % 4 == 0 ? Math.exp(-0.1 * k + r.nextGaussian()) : t % 4 == 1 ? k * r.nextDouble()
                        : t % 4 == 2 ? Math.floor(3 * r.nextDouble()) : 0.0;
                s[k][t] = v;
            }
        }
        for (int members : new int[] {40, 41, 42, 43}) { // rows go in fours: every count of rows left over
            double[][] high = new double[n][frames];
            double[][] low = new double[n][frames];
            SpectralContrast.extremes(s, 5, 5 + members, high, low);
            for (int t = 0; t < frames; t++) {
                double[] column = new double[members];
                for (int k = 0; k < members; k++) {
                    column[k] = s[5 + k][t];
                }
                java.util.Arrays.sort(column);
                for (int i = 0; i < n; i++) {
                    String where = members + " rows, frame " + t + ", rank " + i;
                    assertEquals(column[i], low[i][t], 0.0, where + " from the bottom");
                    assertEquals(column[members - 1 - i], high[i][t], 0.0, where + " from the top");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 100, 1001})
    void tuningMedianEqualsNumpysMedian(int n) {
        Random r = new Random(n);
        for (int trial = 0; trial < 20; trial++) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = trial % 2 == 0 ? (float) r.nextGaussian() : r.nextInt(5); // many ties on odd trials
            }
            float[] sorted = v.clone();
            java.util.Arrays.sort(sorted);
            double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
            assertEquals(expected, Tuning.median(v), 0.0, "trial " + trial);
        }
    }

    /**
     * Zero-crossing rate against librosa's definition frame by frame: edge padding by half a frame, |y| <= 1e-10
     * counts as zero and zero as positive. Signals shorter than a frame, tiny values and exact zeros included.
     */
    @ParameterizedTest(name = "{0} samples, frame {1}, hop {2}")
    @CsvSource({"5000, 2048, 512", "700, 2048, 512", "1, 2048, 512", "3001, 400, 160", "17, 16, 5"})
    void zeroCrossingRateCountsSignChangesPerFrame(int length, int frameLength, int hop) {
        Random r = new Random(length);
        float[] y = new float[length];
        for (int i = 0; i < length; i++) {
            double kind = r.nextDouble();
            y[i] = kind < 0.1 ? 0f : kind < 0.2 ? (float) (r.nextGaussian() * 1e-11) : (float) r.nextGaussian();
        }
        double[] zcr = FrameFeatures.zeroCrossingRate(y, frameLength, hop);
        assertEquals(1 + length / hop, zcr.length);
        for (int t = 0; t < zcr.length; t++) {
            int start = t * hop - frameLength / 2;
            int crossings = 0;
            for (int i = start + 1; i < start + frameLength; i++) {
                crossings += isNegative(y, i) != isNegative(y, i - 1) ? 1 : 0;
            }
            assertEquals(crossings / (double) frameLength, zcr[t], 0, "frame " + t);
        }
    }

    private static boolean isNegative(float[] y, int i) {
        float v = y[Math.max(0, Math.min(y.length - 1, i))];
        return Math.abs(v) > 1e-10 && v < 0;
    }
}
