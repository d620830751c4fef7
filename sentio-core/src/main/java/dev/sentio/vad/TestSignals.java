package dev.sentio.vad;

import dev.sentio.preprocess.NoiseMixer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Generated recordings that hold no speech, by name: silence, tones, chords, a sweep, square waves, white and pink
 * noise, clicks and hum. The speech check must answer "no speech" for every one (unit tests and
 * {@code VoiceActivityReport} use them).
 */
public final class TestSignals {
    private TestSignals() {
    }

    /**
     * Voice-like bursts ({@link #voiceLike}) in quiet hiss (-80 dBFS): each burst {@code {start, end, f0}} in
     * seconds and Hz, amplitude 0.3.
     */
    public static float[] bursts(int sampleRate, double seconds, double[][] bursts) {
        float[] y = new float[(int) Math.round(seconds * sampleRate)];
        Random r = new Random(5);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (r.nextGaussian() * 1e-4);
        }
        for (double[] b : bursts) {
            int from = (int) (b[0] * sampleRate);
            float[] v = voiceLike((int) ((b[1] - b[0]) * sampleRate), sampleRate, b[2], 0.3);
            for (int i = 0; i < v.length; i++) {
                y[from + i] += v[i];
            }
        }
        return y;
    }

    /**
     * A toy corpus for tests that train: 0.75 s voice-like sounds, {@code low} at about 120 Hz and {@code high} at
     * about 260 Hz (each file a little higher than the last), {@code perSpeaker} of each per "speaker", written as
     * {@code <label><speaker><i>.wav} into {@code dir} with a manifest {@code list.csv} (path,label,speaker).
     *
     * @return the manifest
     */
    public static java.nio.file.Path toyCorpus(java.nio.file.Path dir, String low, String high, int speakers,
                                               int perSpeaker) {
        StringBuilder manifest = new StringBuilder("path,label,speaker\n");
        for (int s = 0; s < speakers; s++) {
            for (int i = 0; i < perSpeaker; i++) {
                for (String label : java.util.List.of(high, low)) {
                    double hz = (label.equals(low) ? 120 : 260) * (1 + 0.02 * i + 0.01 * s);
                    String name = label + s + i + ".wav";
                    dev.sentio.audio.WavWriter.write(dir.resolve(name), voiceLike(12000, 16000, hz, 0.3), 16000);
                    manifest.append(name).append(',').append(label).append(",s").append(s).append('\n');
                }
            }
        }
        java.nio.file.Path list = dir.resolve("list.csv");
        dev.sentio.io.FeatureFiles.writeAtomically(list, o -> o.write(manifest.toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return list;
    }

    /** Where a stream's blocks go. */
    public interface BlockSink {
        void push(float[] samples, int offset, int count);
    }

    /** Feeds {@code y} to {@code sink} in blocks of the given sizes, in turn (streaming tests: 1, 37, 4096...). */
    public static void inBlocks(float[] y, int[] blockSizes, BlockSink sink) {
        int at = 0;
        for (int k = 0; at < y.length; k++) {
            int n = Math.min(blockSizes[k % blockSizes.length], y.length - at);
            sink.push(y, at, n);
            at += n;
        }
    }

    public static Map<String, float[]> nonSpeech(int sampleRate, double seconds) {
        int n = (int) Math.round(seconds * sampleRate);
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put("silence", new float[n]);
        m.put("near-silence (1e-5 white noise)", scaled(white(n, 1), 1e-5f));
        for (double hz : new double[] {80, 150, 220, 440, 1000, 3000}) {
            m.put("tone " + (int) hz + " Hz", tone(n, sampleRate, hz, 0.5));
        }
        m.put("quiet tone 220 Hz (-50 dBFS)", tone(n, sampleRate, 220, 0.003));
        float[] chord = new float[n];
        for (double hz : new double[] {220, 277.18, 329.63}) {
            add(chord, tone(n, sampleRate, hz, 0.2));
        }
        m.put("chord A major", chord);
        float[] sweep = new float[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            phase += 2 * Math.PI * (100 + 900.0 * i / n) / sampleRate;
            sweep[i] = (float) (0.4 * Math.sin(phase));
        }
        m.put("sweep 100-1000 Hz", sweep);
        float[] square = new float[n];
        for (int i = 0; i < n; i++) {
            square[i] = Math.sin(2 * Math.PI * 150 * i / sampleRate) >= 0 ? 0.3f : -0.3f;
        }
        m.put("square wave 150 Hz", square);
        m.put("white noise", scaled(white(n, 2), 0.2f));
        m.put("pink noise", pink(n, 3));
        float[] clicks = new float[n];
        for (int i = 0; i < n; i += sampleRate / 4) {
            clicks[i] = 0.9f;
        }
        m.put("clicks, 4 per second", clicks);
        float[] click = new float[n];
        click[n / 2] = 1f;
        m.put("a single click", click);
        float[] hum = tone(n, sampleRate, 50, 0.3);
        add(hum, tone(n, sampleRate, 100, 0.15));
        add(hum, tone(n, sampleRate, 150, 0.1));
        m.put("mains hum 50 Hz with harmonics", hum);
        return m;
    }

    /**
     * A voice-like signal for tests: harmonics falling 6 dB an octave on a pitch that glides +-2 semitones around
     * {@code f0} (as intonation does), in syllables of 170 ms voiced sound and 80 ms of hiss (a consonant). Not
     * speech, but what the speech check looks for: voiced sounds at a speech pitch that move, between unvoiced ones.
     */
    public static float[] voiceLike(int n, int sampleRate, double f0, double amplitude) {
        float[] y = new float[n];
        Random hiss = new Random(Double.doubleToLongBits(f0));
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) sampleRate;
            double hz = f0 * Math.pow(2, 2 * Math.sin(2 * Math.PI * 1.5 * t) / 12);
            phase += 2 * Math.PI * hz / sampleRate;
            double v = 0;
            for (int k = 1; k * hz < Math.min(4000, sampleRate / 2.0); k++) {
                v += Math.sin(k * phase) / k;
            }
            double syllable = t % 0.25;
            y[i] = (float) (syllable < 0.17 ? amplitude * 0.6 * Math.sin(Math.PI * syllable / 0.17) * v
                    : amplitude * 0.15 * hiss.nextGaussian());
        }
        return y;
    }

    public static float[] tone(int n, int sampleRate, double hz, double amplitude) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return y;
    }

    private static float[] white(int n, long seed) {
        return NoiseMixer.white(n, new Random(seed));
    }

    private static float[] pink(int n, long seed) {
        return scaled(NoiseMixer.pink(n, new Random(seed)), 0.05f);
    }

    private static float[] scaled(float[] y, float g) {
        for (int i = 0; i < y.length; i++) {
            y[i] *= g;
        }
        return y;
    }

    private static void add(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }
}
