package dev.sentio.features;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * {@code librosa.yin}: fundamental frequency per frame by the YIN algorithm (de Cheveigné and Kawahara, 2002),
 * following librosa 0.10 step by step: frames of {@code frameLength} centred with zero padding, the difference
 * function over a window of {@code frameLength / 2} from an FFT autocorrelation, its cumulative mean
 * normalisation, the first trough below {@code troughThreshold} (else the global minimum), refined by parabolic
 * interpolation. Like librosa.yin it makes no voicing decision: unvoiced frames get a value too. The energies are
 * summed in float32 where librosa's float32 input makes numpy do so.
 */
public final class Yin {
    /** librosa's recommended range for yin: C2 to C7. */
    public static final double FMIN = 65.40639132514966;
    public static final double FMAX = 2093.004522404789;
    private static final double TINY = Double.MIN_NORMAL;

    private Yin() {
    }

    /** F0 in Hz per frame; frame t is centred on sample t * hopLength. */
    public static double[] yin(float[] y, int sampleRate, int frameLength, int hopLength, double fmin, double fmax,
                               double troughThreshold) {
        int winLength = frameLength / 2;
        int minPeriod = Math.max((int) Math.floor(sampleRate / fmax), 1);
        int maxPeriod = Math.min((int) Math.ceil(sampleRate / fmin), frameLength - winLength - 1);
        if (maxPeriod <= minPeriod) {
            throw new IllegalArgumentException("yin: no period fits between fmin and fmax at this rate and frame length");
        }
        int frames = Spectrogram.frameCount(y.length, frameLength, hopLength);
        int pad = frameLength / 2;
        DoubleFFT_1D fft = new DoubleFFT_1D(frameLength);
        double[] frame = new double[frameLength];
        double[] reversed = new double[frameLength];
        float[] energyCumulative = new float[frameLength];
        double[] difference = new double[maxPeriod + 1];
        double[] cmnd = new double[maxPeriod - minPeriod + 1];
        double[] f0 = new double[frames];
        for (int t = 0; t < frames; t++) {
            int start = t * hopLength - pad;
            float energy = 0;
            for (int i = 0; i < frameLength; i++) {
                int s = start + i;
                float v = s >= 0 && s < y.length ? y[s] : 0f;
                frame[i] = v;
                energy += v * v;
                energyCumulative[i] = energy;
            }
            // acf[tau] = sum_{m=1..W} y[m] y[m + tau], as librosa's product with the reversed window y[W..1]
            java.util.Arrays.fill(reversed, 0);
            for (int k = 0; k < winLength; k++) {
                reversed[k] = frame[winLength - k];
            }
            fft.realForward(frame);
            fft.realForward(reversed);
            multiplyPacked(frame, reversed);
            fft.realInverse(frame, true);
            float energy0 = windowEnergy(energyCumulative, 0, winLength);
            for (int tau = 0; tau <= maxPeriod; tau++) {
                double acf = frame[winLength + tau];
                if (Math.abs(acf) < 1e-6) {
                    acf = 0;
                }
                difference[tau] = energy0 + windowEnergy(energyCumulative, tau, winLength) - 2 * acf;
            }
            double cumulative = 0;
            for (int tau = 1; tau <= maxPeriod; tau++) {
                cumulative += difference[tau];
                if (tau >= minPeriod) {
                    double mean = cumulative / tau;
                    cmnd[tau - minPeriod] = difference[tau] / (mean + TINY);
                }
            }
            int period = troughIndex(cmnd, troughThreshold);
            f0[t] = sampleRate / (minPeriod + period + parabolicShift(cmnd, period));
        }
        return f0;
    }

    /** librosa's energy term: sum of y[tau+1 .. tau+W]^2 from the float32 running sum, near-zero set to zero. */
    private static float windowEnergy(float[] cumulative, int tau, int winLength) {
        float e = cumulative[winLength + tau] - cumulative[tau];
        return Math.abs(e) < 1e-6f ? 0f : e;
    }

    /** a *= b for two spectra in JTransforms' packed real layout. */
    private static void multiplyPacked(double[] a, double[] b) {
        a[0] *= b[0];
        a[1] *= b[1];
        for (int k = 2; k < a.length; k += 2) {
            double re = a[k] * b[k] - a[k + 1] * b[k + 1];
            double im = a[k] * b[k + 1] + a[k + 1] * b[k];
            a[k] = re;
            a[k + 1] = im;
        }
    }

    /** The first trough below the threshold (librosa.util.localmin, the first bin by its right neighbour), else the global minimum. */
    private static int troughIndex(double[] d, double threshold) {
        int n = d.length;
        for (int i = 0; i < n; i++) {
            boolean trough = i == 0 ? n > 1 && d[0] < d[1]
                    : d[i] < d[i - 1] && d[i] <= d[Math.min(i + 1, n - 1)];
            if (trough && d[i] < threshold) {
                return i;
            }
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (d[i] < d[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The parabola's vertex offset around bin i, 0 at the edges or when it would move more than a bin. */
    private static double parabolicShift(double[] d, int i) {
        if (i == 0 || i == d.length - 1) {
            return 0;
        }
        double a = (d[i - 1] + d[i + 1] - 2 * d[i]) / 2;
        double b = (d[i + 1] - d[i - 1]) / 2;
        double shift = -b / (2 * a + TINY);
        return Math.abs(shift) > 1 ? 0 : shift;
    }
}
