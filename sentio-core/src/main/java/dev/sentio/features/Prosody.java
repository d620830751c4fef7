package dev.sentio.features;

import org.jtransforms.fft.DoubleFFT_1D;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prosodic and voice-quality functionals of one utterance, after the parameter groups of eGeMAPS (Eyben et al.,
 * 2016): pitch in semitones, its movement, harmonics-to-noise ratio, jitter, shimmer, loudness, alpha ratio,
 * Hammarberg index, spectral slopes, and the rhythm of voiced stretches. These are Sentio's own simplified
 * definitions, not openSMILE's (no parity is claimed): every value is a ratio or a level difference, so the
 * recording's gain does not move them, which is what lets them transfer to recordings unlike the training data
 * (BENCHMARKS.md, 2026-12-04: speaker-normalised, they beat the 549 spectral functionals across corpora).
 *
 * <p>Frames every 10 ms. Pitch: 40 ms frames, YIN's cumulative mean normalised difference over a 20 ms window,
 * its first dip below 0.15 between 60 and 500 Hz (else its lowest point); a frame is voiced where the
 * value there is below 0.25 and the frame's level is above 2% of the loudest frame's. Spectral descriptors: 25 ms Hann frames.
 */
public final class Prosody {
    /** Its name among a {@link FeatureConfig}'s features. */
    public static final String FEATURE = "prosody";
    /**
     * Changes whenever a definition below changes, so that no feature cache serves values of an older one. A
     * definition that model files were shipped with stays as it is: a new one gets a new feature name instead.
     */
    public static final int VERSION = 2;
    /** The values {@link #of} returns, in order. */
    public static final List<String> NAMES;
    private static final String[] STATS = {"mean", "sd", "p20", "p50", "p80", "range"};
    private static final String[] SPECTRAL = {"alpha", "hammarberg", "slope0-500", "slope500-1500"};
    private static final double FMIN = 60;
    private static final double FMAX = 500;
    private static final double VOICING_THRESHOLD = 0.25;
    private static final double DIP_THRESHOLD = 0.15;
    private static final double SILENCE_FRACTION = 0.02;
    /** How many pitch frames share one stretch of running sums. */
    private static final int SUM_FRAMES = 256;
    /** Semitones are counted from A0, 27.5 Hz. */
    private static final double SEMITONE_BASE = 27.5;

    static {
        List<String> names = new ArrayList<>();
        for (String s : STATS) {
            names.add("f0_semitone_" + s);
        }
        names.addAll(List.of("f0_rel_mean", "f0_rel_p20", "f0_rel_p80", "f0_rise", "f0_fall"));
        for (String s : STATS) {
            names.add("hnr_" + s);
        }
        names.addAll(List.of("jitter", "shimmer"));
        for (String s : STATS) {
            if (!s.equals("mean")) {
                names.add("loudness_" + s); // relative to the utterance's mean loudness, so its mean is always 1
            }
        }
        for (String d : SPECTRAL) {
            names.addAll(List.of(d + "_voiced_mean", d + "_voiced_sd", d + "_unvoiced_mean", d + "_unvoiced_sd"));
        }
        names.addAll(List.of("voiced_segments_per_s", "voiced_fraction", "voiced_segment_s"));
        NAMES = List.copyOf(names);
    }

    private Prosody() {
    }

    /** The {@link #NAMES} values of signal {@code y} at {@code sampleRate}. */
    public static float[] of(float[] y, int sampleRate) {
        double peak = 0;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        double scale = 1 / (peak + 1e-9); // to unit peak, applied as frames are read: no copy of a long signal
        int hop = sampleRate / 100;
        Pitch pitch = pitch(y, scale, sampleRate, hop);
        double[][] spectral = spectral(y, scale, sampleRate, hop); // alpha, hammarberg, slope 0-500, slope 500-1500, loudness
        int m = Math.min(pitch.f0.length, spectral[0].length);
        boolean[] voiced = Arrays.copyOf(pitch.voiced, m);
        double[] semitones = select(pitch.f0, voiced, f -> 12 * Math.log(f / SEMITONE_BASE) / Math.log(2));
        double[] out = new double[NAMES.size()];
        int k = 0;
        k = stats(semitones, out, k);
        double median = semitones.length < 2 ? 0 : percentile(semitones, 0.5);
        double[] relative = semitones.length < 2 ? new double[2] : semitones.clone();
        for (int i = 0; i < relative.length && semitones.length >= 2; i++) {
            relative[i] -= median;
        }
        double[] relStats = new double[STATS.length];
        stats(relative, relStats, 0);
        out[k++] = relStats[0];
        out[k++] = relStats[2];
        out[k++] = relStats[4];
        double rise = 0;
        double fall = 0;
        int rises = 0;
        int falls = 0;
        for (int i = 1; i < semitones.length; i++) {
            double d = semitones[i] - semitones[i - 1];
            if (d > 0) {
                rise += d;
                rises++;
            } else if (d < 0) {
                fall += d;
                falls++;
            }
        }
        if (semitones.length <= 2) {
            rises = 0;
            falls = 0;
        }
        out[k++] = rises == 0 ? 0 : rise / rises;
        out[k++] = falls == 0 ? 0 : fall / falls;
        k = stats(select(pitch.correlation, voiced, r -> 10 * Math.log10(r / (1 - r))), out, k);
        double[] periods = select(pitch.f0, voiced, f -> 1 / f);
        out[k++] = periods.length > 2 ? meanAbsChange(periods) / mean(periods) : 0;
        double[] levels = select(pitch.rms, voiced, r -> 20 * Math.log10(r + 1e-9));
        out[k++] = levels.length > 2 ? meanAbsChange(levels) : 0;
        double[] loudness = Arrays.copyOf(spectral[4], m);
        double meanLoudness = mean(loudness);
        for (int i = 0; i < m; i++) {
            loudness[i] /= meanLoudness + 1e-9;
        }
        double[] loudStats = new double[STATS.length];
        stats(loudness, loudStats, 0);
        System.arraycopy(loudStats, 1, out, k, STATS.length - 1);
        k += STATS.length - 1;
        boolean[] unvoiced = new boolean[m];
        for (int i = 0; i < m; i++) {
            unvoiced[i] = !voiced[i];
        }
        for (int d = 0; d < SPECTRAL.length; d++) {
            for (boolean[] part : new boolean[][] {voiced, unvoiced}) {
                double[] v = select(spectral[d], part, a -> a);
                if (v.length < 2) {
                    v = new double[2];
                }
                out[k++] = mean(v);
                out[k++] = sd(v);
            }
        }
        int segments = 0;
        int voicedFrames = 0;
        for (int i = 0; i < m; i++) {
            if (voiced[i]) {
                voicedFrames++;
                if (i == 0 || !voiced[i - 1]) {
                    segments++;
                }
            }
        }
        double seconds = (double) m * hop / sampleRate;
        out[k++] = segments / seconds;
        out[k++] = (double) voicedFrames / m;
        out[k++] = voicedFrames * (double) hop / sampleRate / Math.max(segments, 1);
        float[] values = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            values[i] = Double.isFinite(out[i]) ? (float) out[i] : 0f;
        }
        return values;
    }

    private record Pitch(double[] f0, boolean[] voiced, double[] correlation, double[] rms) {
    }

    /** F0, voicing, the normalised autocorrelation at the period (for the HNR) and the level, per 40 ms frame. */
    private static Pitch pitch(float[] x, double scale, int sampleRate, int hop) {
        int n = (int) Math.round(0.04 * sampleRate);
        int window = n / 2;
        int lagMin = (int) Math.floor(sampleRate / FMAX);
        int lagMax = Math.min((int) Math.floor(sampleRate / FMIN), n - window);
        float[] signal = x.length >= n ? x : Arrays.copyOf(x, n);
        int frames = 1 + (signal.length - n) / hop;
        // The lag products of a frame's window are those of its hop-long blocks added up, and consecutive frames
        // share all but one block: each block is correlated once, by an FFT half the frame's size.
        int block = window % hop == 0 ? hop : window;
        int blocksPerFrame = window / block;
        int size = Integer.highestOneBit(block + lagMax - 1) << 1; // block + lags fit: no wrap-around
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        double[][] products = new double[blocksPerFrame][size]; // a ring: block j's in products[j % blocksPerFrame]
        double[] a = new double[size];
        // running sums of the signal and of its square: any window's sum and energy by one subtraction, where
        // summing each 40 ms frame anew cost a third of the pitch search (frames overlap by three quarters); kept
        // for a stretch of SUM_FRAMES frames at a time, so that a long recording needs no arrays as long as itself
        double[] s1 = new double[(SUM_FRAMES - 1) * hop + n + 1];
        double[] s2 = new double[s1.length];
        int origin = 0; // the sample s1[0] stands before
        double[] r = new double[lagMax + 1];
        double[] energies = new double[lagMax + 1];
        double[] difference = new double[lagMax + 1];
        double[] normalised = new double[lagMax + 1];
        double[] f0 = new double[frames];
        double[] correlation = new double[frames];
        double[] rms = new double[frames];
        double[] best = new double[frames];
        double loudest = 0;
        for (int j = 0; j < blocksPerFrame - 1; j++) {
            blockProducts(signal, scale, j * hop, block, lagMax, fft, a, products[j]);
        }
        for (int t = 0; t < frames; t++) {
            int next = t + blocksPerFrame - 1; // the frame's last block, the only one not computed before
            blockProducts(signal, scale, next * hop, block, lagMax, fft, a, products[next % blocksPerFrame]);
            if (t % SUM_FRAMES == 0) {
                origin = t * hop;
                int end = Math.min(signal.length, origin + s1.length - 1);
                for (int i = origin; i < end; i++) {
                    double v = signal[i] * scale;
                    s1[i - origin + 1] = s1[i - origin] + v;
                    s2[i - origin + 1] = s2[i - origin] + v * v;
                }
            }
            int start = t * hop - origin;
            double mean = (s1[start + n] - s1[start]) / n;
            double meanSquares = window * mean * mean;
            double sum0 = s1[start + window] - s1[start];
            // the products and energies of the mean-removed frame, from those of the raw signal
            for (int tau = 0; tau < lagMax; tau++) {
                double raw = 0;
                for (double[] p : products) {
                    raw += p[tau];
                }
                double sum = s1[start + tau + window] - s1[start + tau];
                r[tau] = raw - mean * (sum0 + sum) + meanSquares;
                energies[tau] = Math.max(0, s2[start + tau + window] - s2[start + tau] - 2 * mean * sum + meanSquares);
            }
            double energy0 = energies[0];
            double runningSum = 0;
            for (int tau = 1; tau < lagMax; tau++) {
                double energy = energies[tau];
                difference[tau] = energy0 + energy - 2 * r[tau];
                runningSum += difference[tau];
                normalised[tau] = difference[tau] / (runningSum / tau + 1e-12);
            }
            int lag = period(normalised, lagMin, lagMax);
            double lowest = normalised[lag];
            double energyAtLag = energies[lag];
            double rr = r[lag] / Math.sqrt(energy0 * energyAtLag + 1e-12);
            f0[t] = (double) sampleRate / lag;
            correlation[t] = Math.min(0.9999, Math.max(1e-4, rr));
            rms[t] = Math.sqrt(energy0 / window);
            best[t] = lowest;
            loudest = Math.max(loudest, rms[t]);
        }
        boolean[] voiced = new boolean[frames];
        for (int t = 0; t < frames; t++) {
            voiced[t] = best[t] < VOICING_THRESHOLD && rms[t] > SILENCE_FRACTION * loudest;
        }
        return new Pitch(f0, voiced, correlation, rms);
    }

    /** out[tau] = sum over i < length of x[start + i] x[start + i + tau] (scaled), for tau < lags. */
    private static void blockProducts(float[] x, double scale, int start, int length, int lags, DoubleFFT_1D fft,
                                          double[] a, double[] out) {
        Arrays.fill(a, 0);
        Arrays.fill(out, 0);
        int end = Math.min(x.length, start + length + lags);
        for (int i = start; i < end; i++) {
            double v = x[i] * scale;
            out[i - start] = v;
            if (i - start < length) {
                a[i - start] = v;
            }
        }
        fft.realForward(a);
        fft.realForward(out);
        conjugateTimes(a, out);
        fft.realInverse(out, true);
    }

    /**
     * YIN's period: the first lag whose normalised difference dips below {@link #DIP_THRESHOLD}, followed down to
     * the bottom of that dip; without one, the lowest point. The first dip, not the lowest: at two or three periods
     * a periodic signal's difference is as low, and the lowest would halve or third the pitch.
     */
    private static int period(double[] normalised, int lagMin, int lagMax) {
        for (int tau = lagMin; tau < lagMax; tau++) {
            if (normalised[tau] < DIP_THRESHOLD) {
                while (tau + 1 < lagMax && normalised[tau + 1] < normalised[tau]) {
                    tau++;
                }
                return tau;
            }
        }
        int best = lagMin;
        for (int tau = lagMin + 1; tau < lagMax; tau++) {
            if (normalised[tau] < normalised[best]) {
                best = tau;
            }
        }
        return best;
    }

    /** Per 25 ms frame: alpha ratio, Hammarberg index, slopes 0-500 and 500-1500 Hz (dB/Hz), loudness. */
    private static double[][] spectral(float[] x, double scale, int sampleRate, int hop) {
        int n = (int) Math.round(0.025 * sampleRate);
        int size = Integer.highestOneBit(n - 1) << 1;
        float[] signal = x.length >= n ? x : Arrays.copyOf(x, n);
        int frames = 1 + (signal.length - n) / hop;
        double[] hann = new double[n];
        for (int i = 0; i < n; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
        }
        int bins = size / 2 + 1;
        double[] freq = new double[bins];
        for (int k = 0; k < bins; k++) {
            freq[k] = (double) k * sampleRate / size;
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        double[] buffer = new double[size];
        double[] power = new double[bins];
        double[][] out = new double[5][frames];
        for (int t = 0; t < frames; t++) {
            Arrays.fill(buffer, 0);
            for (int i = 0; i < n; i++) {
                buffer[i] = signal[t * hop + i] * scale * hann[i];
            }
            fft.realForward(buffer);
            power[0] = buffer[0] * buffer[0];
            power[bins - 1] = buffer[1] * buffer[1];
            for (int k = 1; k < bins - 1; k++) {
                power[k] = buffer[2 * k] * buffer[2 * k] + buffer[2 * k + 1] * buffer[2 * k + 1];
            }
            double low = 0;
            double high = 0;
            double lowPeak = 0;
            double highPeak = 0;
            double loudness = 0;
            for (int k = 0; k < bins; k++) {
                double p = power[k] + 1e-10;
                double f = freq[k];
                if (f >= 50 && f < 1000) {
                    low += p;
                }
                if (f >= 1000 && f < 5000) {
                    high += p;
                }
                if (f < 2000) {
                    lowPeak = Math.max(lowPeak, p);
                } else if (f < 5000) {
                    highPeak = Math.max(highPeak, p);
                }
                if (f >= 50 && f < 8000) {
                    loudness += Math.pow(p, 0.3);
                }
            }
            out[0][t] = 10 * Math.log10(low / high);
            out[1][t] = 10 * Math.log10(lowPeak / highPeak);
            out[2][t] = slope(power, freq, 0, 500);
            out[3][t] = slope(power, freq, 500, 1500);
            out[4][t] = loudness;
        }
        return out;
    }

    /** Least-squares slope of the dB spectrum against frequency over [lo, hi) Hz. */
    private static double slope(double[] power, double[] freq, double lo, double hi) {
        int from = 0;
        while (from < freq.length && freq[from] < lo) {
            from++;
        }
        int to = from;
        while (to < freq.length && freq[to] < hi) {
            to++;
        }
        double[] db = new double[to - from];
        double sumF = 0;
        double sumY = 0;
        for (int k = from; k < to; k++) {
            db[k - from] = 10 * Math.log10(power[k] + 1e-10);
            sumF += freq[k];
            sumY += db[k - from];
        }
        int count = to - from;
        double meanF = sumF / count;
        double meanY = sumY / count;
        double num = 0;
        double den = 0;
        for (int k = from; k < to; k++) {
            double df = freq[k] - meanF;
            num += (db[k - from] - meanY) * df;
            den += df * df;
        }
        return num / den;
    }

    /** b = conj(a) * b for two spectra in JTransforms' packed real layout (a cross-correlation). */
    private static void conjugateTimes(double[] a, double[] b) {
        b[0] *= a[0];
        b[1] *= a[1];
        for (int k = 2; k < a.length; k += 2) {
            double re = a[k] * b[k] + a[k + 1] * b[k + 1];
            double im = a[k] * b[k + 1] - a[k + 1] * b[k];
            b[k] = re;
            b[k + 1] = im;
        }
    }

    /** mean, sd, 20th, 50th and 80th percentiles and the 20-80 range into out from k; zeros under two values. */
    private static int stats(double[] v, double[] out, int k) {
        double[] values = v.length < 2 ? new double[2] : v;
        double p20 = percentile(values, 0.2);
        double p80 = percentile(values, 0.8);
        out[k++] = mean(values);
        out[k++] = sd(values);
        out[k++] = p20;
        out[k++] = percentile(values, 0.5);
        out[k++] = p80;
        out[k++] = p80 - p20;
        return k;
    }

    private static double[] select(double[] values, boolean[] keep, java.util.function.DoubleUnaryOperator f) {
        int count = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                count++;
            }
        }
        double[] out = new double[count];
        int j = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                out[j++] = f.applyAsDouble(values[i]);
            }
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    private static double meanAbsChange(double[] v) {
        double s = 0;
        for (int i = 1; i < v.length; i++) {
            s += Math.abs(v[i] - v[i - 1]);
        }
        return s / (v.length - 1);
    }

    private static double percentile(double[] v, double q) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        return Functionals.percentileOfSorted(sorted, q);
    }
}
