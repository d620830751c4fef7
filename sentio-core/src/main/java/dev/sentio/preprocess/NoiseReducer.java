package dev.sentio.preprocess;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Non-stationary spectral gating, equal to {@code noisereduce.reduce_noise(y, sr)} of noisereduce 3.0.3 with
 * its defaults (stationary=False). Each frequency bin's magnitude is compared with its own slow average (a
 * forward-backward first-order IIR over {@code time_constant_s}); bins well above it pass (sigmoid mask),
 * the mask is smoothed over 500 Hz x 50 ms, and the masked STFT is inverted. Like noisereduce, the signal is
 * cut into 600000-sample chunks, each zero-padded (or extended into its neighbours) by 30000 samples on both
 * sides, and the STFT is scipy's (periodic Hann 1024, hop 256, 'zeros' boundary, padded=False), in float64.
 *
 * <p>Work is restricted to the frames that can reach the output: frames of pure padding have a zero STFT, so
 * their FFTs are skipped and their mask is only evaluated where the smoothing carries it into the signal.
 * One deliberate difference: where a bin's smoothed magnitude is exactly zero (noisereduce divides 0 by 0 and
 * returns NaN everywhere), the bin is treated as silent.
 */
public final class NoiseReducer {
    private final int nFft = 1024;
    private final int hop = 256;
    private final double timeConstantS = 2.0;
    private final double freqMaskSmoothHz = 500;
    private final double timeMaskSmoothMs = 50;
    private final double threshNMult = 2.0;
    private final double sigmoidSlope = 10.0;
    private final int chunkSize = 600_000;
    private final int padding = 30_000;
    private final int sampleRate;
    private final double[] window;
    private final int freqHalfWidth;
    private final double[] timeSmooth;
    private final DoubleFFT_1D fft;

    public NoiseReducer(int sampleRate) {
        this.sampleRate = sampleRate;
        this.window = new double[nFft];
        for (int i = 0; i < nFft; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / nFft);
        }
        int nGradFreq = (int) (freqMaskSmoothHz / (sampleRate / (nFft / 2.0)));
        int nGradTime = (int) (timeMaskSmoothMs / ((hop / (double) sampleRate) * 1000));
        if (nGradFreq < 1 || nGradTime < 1) {
            throw new IllegalArgumentException("noise reduction needs a sample rate of at most "
                    + (int) (freqMaskSmoothHz * nFft / 2) + " Hz and at least " + (int) (hop * 1000 / timeMaskSmoothMs)
                    + " Hz, got " + sampleRate);
        }
        double[] f = triangle(nGradFreq);
        double[] t = triangle(nGradTime);
        double total = sum(f) * sum(t);
        for (int i = 0; i < t.length; i++) {
            t[i] /= total;
        }
        this.freqHalfWidth = nGradFreq;
        this.timeSmooth = t;
        this.fft = new DoubleFFT_1D(nFft);
    }

    /** noisereduce's smoothing kernel along one axis: 1/(n+1), ..., n/(n+1), 1, n/(n+1), ..., 1/(n+1). */
    private static double[] triangle(int n) {
        double[] v = new double[2 * n + 1];
        for (int i = 0; i <= n; i++) {
            v[i] = (i + 1) / (double) (n + 1);
            v[2 * n - i] = v[i];
        }
        return v;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    public float[] reduce(float[] y) {
        int n = y.length;
        float[] out = new float[n];
        if (n <= chunkSize) {
            gateChunk(y, 0, n, out);
            return out;
        }
        for (int start = 0; start < n; start += chunkSize) {
            gateChunk(y, start, start + chunkSize, out);
        }
        return out;
    }

    /** Gates y[start - padding, end + padding) (zeros outside y) and writes y's part of [start, end) to out. */
    private void gateChunk(float[] y, int start, int end, float[] out) {
        int chunkLength = end - start + 2 * padding;
        int origin = start - padding; // chunk index 0 in signal coordinates
        int half = nFft / 2;
        // scipy: 'zeros' boundary of nperseg/2 on each side; padded=False drops a last partial frame
        int extended = chunkLength + 2 * half;
        int frames = (extended - nFft) / hop + 1;
        int bins = nFft / 2 + 1;
        double[][] re = new double[frames][];
        double[][] im = new double[frames][];
        double[][] mag = new double[frames][];
        double[] silentFrame = new double[bins];
        double[] buf = new double[nFft];
        int signalFrom = Math.max(0, origin);
        int signalTo = Math.min(y.length, origin + chunkLength);
        for (int t = 0; t < frames; t++) {
            int first = origin - half + t * hop; // signal index of the frame's first sample
            int lo = Math.max(first, signalFrom);
            int hi = Math.min(first + nFft, signalTo);
            boolean silent = true; // a frame of padding only, or of zeros: its spectrum is zero
            for (int i = lo; i < hi; i++) {
                silent &= y[i] == 0f;
            }
            if (silent) {
                mag[t] = silentFrame;
                continue;
            }
            java.util.Arrays.fill(buf, 0);
            for (int i = lo; i < hi; i++) {
                buf[i - first] = y[i] * window[i - first];
            }
            fft.realForward(buf);
            double[] r = new double[bins];
            double[] m = new double[bins];
            r[0] = buf[0];
            r[bins - 1] = buf[1];
            double[] iv = new double[bins];
            for (int k = 1; k < bins - 1; k++) {
                r[k] = buf[2 * k];
                iv[k] = buf[2 * k + 1];
            }
            for (int k = 0; k < bins; k++) {
                m[k] = Math.sqrt(r[k] * r[k] + iv[k] * iv[k]);
            }
            mag[t] = m;
            re[t] = r;
            im[t] = iv;
        }
        // frames whose samples reach the requested output [start, end)
        int outFirst = Math.max(0, (start - origin + half - nFft) / hop);
        int outLast = Math.min(frames - 1, (end - origin + half) / hop + 1);
        int reach = timeSmooth.length / 2;
        int maskFirst = Math.max(0, outFirst - reach);
        int maskLast = Math.min(frames - 1, outLast + reach);
        double[][] smooth = timeSmoothed(mag, maskFirst);
        double[][] mask = new double[frames][];
        for (int t = maskFirst; t <= maskLast; t++) {
            double[] row = new double[bins];
            for (int k = 0; k < bins; k++) {
                double s = smooth[t][k];
                double above = s == 0 ? -1.0 : (mag[t][k] - s) / s;
                row[k] = 1.0 / (1.0 + Math.exp(-(above - threshNMult) * sigmoidSlope));
            }
            mask[t] = smoothAlongFrequency(row);
        }
        // inverse: overlap-add of windowed frames, divided by the summed squared window
        double[] acc = new double[end - start];
        double[] norm = new double[end - start];
        for (int t = outFirst; t <= outLast; t++) {
            int first = origin - half + t * hop;
            int lo = Math.max(first, start);
            int hi = Math.min(first + nFft, end);
            if (lo >= hi) {
                continue;
            }
            for (int i = lo; i < hi; i++) {
                double w = window[i - first];
                norm[i - start] += w * w;
            }
            if (re[t] == null) {
                continue;
            }
            double[] g = smoothedMaskAt(mask, t, maskFirst, maskLast);
            buf[0] = re[t][0] * g[0];
            buf[1] = re[t][bins - 1] * g[bins - 1];
            for (int k = 1; k < bins - 1; k++) {
                buf[2 * k] = re[t][k] * g[k];
                buf[2 * k + 1] = im[t][k] * g[k];
            }
            fft.realInverse(buf, true);
            for (int i = lo; i < hi; i++) {
                acc[i - start] += buf[i - first] * window[i - first];
            }
        }
        int limit = Math.min(end, out.length);
        for (int i = start; i < limit; i++) {
            double nv = norm[i - start];
            out[i] = (float) (acc[i - start] / (nv > 1e-10 ? nv : 1.0));
        }
    }

    /**
     * scipy.signal.filtfilt([b], [1, b - 1], x, padtype=None) along frames, for every bin; rows before
     * {@code firstNeeded} are left null. Leading all-zero frames (padding) give an exactly zero forward pass, so
     * it starts at the first frame with signal.
     */
    private double[][] timeSmoothed(double[][] mag, int firstNeeded) {
        double tFrames = timeConstantS * sampleRate / hop;
        double b = (Math.sqrt(1 + 4 * tFrames * tFrames) - 1) / (2 * tFrames * tFrames);
        double keep = 1 - b;
        int frames = mag.length;
        int bins = mag[0].length;
        double[][] s = new double[frames][];
        int first = 0;
        while (first < frames - 1 && isZero(mag[first])) {
            first++;
        }
        // lfilter_zi scaled by the first sample: the forward pass starts at x[0], the backward one at its end
        double[] zero = new double[bins];
        for (int t = 0; t < first; t++) {
            s[t] = zero;
        }
        s[first] = mag[first].clone();
        if (first > 0) {
            for (int k = 0; k < bins; k++) {
                s[first][k] *= b; // b x + (1 - b) 0: only frame 0 starts from the initial condition
            }
        }
        for (int t = first + 1; t < frames; t++) {
            double[] x = mag[t];
            double[] prev = s[t - 1];
            double[] y = new double[bins];
            for (int k = 0; k < bins; k++) {
                y[k] = b * x[k] + keep * prev[k];
            }
            s[t] = y;
        }
        for (int t = frames - 2; t >= firstNeeded; t--) {
            double[] y = t < first ? new double[bins] : s[t];
            double[] next = s[t + 1];
            for (int k = 0; k < bins; k++) {
                y[k] = b * y[k] + keep * next[k];
            }
            s[t] = y;
        }
        for (int t = 0; t < firstNeeded; t++) {
            s[t] = null;
        }
        return s;
    }

    private static boolean isZero(double[] row) {
        for (double v : row) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The frequency half of the separable 'same'-mode mask smoothing. noisereduce's kernel is a triangle of
     * 2n+1 taps, which is two boxes of n+1 taps convolved and divided by n+1: two running sums per bin
     * instead of 2n+1 products.
     */
    private double[] smoothAlongFrequency(double[] row) {
        int bins = row.length;
        int n = freqHalfWidth;
        // box[j + n] = row[j] + ... + row[j + n], zeros outside the row, for j in [-n, bins - 1]
        double[] box = new double[bins + n];
        double run = 0;
        for (int j = bins - 1; j >= -n; j--) {
            run += (j >= 0 ? row[j] : 0) - (j + n + 1 < bins ? row[j + n + 1] : 0);
            box[j + n] = run;
        }
        // out[k] = (box[k - n] + ... + box[k]) / (n + 1): weights (n + 1 - |i - k|) / (n + 1) on row[i]
        double[] out = new double[bins];
        double scale = 1.0 / (n + 1);
        run = 0;
        for (int k = -n; k < bins; k++) {
            run += box[k + n] - (k - n - 1 >= -n ? box[k - 1] : 0);
            if (k >= 0) {
                out[k] = run * scale;
            }
        }
        return out;
    }

    /** The time half of the separable 'same'-mode mask smoothing, for frame t. */
    private double[] smoothedMaskAt(double[][] freqSmoothed, int t, int first, int last) {
        int r = timeSmooth.length / 2;
        int bins = freqSmoothed[t].length;
        double[] g = new double[bins];
        for (int u = Math.max(first, t - r); u <= Math.min(last, t + r); u++) {
            double w = timeSmooth[u - t + r];
            double[] row = freqSmoothed[u];
            for (int k = 0; k < bins; k++) {
                g[k] += w * row[k];
            }
        }
        return g;
    }
}
