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

    /** Estimated tuning deviation in fractions of a bin, in [-0.5, 0.5). */
    public static double estimate(double[][] power, int sampleRate, int binsPerOctave) {
        int frames = power.length;
        if (frames == 0) {
            return 0.0;
        }
        int bins = power[0].length;
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
        // peaks live in bins [lo, hi): fmin <= f < fmax, never the first or last bin
        float[] pitches = new float[frames * Math.max(0, hi - lo)];
        float[] mags = new float[pitches.length];
        int count = 0;
        float[] s = new float[bins];
        for (int t = 0; t < frames; t++) {
            double[] p = power[t];
            float ref = THRESHOLD * (float) max(p);
            for (int k = lo - 1; k <= hi; k++) {
                s[k] = (float) p[k];
            }
            for (int k = lo; k < hi; k++) {
                float c = s[k] > ref ? s[k] : 0f;
                float before = s[k - 1] > ref ? s[k - 1] : 0f;
                float after = s[k + 1] > ref ? s[k + 1] : 0f;
                if (!(c > before && c >= after)) {
                    continue;
                }
                float avg = 0.5f * (s[k + 1] - s[k - 1]);
                float curvature = 2 * s[k] - s[k + 1] - s[k - 1];
                float shift = avg / (curvature + (Math.abs(curvature) < Float.MIN_NORMAL ? 1f : 0f));
                float dskew = 0.5f * avg * shift;
                pitches[count] = (float) ((k + (double) shift) * sampleRate / nFft);
                mags[count] = s[k] + dskew;
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

    /** The largest value, with four independent running maxima so the loop is not one long dependency chain. */
    static double max(double[] v) {
        double m0 = 0;
        double m1 = 0;
        double m2 = 0;
        double m3 = 0;
        int k = 0;
        for (; k + 3 < v.length; k += 4) {
            m0 = Math.max(m0, v[k]);
            m1 = Math.max(m1, v[k + 1]);
            m2 = Math.max(m2, v[k + 2]);
            m3 = Math.max(m3, v[k + 3]);
        }
        for (; k < v.length; k++) {
            m0 = Math.max(m0, v[k]);
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
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

    /** numpy.median: the mean of the two middle values for an even count. */
    static double median(float[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + (double) values[n / 2]) / 2;
    }
}
