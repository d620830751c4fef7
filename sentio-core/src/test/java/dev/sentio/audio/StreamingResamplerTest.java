package dev.sentio.audio;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class StreamingResamplerTest {
    /** Block by block, in blocks of odd sizes, the output is the whole-signal resampling, bit for bit. */
    @Test
    void blocksOfAnySizeGiveTheWholeSignalResampling() {
        Random r = new Random(3);
        float[] x = new float[20011];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (Math.sin(i * 0.013) * 0.5 + r.nextGaussian() * 0.1);
        }
        int[][] rates = {{44100, 16000}, {48000, 16000}, {8000, 16000}, {22050, 16000}, {16000, 44100}, {16000, 16000}};
        for (int[] rate : rates) {
            float[] whole = Resampler.resamplePoly(x, rate[0], rate[1]);
            for (int[] sizes : new int[][] {{1}, {37}, {4096}, {1, 2, 3, 500, 7}}) {
                StreamingResampler s = new StreamingResampler(rate[0], rate[1]);
                float[] out = new float[0];
                int at = 0;
                for (int k = 0; at < x.length; k++) {
                    int n = Math.min(sizes[k % sizes.length], x.length - at);
                    out = concat(out, s.push(x, at, n));
                    at += n;
                }
                out = concat(out, s.finish());
                assertArrayEquals(whole, out, rate[0] + " -> " + rate[1] + " in blocks of " + sizes[0]);
            }
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
