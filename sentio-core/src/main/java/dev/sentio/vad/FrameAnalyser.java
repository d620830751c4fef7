package dev.sentio.vad;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The analysis of one frame for {@link VoiceActivity} and {@link SpeechSegmenter}: its level and its periodicity
 * (the largest normalised autocorrelation at a pitch period of {@link VoiceActivity#F0_MIN} to
 * {@link VoiceActivity#F0_MAX} Hz) with the pitch there. One instance per thread: it keeps its buffers.
 */
final class FrameAnalyser {
    private final int sampleRate;
    private final int length;
    private final int hop;
    private final int minLag;
    private final int maxLag;
    private final DoubleFFT_1D fft;
    private final double[] buffer;
    private final double[] cumulative;
    private final double[] normalised;
    private double level;
    private double correlation;
    private double f0;

    FrameAnalyser(int sampleRate) {
        this.sampleRate = sampleRate;
        length = (int) Math.round(VoiceActivity.FRAME_SECONDS * sampleRate);
        hop = (int) Math.round(VoiceActivity.HOP_SECONDS * sampleRate);
        minLag = (int) Math.floor(sampleRate / VoiceActivity.F0_MAX);
        maxLag = Math.min((int) Math.ceil(sampleRate / VoiceActivity.F0_MIN), length / 2);
        // zero padding to length + maxLag keeps the circular autocorrelation exact at every lag searched
        int fftSize = Integer.highestOneBit(length + maxLag - 1) << 1;
        fft = new DoubleFFT_1D(fftSize);
        buffer = new double[fftSize];
        cumulative = new double[length + 1];
        normalised = new double[maxLag + 1];
    }

    /** Samples per frame. */
    int length() {
        return length;
    }

    /** Samples between frame starts. */
    int hop() {
        return hop;
    }

    /** Frame level, dB re full scale (RMS). */
    double level() {
        return level;
    }

    /** The largest normalised autocorrelation in the speech pitch range (0 when none was found). */
    double correlation() {
        return correlation;
    }

    /** The pitch at that lag (Hz; 0 when none was found). */
    double f0() {
        return f0;
    }

    /** Analyses {@code y[start, start + size)}, {@code size <= length()}. */
    void analyse(float[] y, int start, int size) {
        correlation = 0;
        f0 = 0;
        java.util.Arrays.fill(buffer, 0);
        double mean = 0;
        for (int i = 0; i < size; i++) {
            mean += y[start + i];
        }
        mean /= size;
        for (int i = 0; i < size; i++) {
            double v = y[start + i] - mean;
            buffer[i] = v;
            cumulative[i + 1] = cumulative[i] + v * v;
        }
        double energy = cumulative[size];
        level = 10 * Math.log10(energy / size + 1e-20);
        int lagLimit = Math.min(maxLag, size / 2);
        if (energy <= 0 || lagLimit <= minLag) {
            return;
        }
        // autocorrelation by FFT: |X|^2 transformed back (JTransforms' packed real layout: buffer[1] holds
        // the Nyquist bin's real part)
        fft.realForward(buffer);
        buffer[0] *= buffer[0];
        buffer[1] *= buffer[1];
        for (int k = 1; k < buffer.length / 2; k++) {
            double re = buffer[2 * k];
            double im = buffer[2 * k + 1];
            buffer[2 * k] = re * re + im * im;
            buffer[2 * k + 1] = 0;
        }
        fft.realInverse(buffer, true);
        // normalised cross-correlation of the frame's head and tail at each lag: 1 for a periodic signal
        double best = -1;
        for (int lag = minLag; lag <= lagLimit; lag++) {
            double head = cumulative[size - lag];
            double tail = cumulative[size] - cumulative[lag];
            normalised[lag] = head > 0 && tail > 0 ? buffer[lag] / Math.sqrt(head * tail) : 0;
            best = Math.max(best, normalised[lag]);
        }
        // the shortest lag close to the best: a multiple of the period correlates as well, and is an octave off
        for (int lag = minLag; lag <= lagLimit; lag++) {
            if (normalised[lag] >= 0.95 * best && isPeak(lag, lagLimit)) {
                correlation = normalised[lag];
                f0 = sampleRate / (double) lag;
                return;
            }
        }
    }

    private boolean isPeak(int lag, int lagLimit) {
        return (lag == minLag || buffer[lag] >= buffer[lag - 1]) && (lag == lagLimit || buffer[lag] >= buffer[lag + 1]);
    }
}
