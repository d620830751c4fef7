package dev.sentio.stream;

import dev.sentio.audio.AudioLoader;
import dev.sentio.preprocess.SilenceTrimmer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A long recording with known speech, for checking timelines: utterances of known emotion (their leading and
 * trailing silence trimmed, librosa's {@code trim} at 30 dB) laid end to end with gaps between them that hold
 * near-silence or a background sound. The truth is where each utterance lies.
 *
 * @param samples    the recording
 * @param sampleRate its rate
 * @param parts      what lies where, in order
 */
public record SyntheticRecording(float[] samples, int sampleRate, List<Part> parts) {
    /**
     * @param start seconds
     * @param end   seconds (exclusive)
     * @param file  where the sound came from
     * @param label the utterance's emotion, or null for a gap
     */
    public record Part(double start, double end, Path file, String label) {
        public boolean speech() {
            return label != null;
        }
    }

    /** Trimming of the utterances before they are laid out (librosa.effects.trim's top_db, frame, hop). */
    private static final double TRIM_DB = 30;

    /**
     * @param utterances  the utterances, in order
     * @param labels      their emotions
     * @param gapSounds   sounds for the gaps (looped or cut to length, at {@code gapLevel}); empty: near-silence
     * @param gapSeconds  the shortest and longest gap, drawn uniformly per gap
     * @param gapLevelDb  the gap sound's RMS relative to the utterances' (e.g. -10: a background 10 dB down)
     * @param seed        for the gap lengths and sounds
     */
    public static SyntheticRecording build(List<Path> utterances, List<String> labels, List<Path> gapSounds,
                                           double[] gapSeconds, double gapLevelDb, int sampleRate, long seed) {
        Random random = new Random(seed);
        List<float[]> pieces = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        long at = 0;
        double speechRms = 0;
        List<float[]> speech = new ArrayList<>();
        for (Path u : utterances) {
            float[] y = AudioLoader.load(u, sampleRate).samples();
            float[] trimmed = SilenceTrimmer.trim(y, TRIM_DB, 2048, 512);
            speech.add(trimmed);
            speechRms += rms(trimmed) / utterances.size();
        }
        for (int i = 0; i <= speech.size(); i++) {
            int gap = (int) Math.round(sampleRate * (gapSeconds[0] + random.nextDouble() * (gapSeconds[1] - gapSeconds[0])));
            Path source = gapSounds.isEmpty() ? null : gapSounds.get(random.nextInt(gapSounds.size()));
            float[] g = gap(source, gap, speechRms * Math.pow(10, gapLevelDb / 20), sampleRate, random);
            pieces.add(g);
            parts.add(new Part(at / (double) sampleRate, (at + gap) / (double) sampleRate, source, null));
            at += gap;
            if (i < speech.size()) {
                float[] u = speech.get(i);
                pieces.add(u);
                parts.add(new Part(at / (double) sampleRate, (at + u.length) / (double) sampleRate, utterances.get(i),
                        labels.get(i)));
                at += u.length;
            }
        }
        float[] all = new float[(int) at];
        int k = 0;
        for (float[] p : pieces) {
            System.arraycopy(p, 0, all, k, p.length);
            k += p.length;
        }
        // near-silence everywhere (a real recording is never digital zero): 60 dB below the speech
        float[] hiss = dev.sentio.preprocess.NoiseMixer.white(all.length, random);
        double hissGain = speechRms * 1e-3 / Math.max(1e-12, rms(hiss));
        for (int i = 0; i < all.length; i++) {
            all[i] += (float) (hiss[i] * hissGain);
        }
        return new SyntheticRecording(all, sampleRate, List.copyOf(parts));
    }

    private static float[] gap(Path file, int length, double rms, int sampleRate, Random random) {
        float[] g = new float[length];
        if (file == null || length == 0) {
            return g;
        }
        float[] s = AudioLoader.load(file, sampleRate).samples();
        int offset = random.nextInt(s.length);
        for (int i = 0; i < length; i++) {
            g[i] = s[(offset + i) % s.length];
        }
        double gain = rms / Math.max(1e-12, rms(g));
        for (int i = 0; i < length; i++) {
            g[i] *= (float) gain;
        }
        return g;
    }

    private static double rms(float[] y) {
        double sum = 0;
        for (float v : y) {
            sum += v * (double) v;
        }
        return Math.sqrt(sum / Math.max(1, y.length));
    }

    /** Per 10 ms frame, whether it lies in an utterance. */
    public boolean[] speechFrames() {
        boolean[] speech = new boolean[(int) Math.ceil(samples.length / (double) sampleRate * 100)];
        for (Part p : parts) {
            if (p.speech()) {
                Arrays.fill(speech, (int) Math.round(p.start() * 100), Math.min(speech.length, (int) Math.round(p.end() * 100)), true);
            }
        }
        return speech;
    }
}
