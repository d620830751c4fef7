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
    private static final int SUM_FRAMES = 32;
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
        // share all but one block: each block's products are computed once, by FFTs half the frame's size.
        LagProducts lags = new LagProducts(signal, scale, hop, window % hop == 0 ? hop : window, window, lagMax);
        // running sums of the signal and of its square: any window's sum and energy by one subtraction, where
        // summing each 40 ms frame anew cost a third of the pitch search (frames overlap by three quarters); kept
        // for a stretch of SUM_FRAMES frames at a time, so that no recording needs arrays as long as itself
        double[] s1 = new double[(SUM_FRAMES - 1) * hop + n + 1];
        double[] s2 = new double[s1.length];
        int origin = 0; // the sample s1[0] stands before
        double[] r = new double[lagMax + 1];
        double[] energies = new double[lagMax + 1];
        double[] f0 = new double[frames];
        double[] correlation = new double[frames];
        double[] rms = new double[frames];
        double[] best = new double[frames];
        double loudest = 0;
        for (int t = 0; t < frames; t++) {
            double[] products = lags.next();
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
            double energy0 = Math.max(0, s2[start + window] - s2[start] - 2 * mean * sum0 + meanSquares);
            // lag by lag: the products and energies of the mean-removed frame (from those of the raw signal), YIN's
            // normalised difference, and the period: the first lag whose value dips below DIP_THRESHOLD, followed
            // down to the bottom of that dip (computing no further); without one, the lowest point. The first dip,
            // not the lowest: at two or three periods a periodic signal's difference is as low, and the lowest
            // would halve or third the pitch.
            double runningSum = 0;
            int lowestLag = lagMin;
            double lowestValue = Double.NaN;
            int dip = -1;
            double dipValue = 0;
            for (int tau = 1; tau < lagMax; tau++) {
                double sum = s1[start + tau + window] - s1[start + tau];
                r[tau] = products[tau] - mean * (sum0 + sum) + meanSquares;
                energies[tau] = Math.max(0, s2[start + tau + window] - s2[start + tau] - 2 * mean * sum + meanSquares);
                double difference = energy0 + energies[tau] - 2 * r[tau];
                runningSum += difference;
                if (tau < lagMin) {
                    continue;
                }
                double normalised = difference / (runningSum / tau + 1e-12);
                if (dip >= 0) {
                    if (!(normalised < dipValue)) {
                        break;
                    }
                    dip = tau;
                    dipValue = normalised;
                } else if (normalised < DIP_THRESHOLD) {
                    dip = tau;
                    dipValue = normalised;
                } else if (tau == lagMin || normalised < lowestValue) {
                    lowestLag = tau;
                    lowestValue = normalised;
                }
            }
            int lag = dip >= 0 ? dip : lowestLag;
            double lowest = dip >= 0 ? dipValue : lowestValue;
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

    /**
     * The lag products of consecutive frames' windows, frame after frame: sum over i < window of x[start + i]
     * x[start + i + tau] (scaled), for tau < lags, each window made of hop-spaced blocks. Where the blocks tile the
     * signal (block = hop: lags reach 1/60 s, 1.67 hops, so a block's segment, the block and the lags after it, lies
     * in it and the next two blocks), the segment's spectrum is the three blocks' spectra with phase shifts: each
     * block is transformed once, and a frame costs one forward and one inverse FFT (three before); the blocks'
     * products are added up as spectra, before the inverse.
     */
    private static final class LagProducts {
        private final float[] x;
        private final double scale;
        private final int hop;
        private final int block;
        private final int lags;
        private final int size;
        private final DoubleFFT_1D fft;
        private final boolean tiled;
        /** cos and sin, per bin, of the phase shift of the segment's second and third blocks. */
        private final double[] cos1;
        private final double[] sin1;
        private final double[] cos2;
        private final double[] sin2;
        /** A ring of block spectra: block b's in spectra[b % 3] (only [0], reused, where blocks do not tile). */
        private final double[][] spectra = new double[3][];
        /** A ring of the blocks' product spectra: block b's in products[b % blocksPerFrame]. */
        private final double[][] products;
        private final double[] out;
        private int frame;

        LagProducts(float[] x, double scale, int hop, int block, int window, int lags) {
            this.x = x;
            this.scale = scale;
            this.hop = hop;
            this.block = block;
            this.lags = lags;
            tiled = block == hop && block + lags - 1 <= 3 * block;
            // block and lags, and where blocks tile the segment's three blocks, fit: no wrap-around into the lags
            size = Integer.highestOneBit(Math.max(block + lags - 1, tiled ? 3 * block : 0) - 1) << 1;
            fft = new DoubleFFT_1D(size);
            cos1 = new double[size / 2 + 1];
            sin1 = new double[size / 2 + 1];
            cos2 = new double[size / 2 + 1];
            sin2 = new double[size / 2 + 1];
            for (int j = 0; j <= size / 2; j++) {
                double angle = 2 * Math.PI * ((long) j * block % size) / size;
                cos1[j] = Math.cos(angle);
                sin1[j] = Math.sin(angle);
                angle = 2 * Math.PI * ((long) j * 2 * block % size) / size;
                cos2[j] = Math.cos(angle);
                sin2[j] = Math.sin(angle);
            }
            for (int k = 0; k < spectra.length; k++) {
                spectra[k] = new double[size];
            }
            products = new double[window / block][size];
            out = new double[size];
            if (tiled) {
                transform(0, block, spectra[0]);
                transform(hop, block, spectra[1]);
            }
            for (int b = 0; b + 1 < products.length; b++) {
                product(b);
            }
        }

        /** The next frame's products (tau < lags read; the array is reused). */
        double[] next() {
            product(frame + products.length - 1); // the frame's last block, the only one not computed before
            frame++;
            System.arraycopy(products[0], 0, out, 0, size);
            for (int k = 1; k < products.length; k++) {
                double[] p = products[k];
                for (int i = 0; i < size; i++) {
                    out[i] += p[i];
                }
            }
            fft.realInverse(out, true);
            return out;
        }

        /** Block b's product spectrum: its spectrum's conjugate times its segment's. */
        private void product(int b) {
            double[] p = products[b % products.length];
            if (tiled) {
                transform((b + 2) * hop, block, spectra[(b + 2) % 3]);
                timesSegment(spectra[b % 3], spectra[(b + 1) % 3], spectra[(b + 2) % 3], p);
            } else {
                double[] a = spectra[0];
                transform(b * hop, block, a);
                transform(b * hop, block + lags - 1, p); // the last lag read needs no more
                conjugateTimes(a, p);
            }
        }

        /**
         * p = conj(a) times the segment's spectrum, a + n1 + n2 with n1 delayed by one block and n2 by two, in one
         * pass over the bins (JTransforms' packed real layout: bins 0 and n/2 are real, in [0] and [1]).
         */
        private void timesSegment(double[] a, double[] n1, double[] n2, double[] p) {
            int half = size / 2;
            p[0] = ((a[0] + n1[0]) + n2[0]) * a[0];
            p[1] = ((a[1] + n1[1] * cos1[half]) + n2[1] * cos2[half]) * a[1];
            for (int j = 1; j < half; j++) {
                double ar = a[2 * j];
                double ai = a[2 * j + 1];
                double r1 = n1[2 * j];
                double i1 = n1[2 * j + 1];
                double r2 = n2[2 * j];
                double i2 = n2[2 * j + 1];
                double sr = (ar + (r1 * cos1[j] + i1 * sin1[j])) + (r2 * cos2[j] + i2 * sin2[j]);
                double si = (ai + (i1 * cos1[j] - r1 * sin1[j])) + (i2 * cos2[j] - r2 * sin2[j]);
                p[2 * j] = ar * sr + ai * si;
                p[2 * j + 1] = ar * si - ai * sr;
            }
        }

        /** into = the spectrum of x[start, start + length) (scaled, zero past the signal's end), zero-padded. */
        private void transform(int start, int length, double[] into) {
            Arrays.fill(into, 0);
            int end = Math.min(x.length, start + length);
            for (int i = start; i < end; i++) {
                into[i - start] = x[i] * scale;
            }
            fft.realForward(into);
        }
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
        int b50 = firstBin(freq, 50);
        int b500 = firstBin(freq, 500);
        int b1000 = firstBin(freq, 1000);
        int b1500 = firstBin(freq, 1500);
        int b2000 = firstBin(freq, 2000);
        int b5000 = firstBin(freq, 5000);
        int b8000 = firstBin(freq, 8000);
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        double[] buffer = new double[size];
        double[] power = new double[bins];
        double[] db = new double[bins];
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
            for (int k = b50; k < b1000; k++) {
                low += power[k] + 1e-10;
            }
            double high = 0;
            for (int k = b1000; k < b5000; k++) {
                high += power[k] + 1e-10;
            }
            double lowPeak = 0;
            for (int k = 0; k < b2000; k++) {
                lowPeak = Math.max(lowPeak, power[k] + 1e-10);
            }
            double highPeak = 0;
            for (int k = b2000; k < b5000; k++) {
                highPeak = Math.max(highPeak, power[k] + 1e-10);
            }
            double loudness = 0;
            for (int k = b50; k < b8000; k++) {
                loudness += powerTo03(power[k] + 1e-10);
            }
            out[0][t] = 10 * Math.log10(low / high);
            out[1][t] = 10 * Math.log10(lowPeak / highPeak);
            out[2][t] = slope(power, freq, 0, b500, db);
            out[3][t] = slope(power, freq, b500, b1500, db);
            out[4][t] = loudness;
        }
        return out;
    }

    /** The first of the bins at frequencies {@code freq} at or above {@code hz} ({@code freq.length} if none). */
    private static int firstBin(double[] freq, double hz) {
        int k = 0;
        while (k < freq.length && freq[k] < hz) {
            k++;
        }
        return k;
    }

    private static final double[] TWO_TO_03E = new double[2046];
    private static final double[] MANTISSA_03 = new double[257];
    private static final double[] MANTISSA_INVERSE = new double[257];

    static {
        for (int e = -1022; e <= 1023; e++) {
            TWO_TO_03E[e + 1022] = Math.pow(Math.scalb(1.0, e), 0.3); // as Math.pow treats the power of two
        }
        for (int j = 0; j <= 256; j++) {
            double m = 1 + j / 256.0;
            MANTISSA_03[j] = Math.pow(m, 0.3);
            MANTISSA_INVERSE[j] = 1 / m;
        }
    }

    /**
     * {@code p^0.3} for the loudness, to within 1e-14 of {@code Math.pow} (ProsodyTest), at a third of its cost:
     * Math.pow over every bin of every frame was a quarter of all the prosodic values' time. For
     * p = 2^e m, 1 <= m < 2: 2^(0.3 e) and (m0)^0.3 for the 1/256 step m0 below m from tables, (m / m0)^0.3 from
     * its binomial series to the fifth power (the ratio is within 1/256 of 1, so the rest is under 1e-13).
     */
    static double powerTo03(double p) {
        long bits = Double.doubleToRawLongBits(p);
        int e = (int) (bits >>> 52) - 1023;
        if (bits <= 0 || e < -1022 || e > 1023) { // not a positive normal number: zero, subnormal, infinite, NaN
            return Math.pow(p, 0.3);
        }
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        int j = (int) (mantissa >>> 44);
        double m = Double.longBitsToDouble(mantissa | 0x3FF0000000000000L);
        double d = (m - (1 + j / 256.0)) * MANTISSA_INVERSE[j];
        double series = 1 + d * (0.3 + d * (-0.105 + d * (0.0595 + d * (-0.0401625 + d * 0.02972025))));
        return TWO_TO_03E[e + 1022] * MANTISSA_03[j] * series;
    }

    /** Least-squares slope of the dB spectrum against frequency over bins [from, to); db is scratch space. */
    private static double slope(double[] power, double[] freq, int from, int to, double[] db) {
        double sumF = 0;
        double sumY = 0;
        for (int k = from; k < to; k++) {
            db[k] = 10 * Math.log10(power[k] + 1e-10);
            sumF += freq[k];
            sumY += db[k];
        }
        int count = to - from;
        double meanF = sumF / count;
        double meanY = sumY / count;
        double num = 0;
        double den = 0;
        for (int k = from; k < to; k++) {
            double df = freq[k] - meanF;
            num += (db[k] - meanY) * df;
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
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double p20 = Functionals.percentileOfSorted(sorted, 0.2);
        double p80 = Functionals.percentileOfSorted(sorted, 0.8);
        out[k++] = mean(values);
        out[k++] = sd(values);
        out[k++] = p20;
        out[k++] = Functionals.percentileOfSorted(sorted, 0.5);
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
