package dev.sentio.audio;

/**
 * Band-limited rational resampling, the design of {@code scipy.signal.resample_poly} (librosa's
 * {@code res_type='polyphase'}): the rate ratio reduced to up/down, a linear-phase low-pass FIR of
 * {@code 20 * max(up, down) + 1} taps (windowed sinc, Kaiser beta 5, cutoff at the lower Nyquist), applied
 * polyphase so that only the taps that meet non-zero input samples are computed.
 */
public final class Resampler {
    private static final double KAISER_BETA = 5.0;

    private Resampler() {
    }

    public static Audio resample(Audio audio, int targetRate) {
        return new Audio(resamplePoly(audio.samples(), audio.sampleRate(), targetRate), targetRate);
    }

    public static float[] resamplePoly(float[] x, int fromRate, int toRate) {
        StreamingResampler r = new StreamingResampler(fromRate, toRate);
        if (r.identity()) {
            return x.clone();
        }
        float[] head = r.push(x, 0, x.length);
        float[] tail = r.finish();
        float[] y = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, y, head.length, tail.length);
        return y;
    }

    /** {@code scipy.signal.firwin(numTaps, cutoff, window=('kaiser', 5.0))}: unit gain at DC. */
    static double[] lowPass(int numTaps, double cutoff) {
        double[] h = new double[numTaps];
        double centre = (numTaps - 1) / 2.0;
        double i0Beta = besselI0(KAISER_BETA);
        double sum = 0;
        for (int i = 0; i < numTaps; i++) {
            double m = i - centre;
            double r = 2.0 * i / (numTaps - 1) - 1.0;
            double window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            h[i] = cutoff * sinc(cutoff * m) * window;
            sum += h[i];
        }
        for (int i = 0; i < numTaps; i++) {
            h[i] /= sum;
        }
        return h;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
