package dev.sentio.features;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The power spectrogram {@code |librosa.stft(y)|^2}: periodic Hann window, {@code center=True} with zero
 * padding ({@code pad_mode='constant'}, librosa 0.10's default), any {@code n_fft}. Computed once per
 * signal and shared by every feature. Stored bin-major like librosa's {@code S[bin][frame]}: the features
 * then run their inner loops over frames, long stride-1 loops that the JIT vectorises.
 */
public final class Spectrogram {
    /** Frames transformed before they are written out bin by bin, so each write fills whole cache lines. */
    private static final int TILE = 8;

    private final double[][] byBin;
    private final int nFft;
    private final int hopLength;
    private final int sampleRate;

    private Spectrogram(double[][] byBin, int nFft, int hopLength, int sampleRate) {
        this.byBin = byBin;
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
        double[][] byBin = BatchedStft.isSupported(nFft)
                ? BatchedStft.forThread(nFft, hopLength, winLength).power(y)
                : framewisePower(y, paddedHann(nFft, winLength), hopLength);
        return new Spectrogram(byBin, nFft, hopLength, sampleRate);
    }

    /** One JTransforms real FFT per frame: any n_fft, including those {@link BatchedStft} does not take. */
    static double[][] framewisePower(float[] y, double[] window, int hopLength) {
        int nFft = window.length;
        int pad = nFft / 2;
        int frames = frameCount(y.length, nFft, hopLength);
        int bins = nFft / 2 + 1;
        double[][] byBin = new double[bins][frames];
        DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
        double[][] tile = new double[TILE][nFft];
        for (int first = 0; first < frames; first += TILE) {
            int count = Math.min(TILE, frames - first);
            for (int f = 0; f < count; f++) {
                double[] buf = tile[f];
                int start = (first + f) * hopLength - pad; // first sample of this frame in the unpadded signal
                int lo = Math.max(0, -start);
                int hi = Math.min(nFft, y.length - start);
                if (lo > 0 || hi < nFft) {
                    java.util.Arrays.fill(buf, 0.0); // a frame overlapping the zero padding
                }
                for (int i = lo; i < hi; i++) {
                    buf[i] = y[start + i] * window[i];
                }
                fft.realForward(buf);
            }
            for (int k = 0; k < bins; k++) {
                double[] row = byBin[k];
                for (int f = 0; f < count; f++) {
                    row[first + f] = packedPower(tile[f], nFft, k);
                }
            }
        }
        return byBin;
    }

    /** Frames of a centred STFT: {@code 1 + len // hop}, as librosa counts them. */
    public static int frameCount(int signalLength, int nFft, int hopLength) {
        int padded = signalLength + 2 * (nFft / 2);
        return padded < nFft ? 0 : 1 + (padded - nFft) / hopLength;
    }

    /** |X_k|^2 from JTransforms' packed real-FFT layout, k = 0 .. n/2. */
    static double packedPower(double[] a, int n, int k) {
        if (k == 0) {
            return a[0] * a[0];
        }
        if (2 * k == n) {
            return a[1] * a[1]; // even n: the Nyquist bin's real part sits at a[1]
        }
        if (2 * k + 1 == n) {
            return a[n - 1] * a[n - 1] + a[1] * a[1]; // odd n: the last bin's imaginary part sits at a[1]
        }
        return a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
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

    /** {@code S[bin][frame]}, librosa's layout; the array is shared, not copied. */
    public double[][] powerByBin() {
        return byBin;
    }

    public int frames() {
        return byBin[0].length;
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
