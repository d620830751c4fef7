package dev.sentio.model.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StandardizerTest {
    private static float[][] constantPlusRamp(float offset, float scale, int frames) {
        float[][] m = new float[frames][2];
        for (int t = 0; t < frames; t++) {
            m[t][0] = offset + scale * t;
            m[t][1] = -offset + 2 * scale * t;
        }
        return m;
    }

    @Test
    void globalStatisticsGiveZeroMeanUnitVariance() {
        List<float[][]> data = List.of(constantPlusRamp(5, 1, 10), constantPlusRamp(7, 1, 10));
        Standardizer z = Standardizer.fit(data);
        double sum = 0;
        double squares = 0;
        for (float[][] m : data) {
            for (float[] frame : z.apply(m)) {
                sum += frame[0];
                squares += frame[0] * frame[0];
            }
        }
        assertEquals(0, sum / 20, 1e-5);
        assertEquals(1, squares / 20, 1e-4);
    }

    @Test
    void eachSpeakerIsNormalisedWithItsOwnStatistics() {
        List<float[][]> data = new ArrayList<>();
        data.add(constantPlusRamp(100, 10, 8)); // speaker a: loud, wide
        data.add(constantPlusRamp(100, 10, 8));
        data.add(null);                           // a failed file
        data.add(constantPlusRamp(1, 0.1f, 8));  // speaker b: quiet, narrow
        List<float[][]> out = Standardizer.bySpeaker(List.of("a", "a", "a", "b"), data);
        assertNull(out.get(2));
        // same shape of ramp, so after per-speaker normalisation both speakers look alike
        for (int t = 0; t < 8; t++) {
            assertEquals(out.get(0)[t][0], out.get(3)[t][0], 1e-4);
        }
    }
}
