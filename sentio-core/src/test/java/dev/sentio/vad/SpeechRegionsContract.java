package dev.sentio.vad;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every {@link SpeechRegions} detector must do, for the tests of each. */
public final class SpeechRegionsContract {
    private SpeechRegionsContract() {
    }

    /** The same regions whether {@code y} comes whole or in blocks of 1, 37, 4096 or mixed sizes. */
    public static void assertBlockSizesDoNotMatter(SpeechRegions.Factory factory, int rate, float[] y) {
        SpeechSegmenter.Settings s = SpeechSegmenter.Settings.defaults();
        List<long[]> reference = SpeechRegions.find(factory, rate, s, y, y.length);
        for (int[] sizes : new int[][] {{1}, {37}, {4096}, {5, 1000, 3}}) {
            List<long[]> found = SpeechRegions.find(factory, rate, s, y, sizes);
            assertEquals(reference.size(), found.size(), "regions in blocks of " + sizes[0]);
            for (int i = 0; i < found.size(); i++) {
                assertEquals(reference.get(i)[0], found.get(i)[0], "start of region " + i);
                assertEquals(reference.get(i)[1], found.get(i)[1], "end of region " + i);
            }
        }
    }
}
