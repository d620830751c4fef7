package dev.sentio.vad;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeechSegmenterTest {
    private static final int RATE = 16000;

    /** Voice-like bursts between stretches of quiet hiss: [start, end) in seconds. */
    private static final double[][] BURSTS = {{1.0, 2.5}, {4.0, 4.8}, {6.5, 10.0}};

    private static float[] recording() {
        double[][] bursts = new double[BURSTS.length][];
        for (int i = 0; i < bursts.length; i++) {
            bursts[i] = new double[] {BURSTS[i][0], BURSTS[i][1], 140};
        }
        return TestSignals.bursts(RATE, 12, bursts);
    }

    private static List<long[]> regions(float[] y, int[] blockSizes) {
        return SpeechRegions.find(SpeechSegmenter.FACTORY, RATE, SpeechSegmenter.Settings.defaults(), y, blockSizes);
    }

    @Test
    void findsEachBurstWithinThreeTenthsOfASecond() {
        List<long[]> found = regions(recording(), new int[] {4096});
        assertEquals(BURSTS.length, found.size(), "one region per burst");
        for (int i = 0; i < BURSTS.length; i++) {
            double start = found.get(i)[0] / (double) RATE;
            double end = found.get(i)[1] / (double) RATE;
            // the ends are padded by 0.15 s; the start waits for a few voiced frames
            assertTrue(Math.abs(start - BURSTS[i][0]) <= 0.3, "start " + start + " of burst " + i);
            assertTrue(Math.abs(end - BURSTS[i][1]) <= 0.3, "end " + end + " of burst " + i);
        }
    }

    @Test
    void blockSizesDoNotChangeTheRegions() {
        SpeechRegionsContract.assertBlockSizesDoNotMatter(SpeechSegmenter.FACTORY, RATE, recording());
    }

    @Test
    void silenceAndSteadyNoiseHoldNoSpeech() {
        for (Map.Entry<String, float[]> e : TestSignals.nonSpeech(RATE, 5).entrySet()) {
            if (e.getKey().contains("tone") || e.getKey().contains("hum") || e.getKey().contains("sweep")
                    || e.getKey().contains("chord") || e.getKey().contains("square")) {
                continue; // periodic sounds can open a region; the recogniser's speech check turns them away
            }
            assertEquals(0, regions(e.getValue(), new int[] {4096}).size(), e.getKey());
        }
    }
}
