package dev.sentio.features;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** librosa.yin has no golden values here; these pin what YIN must do on signals of known pitch. */
class YinTest {
    private static float[] harmonics(double f0, int rate, int n, int count) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int h = 1; h <= count; h++) {
                v += Math.sin(2 * Math.PI * f0 * h * i / rate) / h;
            }
            y[i] = (float) (0.3 * v);
        }
        return y;
    }

    @Test
    void findsThePitchOfPureTonesAndVoiceLikeHarmonics() {
        for (double f0 : new double[] {80, 147.5, 220, 440}) {
            for (int count : new int[] {1, 10}) {
                double[] track = Yin.yin(harmonics(f0, 16000, 16000, count), 16000, 2048, 512, Yin.FMIN, Yin.FMAX, 0.1);
                assertEquals(Spectrogram.frameCount(16000, 2048, 512), track.length, "one value per STFT frame");
                // frames well inside the signal (the edges see the zero padding)
                for (int t = 3; t < track.length - 3; t++) {
                    assertEquals(f0, track[t], f0 * 0.002, "f0 " + f0 + " with " + count + " harmonics, frame " + t);
                }
            }
        }
    }

    @Test
    void followsAGlide() {
        int rate = 16000;
        float[] y = new float[2 * rate];
        double phase = 0;
        for (int i = 0; i < y.length; i++) {
            double f = 120 + 120.0 * i / y.length; // 120 Hz to 240 Hz over two seconds
            phase += 2 * Math.PI * f / rate;
            y[i] = (float) (0.5 * Math.sin(phase));
        }
        double[] track = Yin.yin(y, rate, 2048, 512, Yin.FMIN, Yin.FMAX, 0.1);
        for (int t = 3; t < track.length - 3; t++) {
            double expected = 120 + 120.0 * t * 512 / y.length;
            assertEquals(expected, track[t], 3.0, "frame " + t);
        }
    }

    @Test
    void isAFeatureColumn() {
        FeatureConfig config = FeatureConfig.seedRaw().withFeatures(java.util.List.of("mfcc", "yin"), 0);
        FeatureMatrix m = new FeatureExtractor(config).features(harmonics(200, 16000, 16000, 5), 16000);
        assertEquals("yin", m.names().get(m.names().size() - 1));
        assertTrue(Math.abs(m.values()[10][m.names().size() - 1] - 200) < 1, "f0 column in Hz");
    }
}
