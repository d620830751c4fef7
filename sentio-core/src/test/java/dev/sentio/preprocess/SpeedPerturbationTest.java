package dev.sentio.preprocess;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpeedPerturbationTest {
    private static final int RATE = 16000;

    private static Audio tone(double hz, double seconds) {
        float[] y = new float[(int) (RATE * seconds)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return new Audio(y, RATE);
    }

    /** Upward zero crossings per second, away from the edges: the tone's frequency. */
    private static double frequency(float[] y) {
        int from = y.length / 10;
        int to = y.length - from;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if (y[i - 1] < 0 && y[i] >= 0) {
                crossings++;
            }
        }
        return crossings * (double) RATE / (to - from);
    }

    @ParameterizedTest(name = "speed {0}")
    @ValueSource(doubles = {0.9, 1.1, 0.75, 1.5})
    void changesTempoAndPitchTogether(double speed) {
        Audio out = SpeedPerturbation.apply(tone(1000, 1.0), speed);
        assertEquals(RATE, out.sampleRate());
        assertEquals(RATE / speed, out.length(), 2, "length");
        assertEquals(1000 * speed, frequency(out.samples()), 5, "pitch");
    }

    @Test
    void speedOneLeavesTheAudioAsItIs() {
        Audio in = tone(440, 0.2);
        assertSame(in, SpeedPerturbation.apply(in, 1.0));
    }

    @Test
    void refusesSpeedsOutsideTheRangeOrFinerThanAPercent() {
        for (double bad : new double[] {0.0, -1, 0.3, 2.5, 0.915, Double.NaN}) {
            assertThrows(SentioException.class, () -> SpeedPerturbation.apply(tone(440, 0.1), bad), "speed " + bad);
        }
    }
}
