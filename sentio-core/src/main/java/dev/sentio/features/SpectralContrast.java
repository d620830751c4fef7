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

    /**
     * {@code [band][frame]} contrast in dB (librosa's layout) from a power spectrogram {@code S[bin][frame]} (librosa takes |stft| =
     * sqrt(power); sqrt is monotonic, so the extremes are selected on power and only they are rooted).
     */
    public double[][] apply(double[][] powerByBin) {
        int bands = bandStart.length;
        int frames = powerByBin[0].length;
        double[][] peak = new double[bands][frames];
        double[][] valley = new double[bands][frames];
        for (int b = 0; b < bands; b++) {
            int n = Math.min(take[b], bandEnd[b] - bandStart[b]);
            double[][] high = new double[n][frames];
            double[][] low = new double[n][frames];
            extremes(powerByBin, bandStart[b], bandEnd[b], high, low);
            for (int t = 0; t < frames; t++) {
                double highSum = 0;
                double lowSum = 0;
                for (int i = 0; i < n; i++) {
                    highSum += Math.sqrt(high[i][t]);
                    lowSum += Math.sqrt(low[i][t]);
                }
                peak[b][t] = highSum / n;
                valley[b][t] = lowSum / n;
            }
        }
        Spectral.powerToDb(peak);
        Spectral.powerToDb(valley);
        for (int b = 0; b < bands; b++) {
            for (int t = 0; t < frames; t++) {
                peak[b][t] -= valley[b][t];
            }
        }
        return peak;
    }

    /** Rows sorted together before selection; see {@link #extremes}. */
    private static final int GROUP = 4;

    /**
     * Per frame (column), the n largest values of rows [from, to) into {@code high[0..n)} (descending) and the n
     * smallest into {@code low[0..n)} (ascending), n being their length.
     *
     * <p>Rows go in groups of four, sorted per frame. The j-th largest of a group can be among the n largest only
     * if the group's j - 1 larger values are too, so at most n / j of the n largest are j-th largest ones, and they
     * are the largest of those. Each group's j-th largest values therefore run through only n / j ranks, and
     * these candidates merge into the n ranks at the end: about half the max/min work of pushing every row
     * through n ranks. The same holds for the n smallest, found as the largest of the negated values.
     */
    static void extremes(double[][] s, int from, int to, double[][] high, double[][] low) {
        int frames = s[0].length;
        double[][][] highOf = rankLists(high, frames); // [j]: ranks for the groups' (j+1)-th largest values
        double[][][] lowOf = rankLists(low, frames); // [j]: ranks for the groups' (j+1)-th smallest, negated
        double[][] sorted = new double[GROUP][frames];
        double[] carry = new double[frames];
        int k = from;
        for (; k + GROUP <= to; k += GROUP) {
            sortGroup(s, k, sorted);
            for (int j = 0; j < GROUP; j++) {
                negate(sorted[GROUP - 1 - j], carry);
                pushThrough(lowOf[j], carry);
            }
            for (int j = 0; j < GROUP; j++) {
                pushThrough(highOf[j], sorted[j]); // the sorted rows are scratch: they may be used up
            }
        }
        for (; k < to; k++) { // rows left over are candidates for the n ranks directly
            System.arraycopy(s[k], 0, carry, 0, frames);
            pushThrough(high, carry);
            negate(s[k], carry);
            pushThrough(low, carry);
        }
        for (int j = 1; j < GROUP; j++) {
            for (double[] rank : highOf[j]) {
                pushThrough(high, rank);
            }
            for (double[] rank : lowOf[j]) {
                pushThrough(low, rank);
            }
        }
        for (double[] rank : low) {
            negate(rank, rank);
        }
    }

    /** {@code primary} (n ranks) and, for the groups' 2nd .. 4th values, n/2 .. n/4 ranks; all empty (-inf). */
    private static double[][][] rankLists(double[][] primary, int frames) {
        int n = primary.length;
        double[][][] lists = new double[GROUP][][];
        for (int j = 0; j < GROUP; j++) {
            lists[j] = j == 0 ? primary : new double[n / (j + 1)][frames];
            for (double[] rank : lists[j]) {
                java.util.Arrays.fill(rank, Double.NEGATIVE_INFINITY);
            }
        }
        return lists;
    }

    /** {@code to = -from}, frame by frame; to may be from. */
    private static void negate(double[] from, double[] to) {
        for (int t = 0; t < to.length; t++) {
            to[t] = -from[t];
        }
    }

    /** Rows k .. k+3 sorted per frame, largest first, by the five compare-exchanges of a 4-input network. */
    private static void sortGroup(double[][] s, int k, double[][] sorted) {
        compareExchange(s[k], s[k + 1], sorted[0], sorted[1]);
        compareExchange(s[k + 2], s[k + 3], sorted[2], sorted[3]);
        compareExchange(sorted[0], sorted[2], sorted[0], sorted[2]);
        compareExchange(sorted[1], sorted[3], sorted[1], sorted[3]);
        compareExchange(sorted[1], sorted[2], sorted[1], sorted[2]);
    }

    /** {@code hi = max(a, b)}, {@code lo = min(a, b)} for every frame; hi and lo may be a and b themselves. */
    private static void compareExchange(double[] a, double[] b, double[] hi, double[] lo) {
        for (int t = 0; t < a.length; t++) {
            double x = a[t];
            double y = b[t];
            hi[t] = Math.max(x, y);
            lo[t] = Math.min(x, y);
        }
    }

    /**
     * One row of values through the ranks, as through a sorting network: each rank keeps the larger of what it
     * holds and what comes in and hands the smaller on; the last rank's is dropped. Branch-free and running over
     * frames, so the JIT vectorises it (it does for double max and min; not for int, nor for a conditional).
     */
    private static void pushThrough(double[][] ranks, double[] carry) {
        if (ranks.length == 0) {
            return;
        }
        int frames = carry.length;
        int last = ranks.length - 1;
        int i = 0;
        for (; i + 1 < last; i += 2) { // two ranks a pass: the value handed from one to the next stays in a register
            double[] first = ranks[i];
            double[] second = ranks[i + 1];
            for (int t = 0; t < frames; t++) {
                double in = carry[t];
                double held = first[t];
                first[t] = Math.max(held, in);
                in = Math.min(held, in);
                held = second[t];
                second[t] = Math.max(held, in);
                carry[t] = Math.min(held, in);
            }
        }
        for (; i < last; i++) {
            double[] rank = ranks[i];
            for (int t = 0; t < frames; t++) {
                double held = rank[t];
                double in = carry[t];
                rank[t] = Math.max(held, in);
                carry[t] = Math.min(held, in);
            }
        }
        double[] lastRank = ranks[last];
        for (int t = 0; t < frames; t++) {
            lastRank[t] = Math.max(lastRank[t], carry[t]);
        }
    }
}
