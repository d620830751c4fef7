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
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        int g = gcd(fromRate, toRate);
        int up = toRate / g;
        int down = fromRate / g;
        if (up == 1 && down == 1) {
            return x.clone();
        }
        int maxRate = Math.max(up, down);
        int halfLen = 10 * maxRate;
        double[] h = lowPass(2 * halfLen + 1, 1.0 / maxRate);
        for (int i = 0; i < h.length; i++) {
            h[i] *= up;
        }
        // Output sample k sits at the centre of the filter: scipy's pre-padding and removal, in one offset.
        int prePad = down - halfLen % down;
        int preRemove = (halfLen + prePad) / down;
        long outLength = ((long) x.length * up + down - 1) / down;
        float[] y = new float[(int) outLength];
        int n = x.length;
        for (int k = 0; k < y.length; k++) {
            // position in the upsampled, pre-padded convolution
            long m = (long) (k + preRemove) * down - prePad;
            // taps j with (m - j) divisible by up: j = m mod up, + up, + 2 up ...
            int j0 = (int) Math.floorMod(m, (long) up);
            long i0 = (m - j0) / up; // input index met by tap j0; tap j0 + t*up meets i0 - t
            int tStart = (int) Math.max(0, i0 - (n - 1));
            int tEnd = (int) Math.min((h.length - 1 - j0) / up, i0);
            double acc = 0;
            for (int t = tStart; t <= tEnd; t++) {
                acc += h[j0 + t * up] * x[(int) (i0 - t)];
            }
            y[k] = (float) acc;
        }
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

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
