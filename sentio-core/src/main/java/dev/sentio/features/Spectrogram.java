package dev.sentio.features;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The power spectrogram {@code |librosa.stft(y)|^2}: periodic Hann window, {@code center=True} with zero
 * padding ({@code pad_mode='constant'}, librosa 0.10's default), any {@code n_fft}. Computed once per
 * signal and shared by every feature. Layout is frame-major, {@code power[frame][bin]}.
 */
public final class Spectrogram {
    private final double[][] power;
    private final int nFft;
    private final int hopLength;
    private final int sampleRate;

    private Spectrogram(double[][] power, int nFft, int hopLength, int sampleRate) {
        this.power = power;
        this.nFft = nFft;
        this.hopLength = hopLength;
        this.sampleRate = sampleRate;
    }

    /** {@code |stft(y, n_fft, hop_length, win_length=n_fft, window='hann', center=True)|^2}. */
    public static Spectrogram compute(float[] y, int sampleRate, int nFft, int hopLength) {
        return compute(y, sampleRate, nFft, hopLength, nFft);
    }

    public static Spectrogram compute(float[] y, int sampleRate, int nFft, int hopLength, int winLength) {
        if (nFft < 2 || hopLength < 1 || winLength < 1 || winLength > nFft) {
            throw new IllegalArgumentException("bad STFT parameters: n_fft " + nFft + ", hop " + hopLength
                    + ", win_length " + winLength);
        }
        double[] window = paddedHann(nFft, winLength);
        int pad = nFft / 2;
        int frames = frameCount(y.length, nFft, hopLength);
        int bins = nFft / 2 + 1;
        double[][] power = new double[frames][bins];
        DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
        double[] buf = new double[nFft];
        for (int t = 0; t < frames; t++) {
            int start = t * hopLength - pad; // first sample of this frame in the unpadded signal
            int lo = Math.max(0, -start);
            int hi = Math.min(nFft, y.length - start);
            if (lo > 0 || hi < nFft) {
                java.util.Arrays.fill(buf, 0.0); // a frame overlapping the zero padding
            }
            for (int i = lo; i < hi; i++) {
                buf[i] = y[start + i] * window[i];
            }
            fft.realForward(buf);
            packedToPower(buf, nFft, power[t]);
        }
        return new Spectrogram(power, nFft, hopLength, sampleRate);
    }

    /** Frames of a centred STFT: {@code 1 + len // hop}, as librosa counts them. */
    public static int frameCount(int signalLength, int nFft, int hopLength) {
        int padded = signalLength + 2 * (nFft / 2);
        return padded < nFft ? 0 : 1 + (padded - nFft) / hopLength;
    }

    /** JTransforms' packed real-FFT layout to |X_k|^2 for k = 0 .. n/2. */
    static void packedToPower(double[] a, int n, double[] out) {
        out[0] = a[0] * a[0];
        if (n % 2 == 0) {
            int half = n / 2;
            out[half] = a[1] * a[1];
            for (int k = 1; k < half; k++) {
                double re = a[2 * k];
                double im = a[2 * k + 1];
                out[k] = re * re + im * im;
            }
        } else {
            int last = (n - 1) / 2;
            for (int k = 1; k < last; k++) {
                double re = a[2 * k];
                double im = a[2 * k + 1];
                out[k] = re * re + im * im;
            }
            if (last >= 1) {
                out[last] = a[n - 1] * a[n - 1] + a[1] * a[1];
            }
        }
    }

    /** Periodic Hann ({@code scipy.signal.get_window('hann', N, fftbins=True)}) centred in n_fft zeros. */
    static double[] paddedHann(int nFft, int winLength) {
        double[] w = new double[nFft];
        int offset = (nFft - winLength) / 2;
        for (int i = 0; i < winLength; i++) {
            w[offset + i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / winLength);
        }
        return w;
    }

    public double[][] power() {
        return power;
    }

    public int frames() {
        return power.length;
    }

    public int bins() {
        return nFft / 2 + 1;
    }

    public int nFft() {
        return nFft;
    }

    public int hopLength() {
        return hopLength;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** {@code librosa.fft_frequencies}: bin k at k * sr / n_fft. */
    public static double[] fftFrequencies(int sampleRate, int nFft) {
        double[] f = new double[nFft / 2 + 1];
        for (int k = 0; k < f.length; k++) {
            f[k] = k * (double) sampleRate / nFft;
        }
        return f;
    }
}
