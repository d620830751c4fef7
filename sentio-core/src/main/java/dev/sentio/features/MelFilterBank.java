package dev.sentio.features;

/**
 * {@code librosa.filters.mel} with the Slaney mel scale and Slaney area normalisation (librosa's default):
 * triangular filters on mel-spaced centres, stored as float32 like librosa's, applied over each filter's
 * non-zero bins only.
 */
public final class MelFilterBank {
    private final double[][] weights; // float32 values, as librosa stores them: widening to double is exact
    private final int[] firstBin;
    private final int[] endBin;

    public MelFilterBank(int sampleRate, int nFft, int nMels, double fMin, double fMax) {
        if (nMels < 1 || fMin < 0 || fMax <= fMin) {
            throw new IllegalArgumentException("bad mel parameters: n_mels " + nMels + ", fmin " + fMin + ", fmax " + fMax);
        }
        double[] fftFreqs = Spectrogram.fftFrequencies(sampleRate, nFft);
        double[] melF = melFrequencies(nMels + 2, fMin, fMax);
        weights = new double[nMels][fftFreqs.length];
        firstBin = new int[nMels];
        endBin = new int[nMels];
        for (int m = 0; m < nMels; m++) {
            double lowerWidth = melF[m + 1] - melF[m];
            double upperWidth = melF[m + 2] - melF[m + 1];
            double enorm = 2.0 / (melF[m + 2] - melF[m]);
            int first = -1;
            int end = 0;
            for (int k = 0; k < fftFreqs.length; k++) {
                double lower = -(melF[m] - fftFreqs[k]) / lowerWidth;
                double upper = (melF[m + 2] - fftFreqs[k]) / upperWidth;
                double w = Math.max(0, Math.min(lower, upper));
                weights[m][k] = (float) (w * enorm);
                if (w > 0) {
                    if (first < 0) {
                        first = k;
                    }
                    end = k + 1;
                }
            }
            firstBin[m] = Math.max(first, 0);
            endBin[m] = end;
        }
    }

    /** {@code librosa.feature.melspectrogram(S=power)} from {@code S[bin][frame]}: {@code [mel][frame]}. */
    public double[][] apply(double[][] powerByBin) {
        int frames = powerByBin[0].length;
        double[][] out = new double[weights.length][frames];
        for (int m = 0; m < weights.length; m++) {
            Spectral.addWeightedRows(out[m], weights[m], powerByBin, firstBin[m], endBin[m]);
        }
        return out;
    }

    public int size() {
        return weights.length;
    }

    /** {@code librosa.mel_frequencies(n, fmin, fmax, htk=False)}: centres equally spaced on the Slaney mel scale. */
    static double[] melFrequencies(int n, double fMin, double fMax) {
        double minMel = hzToMel(fMin);
        double maxMel = hzToMel(fMax);
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double mel = n == 1 ? minMel : minMel + i * (maxMel - minMel) / (n - 1);
            f[i] = melToHz(mel);
        }
        return f;
    }

    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOGSTEP = Math.log(6.4) / 27.0;

    /** Slaney's mel scale: linear below 1 kHz, logarithmic above. */
    public static double hzToMel(double hz) {
        return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP : hz / F_SP;
    }

    public static double melToHz(double mel) {
        return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
    }
}
