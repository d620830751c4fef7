package dev.sentio.features;

import java.util.Arrays;

/**
 * {@code librosa.estimate_tuning} on a power spectrogram, as {@code chroma_stft} calls it: {@code piptrack}
 * (parabolic peak interpolation between 150 Hz and 4 kHz, peaks above 0.1 x the frame maximum), keep pitches
 * whose magnitude reaches the median, then {@code pitch_tuning}: the histogram peak of their deviation from
 * A440 in 1/100 of a bin. The chain is evaluated in float32 where librosa's is, because the histogram
 * edges make the answer sensitive to the last bits.
 */
public final class Tuning {
    private static final double FMIN = 150.0;
    private static final double FMAX = 4000.0;
    private static final float THRESHOLD = 0.1f;
    private static final double RESOLUTION = 0.01;

    private Tuning() {
    }

    /** Estimated tuning deviation in fractions of a bin, in [-0.5, 0.5), from {@code S[bin][frame]}. */
    public static double estimate(double[][] powerByBin, int sampleRate, int binsPerOctave) {
        int bins = powerByBin.length;
        int frames = powerByBin[0].length;
        int nFft = 2 * (bins - 1); // librosa infers n_fft from the spectrogram's height
        double fmax = Math.min(FMAX, sampleRate / 2.0);
        double[] freqs = Spectrogram.fftFrequencies(sampleRate, nFft);
        int lo = 1;
        while (lo < bins && freqs[lo] < FMIN) {
            lo++;
        }
        int hi = lo;
        while (hi < bins - 1 && freqs[hi] < fmax) {
            hi++;
        }
        // each frame's threshold: 0.1 x its largest power
        double[] frameMax = Spectral.maxAbsPerFrame(powerByBin);
        float[] ref = new float[frames];
        for (int t = 0; t < frames; t++) {
            ref[t] = THRESHOLD * (float) frameMax[t];
        }
        // peaks live in bins [lo, hi): fmin <= f < fmax, never the first or last bin; they are gathered bin by
        // bin rather than frame by frame, which the median and the histogram below do not see
        float[] pitches = new float[Math.max(16, 8 * frames)]; // grown when a spectrum has more peaks
        float[] mags = new float[pitches.length];
        int count = 0;
        for (int k = lo; k < hi; k++) {
            double[] below = powerByBin[k - 1];
            double[] here = powerByBin[k];
            double[] above = powerByBin[k + 1];
            for (int t = 0; t < frames; t++) {
                float sk = (float) here[t];
                float r = ref[t];
                if (!(sk > r)) {
                    continue; // below the threshold: no peak (most bins end here, before their neighbours are read)
                }
                float sBelow = (float) below[t];
                float sAbove = (float) above[t];
                float before = sBelow > r ? sBelow : 0f;
                float after = sAbove > r ? sAbove : 0f;
                if (!(sk > before && sk >= after)) {
                    continue;
                }
                if (count == pitches.length) {
                    pitches = Arrays.copyOf(pitches, 2 * count);
                    mags = Arrays.copyOf(mags, 2 * count);
                }
                float avg = 0.5f * (sAbove - sBelow);
                float curvature = 2 * sk - sAbove - sBelow;
                float shift = avg / (curvature + (Math.abs(curvature) < Float.MIN_NORMAL ? 1f : 0f));
                float dskew = 0.5f * avg * shift;
                pitches[count] = (float) ((k + (double) shift) * sampleRate / nFft);
                mags[count] = sk + dskew;
                count++;
            }
        }
        int positive = 0;
        for (int i = 0; i < count; i++) {
            if (pitches[i] > 0) {
                pitches[positive] = pitches[i];
                mags[positive] = mags[i];
                positive++;
            }
        }
        if (positive == 0) {
            return 0.0;
        }
        double threshold = median(Arrays.copyOf(mags, positive));
        float[] selected = new float[positive];
        int n = 0;
        for (int i = 0; i < positive; i++) {
            if (mags[i] >= threshold) {
                selected[n++] = pitches[i];
            }
        }
        return pitchTuning(Arrays.copyOf(selected, n), binsPerOctave);
    }

    /** {@code librosa.pitch_tuning(frequencies, resolution=0.01, bins_per_octave)}. */
    static double pitchTuning(float[] frequencies, int binsPerOctave) {
        int nBins = (int) Math.ceil(1.0 / RESOLUTION);
        double[] edges = new double[nBins + 1];
        double step = 1.0 / nBins;
        for (int i = 0; i <= nBins; i++) {
            edges[i] = i * step + -0.5; // numpy.linspace's arithmetic
        }
        int[] counts = new int[nBins];
        boolean any = false;
        for (float f : frequencies) {
            if (!(f > 0)) {
                continue;
            }
            any = true;
            float octs = (float) log2((double) (f / 27.5f));
            float scaled = binsPerOctave * octs;
            float residual = floorMod1(scaled);
            if (residual >= 0.5f) {
                residual -= 1.0f;
            }
            counts[histogramBin(residual, edges)]++;
        }
        if (!any) {
            return 0.0;
        }
        int best = 0;
        for (int i = 1; i < nBins; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return edges[best];
    }

    private static float floorMod1(float x) {
        float r = (float) (x - Math.floor(x));
        return r >= 1.0f ? 0.0f : r;
    }

    /** The bin of {@code v} with numpy.histogram's rule: edges[i] <= v < edges[i+1], the last bin closed. */
    private static int histogramBin(double v, double[] edges) {
        int nBins = edges.length - 1;
        int i = (int) ((v - edges[0]) / (edges[nBins] - edges[0]) * nBins);
        i = Math.max(0, Math.min(nBins - 1, i));
        while (i > 0 && v < edges[i]) {
            i--;
        }
        while (i < nBins - 1 && v >= edges[i + 1]) {
            i++;
        }
        return i;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * numpy.median: the mean of the two middle values for an even count. Found by selection rather than a full
     * sort; the array is reordered.
     */
    static double median(float[] values) {
        int n = values.length;
        int mid = n / 2;
        select(values, mid);
        if (n % 2 == 1) {
            return values[mid];
        }
        float below = values[0]; // selection left the mid smallest values in front, in no order
        for (int i = 1; i < mid; i++) {
            below = Math.max(below, values[i]);
        }
        return (below + (double) values[mid]) / 2;
    }

    /**
     * Quickselect: puts the k-th smallest value at index k, smaller or equal ones before it, larger or equal ones
     * after. Falls back to sorting the range left if the pivots keep splitting badly.
     */
    static void select(float[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(a.length)) + 4;
        while (hi > lo) {
            if (budget-- == 0) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            float pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float swap = a[i];
                    a[i] = a[j];
                    a[j] = swap;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return; // a[j+1 .. i-1] all equal the pivot, k among them
            }
        }
    }

    private static float medianOfThree(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
