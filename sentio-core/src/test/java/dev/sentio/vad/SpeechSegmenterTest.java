package dev.sentio.vad;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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
        List<long[]> found = new ArrayList<>();
        SpeechSegmenter s = new SpeechSegmenter(RATE, SpeechSegmenter.Settings.defaults(), new SpeechSegmenter.Listener() {
            @Override
            public void speechStarted(long start) {
            }

            @Override
            public void speechEnded(long start, long end) {
                found.add(new long[] {start, end});
            }
        });
        TestSignals.inBlocks(y, blockSizes, s::push);
        s.finish();
        return found;
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
        float[] y = recording();
        List<long[]> reference = regions(y, new int[] {y.length});
        for (int[] sizes : new int[][] {{1}, {37}, {4096}, {5, 1000, 3}}) {
            List<long[]> found = regions(y, sizes);
            assertEquals(reference.size(), found.size());
            for (int i = 0; i < found.size(); i++) {
                assertEquals(reference.get(i)[0], found.get(i)[0]);
                assertEquals(reference.get(i)[1], found.get(i)[1]);
            }
        }
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
