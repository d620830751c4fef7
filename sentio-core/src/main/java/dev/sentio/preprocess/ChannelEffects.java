package dev.sentio.preprocess;

import dev.sentio.audio.Audio;
import dev.sentio.audio.Resampler;
import org.jtransforms.fft.DoubleFFT_1D;

import java.util.Random;

/**
 * What a recording channel does to speech, for training augmentation: the same emotion heard through a
 * telephone (300-3400 Hz, 8 kHz, 8-bit mu-law), a microphone with another spectral tilt, or a reverberant room
 * (an exponentially decaying noise impulse response, RT60 0.2-0.8 s). Corpora differ in exactly these, so a model
 * that has heard them depends less on one corpus's microphone and room. One effect is drawn per recording, seeded.
 */
public final class ChannelEffects {
    public static final String[] EFFECTS = {"telephone", "tilt", "reverb"};

    private ChannelEffects() {
    }

    /** One effect, drawn with {@code seed}, applied to {@code audio}; the level is kept. */
    public static Audio random(Audio audio, long seed) {
        Random r = new Random(seed);
        String effect = EFFECTS[r.nextInt(EFFECTS.length)];
        float[] y;
        switch (effect) {
            case "telephone":
                y = telephone(audio.samples(), audio.sampleRate());
                break;
            case "tilt":
                // first-order pre-emphasis (brighter, alpha > 0) or de-emphasis (duller, alpha < 0)
                y = tilt(audio.samples(), -0.6 + 1.5 * r.nextDouble());
                break;
            default:
                y = reverb(audio.samples(), audio.sampleRate(), 0.2 + 0.6 * r.nextDouble(), r);
                break;
        }
        return new Audio(matchLevel(y, audio.samples()), audio.sampleRate());
    }

    /** Band-limited to 300-3400 Hz at 8 kHz, through 8-bit mu-law, and back to the rate. */
    public static float[] telephone(float[] y, int sampleRate) {
        float[] narrow = Resampler.resamplePoly(y, sampleRate, 8000);
        narrow = highPass(narrow, 8000, 300);
        narrow = lowPass(narrow, 8000, 3400);
        for (int i = 0; i < narrow.length; i++) {
            narrow[i] = muLaw(narrow[i]);
        }
        return Resampler.resamplePoly(narrow, 8000, sampleRate);
    }

    /** y[n] = x[n] - alpha x[n-1]. */
    public static float[] tilt(float[] x, double alpha) {
        float[] y = new float[x.length];
        float previous = 0;
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] - alpha * previous);
            previous = x[i];
        }
        return y;
    }

    /** Convolution with a room's impulse response: the direct sound, then Gaussian noise decaying 60 dB in rt60. */
    public static float[] reverb(float[] x, int sampleRate, double rt60, Random r) {
        int length = (int) (rt60 * sampleRate);
        double[] h = new double[length];
        h[0] = 1;
        double decay = Math.log(1000) / (rt60 * sampleRate);
        for (int i = 1; i < length; i++) {
            h[i] = 0.3 * r.nextGaussian() * Math.exp(-decay * i);
        }
        int n = Integer.highestOneBit(x.length + length - 1) << 1;
        double[] a = new double[2 * n];
        double[] b = new double[2 * n];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        System.arraycopy(h, 0, b, 0, length);
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForwardFull(a);
        fft.realForwardFull(b);
        for (int k = 0; k < n; k++) {
            double re = a[2 * k] * b[2 * k] - a[2 * k + 1] * b[2 * k + 1];
            double im = a[2 * k] * b[2 * k + 1] + a[2 * k + 1] * b[2 * k];
            a[2 * k] = re;
            a[2 * k + 1] = im;
        }
        fft.complexInverse(a, true);
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) a[2 * i];
        }
        return y;
    }

    /** 8-bit mu-law (G.711, mu = 255) encoded and decoded: the quantisation a telephone line adds. */
    static float muLaw(float v) {
        double mu = 255;
        double c = Math.max(-1, Math.min(1, v));
        double encoded = Math.signum(c) * Math.log1p(mu * Math.abs(c)) / Math.log1p(mu);
        double q = Math.round(encoded * 127) / 127.0;
        return (float) (Math.signum(q) * (Math.pow(1 + mu, Math.abs(q)) - 1) / mu);
    }

    private static float[] highPass(float[] x, int rate, double hz) {
        return biquad(x, rate, hz, true);
    }

    private static float[] lowPass(float[] x, int rate, double hz) {
        return biquad(x, rate, hz, false);
    }

    /** A second-order Butterworth section (the audio EQ cookbook's, Q = 1/sqrt 2). */
    private static float[] biquad(float[] x, int rate, double hz, boolean high) {
        double w = 2 * Math.PI * hz / rate;
        double alpha = Math.sin(w) / Math.sqrt(2);
        double cos = Math.cos(w);
        double b0 = high ? (1 + cos) / 2 : (1 - cos) / 2;
        double b1 = high ? -(1 + cos) : 1 - cos;
        double b2 = b0;
        double a0 = 1 + alpha;
        double a1 = -2 * cos;
        double a2 = 1 - alpha;
        float[] y = new float[x.length];
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double out = (b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = out;
            y[i] = (float) out;
        }
        return y;
    }

    /** {@code y} scaled to {@code reference}'s peak, so that an effect changes the sound, not the level. */
    private static float[] matchLevel(float[] y, float[] reference) {
        float peakY = 0;
        float peakRef = 0;
        for (float v : y) {
            peakY = Math.max(peakY, Math.abs(v));
        }
        for (float v : reference) {
            peakRef = Math.max(peakRef, Math.abs(v));
        }
        if (peakY == 0) {
            return y;
        }
        float g = peakRef / peakY;
        for (int i = 0; i < y.length; i++) {
            y[i] *= g;
        }
        return y;
    }
}
