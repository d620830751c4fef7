package dev.sentio.features;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FunctionalsTest {
    private static final int K = Functionals.NAMES.size();

    @Test
    void rampHasItsTextbookFunctionals() {
        float[][] frames = new float[11][1];
        for (int t = 0; t < 11; t++) {
            frames[t][0] = t; // 0 .. 10
        }
        float[] f = Functionals.of(frames);
        assertEquals(5.0, f[0], 1e-6, "mean");
        assertEquals(Math.sqrt(10.0), f[1], 1e-6, "population sd");
        assertEquals(0.0, f[2], 1e-6, "skewness");
        assertEquals(178.0 / 100.0, f[3], 1e-6, "kurtosis: mean of d^4 over squared variance");
        assertEquals(1.0, f[4], 1e-6, "10th percentile");
        assertEquals(5.0, f[5], 1e-6, "median");
        assertEquals(9.0, f[6], 1e-6, "90th percentile");
        assertEquals(1.0, f[7], 1e-6, "mean absolute change");
        assertEquals(1.0, f[8], 1e-6, "rms change");
    }

    @Test
    void percentilesInterpolateLikeNumpy() {
        // numpy.percentile([1, 2, 4, 8], [10, 50, 90]) = [1.3, 3.0, 6.8]
        double[] sorted = {1, 2, 4, 8};
        assertEquals(1.3, Functionals.percentileOfSorted(sorted, 0.1), 1e-12);
        assertEquals(3.0, Functionals.percentileOfSorted(sorted, 0.5), 1e-12);
        assertEquals(6.8, Functionals.percentileOfSorted(sorted, 0.9), 1e-12);
    }

    @Test
    void gaussianNoiseHasNoSkewAndKurtosisNearThree() {
        Random r = new Random(3);
        float[][] frames = new float[20000][2];
        for (float[] frame : frames) {
            frame[0] = (float) r.nextGaussian();
            frame[1] = (float) (2 + 3 * r.nextGaussian());
        }
        float[] f = Functionals.of(frames);
        assertEquals(0.0, f[2], 0.05, "skewness");
        assertEquals(3.0, f[3], 0.1, "kurtosis");
        assertEquals(2.0, f[K], 0.1, "second column's mean");
        assertEquals(3.0, f[K + 1], 0.1, "second column's sd");
        assertEquals(0.0, f[K + 5] - 2.0, 0.1, "second column's median");
    }

    @Test
    void constantAndOneFrameInputsGiveZerosNotNaN() {
        float[] constant = Functionals.of(new float[][] {{4f}, {4f}, {4f}});
        float[] single = Functionals.of(new float[][] {{4f}});
        for (float[] f : List.of(constant, single)) {
            assertEquals(List.of(4f, 0f, 0f, 0f, 4f, 4f, 4f, 0f, 0f), toList(f));
        }
        assertThrows(IllegalArgumentException.class, () -> Functionals.of(new float[0][0]));
    }

    @Test
    void namesFollowTheValues() {
        assertEquals(List.of("rms_mean", "rms_sd", "rms_skew", "rms_kurtosis", "rms_p10", "rms_median", "rms_p90",
                "rms_dabs", "rms_drms", "zcr_mean"), Functionals.names(List.of("rms", "zcr")).subList(0, K + 1));
    }

    private static List<Float> toList(float[] f) {
        List<Float> l = new java.util.ArrayList<>();
        for (float v : f) {
            l.add(v);
        }
        return l;
    }
}
