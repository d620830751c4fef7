package dev.sentio.features;

/**
 * {@code librosa.feature.spectral_contrast(S=|stft|, fmin, n_bands, quantile, linear=False)}: per octave band,
 * the mean of the top and bottom {@code quantile} of magnitudes; the result is power_to_db(peak) -
 * power_to_db(valley), each floored 80 dB below its own maximum as librosa does.
 */
public final class SpectralContrast {
    private final int[] bandStart;
    private final int[] bandEnd;
    private final int[] take;

    public SpectralContrast(int sampleRate, int nFft, double fMin, int nBands, double quantile) {
        if (nBands < 1 || !(quantile > 0 && quantile < 1) || !(fMin > 0)) {
            throw new IllegalArgumentException("bad spectral contrast parameters: fmin " + fMin + ", n_bands "
                    + nBands + ", quantile " + quantile);
        }
        double[] freq = Spectrogram.fftFrequencies(sampleRate, nFft);
        double[] octa = new double[nBands + 2];
        for (int i = 1; i < octa.length; i++) {
            octa[i] = fMin * Math.pow(2.0, i - 1);
        }
        for (int i = 0; i < octa.length - 1; i++) {
            if (octa[i] >= 0.5 * sampleRate) {
                throw new IllegalArgumentException("spectral contrast band " + i + " starts at " + octa[i]
                        + " Hz, above Nyquist (" + sampleRate / 2 + " Hz): reduce fmin or n_bands");
            }
        }
        bandStart = new int[nBands + 1];
        bandEnd = new int[nBands + 1];
        take = new int[nBands + 1];
        for (int k = 0; k <= nBands; k++) {
            int first = -1;
            int last = -1;
            for (int f = 0; f < freq.length; f++) {
                if (freq[f] >= octa[k] && freq[f] <= octa[k + 1]) {
                    if (first < 0) {
                        first = f;
                    }
                    last = f;
                }
            }
            if (first < 0) {
                throw new IllegalArgumentException("spectral contrast band " + k + " holds no FFT bin: raise n_fft");
            }
            int start = k > 0 ? first - 1 : first;
            int end = k == nBands ? freq.length : last + 1; // exclusive; the top band runs to Nyquist
            int members = end - start;
            take[k] = (int) Math.max(1, Math.rint(quantile * members));
            // every band but the last drops its top bin, which the next band starts with
            bandStart[k] = start;
            bandEnd[k] = k < nBands ? end - 1 : end;
        }
    }

    /** [frame][band] contrast in dB from a power spectrogram [frame][bin] (librosa takes |stft| = sqrt(power)). */
    public double[][] apply(double[][] power) {
        int bands = bandStart.length;
        double[][] peak = new double[power.length][bands];
        double[][] valley = new double[power.length][bands];
        int maxTake = 0;
        for (int n : take) {
            maxTake = Math.max(maxTake, n);
        }
        double[] low = new double[maxTake];
        double[] high = new double[maxTake];
        for (int t = 0; t < power.length; t++) {
            double[] p = power[t];
            for (int b = 0; b < bands; b++) {
                int n = Math.min(take[b], bandEnd[b] - bandStart[b]);
                // sqrt is monotonic: select on power, take roots of the few selected values only
                extremes(p, bandStart[b], bandEnd[b], n, low, high);
                double lowSum = 0;
                double highSum = 0;
                for (int i = 0; i < n; i++) {
                    lowSum += Math.sqrt(low[i]);
                    highSum += Math.sqrt(high[i]);
                }
                valley[t][b] = lowSum / n;
                peak[t][b] = highSum / n;
            }
        }
        Spectral.powerToDb(peak);
        Spectral.powerToDb(valley);
        for (int t = 0; t < peak.length; t++) {
            for (int b = 0; b < bands; b++) {
                peak[t][b] -= valley[t][b];
            }
        }
        return peak;
    }

    /**
     * The n smallest and n largest of s[from, to), each kept sorted by insertion (n is a handful). Speech
     * spectra fall with frequency, so the largest values are sought upwards and the smallest downwards: new
     * extremes then turn up early and few insertions follow.
     */
    private static void extremes(double[] s, int from, int to, int n, double[] low, double[] high) {
        for (int i = 0; i < n; i++) {
            insertDescending(high, i, s[from + i]);
            insertAscending(low, i, s[to - 1 - i]);
        }
        double highLimit = high[n - 1];
        for (int i = from + n; i < to; i++) {
            if (s[i] > highLimit) {
                insertDescending(high, n - 1, s[i]);
                highLimit = high[n - 1];
            }
        }
        double lowLimit = low[n - 1];
        for (int i = to - 1 - n; i >= from; i--) {
            if (s[i] < lowLimit) {
                insertAscending(low, n - 1, s[i]);
                lowLimit = low[n - 1];
            }
        }
    }

    private static void insertAscending(double[] a, int len, double v) {
        int i = len;
        while (i > 0 && a[i - 1] > v) {
            a[i] = a[i - 1];
            i--;
        }
        a[i] = v;
    }

    private static void insertDescending(double[] a, int len, double v) {
        int i = len;
        while (i > 0 && a[i - 1] < v) {
            a[i] = a[i - 1];
            i--;
        }
        a[i] = v;
    }
}
