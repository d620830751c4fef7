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

    /**
     * How a timeline of this recording did.
     *
     * @param frameAccuracy share of 10 ms frames where the timeline's speech regions (every segment but the
     *                      {@link StreamingRecognizer#NO_SPEECH} ones) agree with where the utterances lie
     * @param found         share of utterances a region covers with both its ends within the tolerance
     * @param agreement     share of utterances whose label (the one covering most of it) is the expected one
     */
    public record Score(double frameAccuracy, double found, double agreement) {
    }

    /**
     * The label covering most of {@code part} in a timeline ({@code emotionsOnly}: among the segments with an
     * emotion, {@code none} when there is none).
     */
    public static String coveringLabel(Part part, List<StreamingRecognizer.Segment> segments, boolean emotionsOnly) {
        java.util.Map<String, Double> cover = new java.util.HashMap<>();
        for (StreamingRecognizer.Segment s : segments) {
            double overlap = Math.min(part.end(), s.end()) - Math.max(part.start(), s.start());
            if (overlap > 0 && (s.speech() || !emotionsOnly)) {
                cover.merge(s.label(), overlap, Double::sum);
            }
        }
        return cover.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey)
                .orElse(dev.sentio.model.Recognizer.NONE);
    }

    /** Scores a timeline against the truth; {@code expected} has one label per utterance (e.g. predict's). */
    public Score score(List<StreamingRecognizer.Segment> segments, List<String> expected, double tolerance) {
        boolean[] truth = speechFrames();
        boolean[] found = new boolean[truth.length];
        List<double[]> regions = new ArrayList<>();
        for (StreamingRecognizer.Segment s : segments) {
            if (!StreamingRecognizer.NO_SPEECH.equals(s.reason())) {
                Arrays.fill(found, (int) Math.round(s.start() * 100), Math.min(found.length,
                        (int) Math.round(s.end() * 100)), true);
                if (!regions.isEmpty() && regions.get(regions.size() - 1)[1] == s.start()) {
                    regions.get(regions.size() - 1)[1] = s.end();
                } else {
                    regions.add(new double[] {s.start(), s.end()});
                }
            }
        }
        int right = 0;
        for (int t = 0; t < truth.length; t++) {
            right += truth[t] == found[t] ? 1 : 0;
        }
        int utterances = 0;
        int foundCount = 0;
        int agree = 0;
        for (Part part : parts) {
            if (!part.speech()) {
                continue;
            }
            boolean ok = regions.stream().anyMatch(r -> Math.abs(r[0] - part.start()) <= tolerance
                    && Math.abs(r[1] - part.end()) <= tolerance);
            String label = coveringLabel(part, segments, false);
            foundCount += ok ? 1 : 0;
            agree += label.equals(expected.get(utterances)) ? 1 : 0;
            utterances++;
        }
        return new Score(right / (double) truth.length, foundCount / (double) utterances, agree / (double) utterances);
    }
}
