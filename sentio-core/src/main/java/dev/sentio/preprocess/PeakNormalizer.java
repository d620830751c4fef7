package dev.sentio.preprocess;

import dev.sentio.SentioException;

/** Peak normalisation to 0 dBFS. */
public final class PeakNormalizer {
    private static final double INT16_FULL_SCALE = 32768.0;

    private PeakNormalizer() {
    }

    /** Scales so that the largest |sample| is 1.0. */
    public static float[] toUnitPeak(float[] y) {
        double peak = peak(y);
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) (y[i] / peak);
        }
        return out;
    }

    /**
     * What the seed did with pydub: {@code effects.normalize(headroom=0)} on 16-bit samples. The signal is
     * taken to int16 units (x 32768), the gain {@code 10^(-dBFS(peak)/20)} applied and each sample floored
     * and clipped to [-32768, 32767] as {@code audioop.mul} does. The result stays in int16 units, as the seed
     * fed those to librosa.
     */
    public static float[] pydubInt16(float[] y) {
        double peak = Math.round(peak(y) * INT16_FULL_SCALE);
        double maxDbfs = 20 * (StrictMath.log(peak / INT16_FULL_SCALE) / StrictMath.log(10));
        double factor = StrictMath.pow(10, (-maxDbfs) / 20);
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            double v = Math.round(y[i] * 32768f) * factor;
            v = Math.min(32767, Math.max(-32768, v));
            int floor = (int) v; // truncates toward zero; step down for negative non-integers
            out[i] = floor > v ? floor - 1 : floor;
        }
        return out;
    }

    private static double peak(float[] y) {
        double peak = 0;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak == 0) {
            throw new SentioException("cannot peak-normalise silence: every sample is zero");
        }
        return peak;
    }
}
