package dev.sentio.bench;

import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.CorpusReaders;
import dev.sentio.corpus.Utterance;
import dev.sentio.preprocess.NoiseMixer;
import dev.sentio.vad.TestSignals;
import dev.sentio.vad.SpeechCheck;
import dev.sentio.vad.VoiceActivity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How well the speech check tells speech from non-speech: the share of every corpus's utterances it accepts
 * (alone, and mixed with real noise at 10 and 0 dB SNR), the share of the real noise files it rejects (odd and
 * even numbers apart: the odd ones were looked at while setting its thresholds), every generated non-speech
 * signal, and its speed. {@code java -cp benchmarks.jar dev.sentio.bench.VoiceActivityReport [CORPORA] [NOISE]};
 * with {@code -Dsentio.vad=silero} the check is the model-free one and then the Silero VAD (predict --vad silero),
 * {@code -Dsentio.vad.every=N} takes every Nth utterance of each corpus only (the network is slower), and
 * {@code -Dsentio.model=FILE} decides as that model does (the speech check, then its speech gate if it has one).
 */
public final class VoiceActivityReport {
    private static final int RATE = 16000;

    private VoiceActivityReport() {
    }

    private static void stats(String kind, String name, VoiceActivity.Verdict v) {
        if (System.getProperty("vad.stats") != null) {
            System.out.printf(Locale.ROOT, "STAT,%s,%s,%b,%.3f,%.3f,%.3f,%.3f,%.3f%n", kind, name, v.speech(),
                    v.voicedSeconds(), v.pitchSdSemitones(), v.voicedShare(), v.longestVoiced(), v.jumpShare());
        }
    }

    public static void main(String[] args) throws IOException {
        SpeechCheck check = SpeechCheck.PERIODICITY;
        if ("silero".equals(System.getProperty("sentio.vad"))) {
            check = check.and(dev.sentio.vad.silero.SileroVad.load(dev.sentio.vad.silero.SileroVad.defaultModel())
                    .speechCheck());
            System.out.println("speech check: periodicity, then the Silero VAD");
        }
        String model = System.getProperty("sentio.model");
        if (model != null) {
            // the whole of a model's decision: the speech check, then its features and its speech gate, if it has one
            dev.sentio.model.Recognizer recognizer = dev.sentio.model.Recognizer.load(Path.of(model))
                    .withSpeechCheck(check);
            check = (samples, rate) -> {
                dev.sentio.model.Recognizer.Analysis a = recognizer.analyse(samples, rate);
                return new VoiceActivity.Verdict(a.none() == null, a.none() == null ? null : a.none().reason(),
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            };
            System.out.println("speech check: as " + model + " recognises (speech gate: "
                    + (recognizer.bundle().speechGate() != null) + ")");
        }
        Path corpora = Path.of(args.length > 0 ? args[0] : "../shared/corpora");
        Path noiseDir = Path.of(args.length > 1 ? args[1] : "../shared/noise/hu-nonspeech");
        boolean verbose = args.length > 2 && args[2].equals("-v");
        List<Path> noise;
        try (Stream<Path> s = Files.list(noiseDir)) {
            noise = s.filter(AudioLoader::hasAudioExtension).sorted().toList();
        }
        List<float[]> oddNoise = new ArrayList<>();
        for (String part : new String[] {"odd", "even"}) {
            int rejected = 0;
            int n = 0;
            for (Path f : noise) {
                int number = Integer.parseInt(f.getFileName().toString().replaceAll("\\D", ""));
                if ((number % 2 == 1) != part.equals("odd")) {
                    continue;
                }
                float[] y = AudioLoader.load(f, RATE).samples();
                if (part.equals("odd")) {
                    oddNoise.add(y);
                }
                VoiceActivity.Verdict v = check.assess(y, RATE);
                stats("noise-" + part, f.getFileName().toString(), v);
                n++;
                rejected += v.speech() ? 0 : 1;
                if (verbose || v.speech()) {
                    System.out.printf(Locale.ROOT, "  %s %-10s %s voiced %.2f s, pitch sd %.2f st%n",
                            v.speech() ? "ACCEPTED" : "rejected", f.getFileName(), v.reason() == null ? "" : v.reason(),
                            v.voicedSeconds(), v.pitchSdSemitones());
                }
            }
            System.out.printf(Locale.ROOT, "noise files, %s numbers: %d of %d rejected (%.1f%%)%n", part, rejected, n,
                    100.0 * rejected / n);
        }
        int generatedRejected = 0;
        Map<String, float[]> generated = TestSignals.nonSpeech(RATE, 2.0);
        for (Map.Entry<String, float[]> e : generated.entrySet()) {
            VoiceActivity.Verdict v = check.assess(e.getValue(), RATE);
            stats("generated", e.getKey(), v);
            generatedRejected += v.speech() ? 0 : 1;
            if (verbose || v.speech()) {
                System.out.printf(Locale.ROOT, "  %s %s: %s%n", v.speech() ? "ACCEPTED" : "rejected", e.getKey(),
                        v.reason());
            }
        }
        System.out.printf(Locale.ROOT, "generated non-speech: %d of %d rejected%n", generatedRejected, generated.size());
        long nanos = 0;
        double audioSeconds = 0;
        for (String name : new String[] {"emodb", "ravdess", "tess", "nemo"}) {
            Corpus c = CorpusReaders.open(name, corpora);
            int accepted = 0;
            int[] acceptedNoisy = new int[2];
            int k = 0;
            int every = Integer.getInteger("sentio.vad.every", 1);
            List<Utterance> utterances = java.util.stream.IntStream.range(0, c.utterances().size())
                    .filter(i -> i % every == 0).mapToObj(c.utterances()::get).toList();
            for (Utterance u : utterances) {
                float[] y = AudioLoader.load(u.file(), RATE).samples();
                long t0 = System.nanoTime();
                VoiceActivity.Verdict v = check.assess(y, RATE);
                nanos += System.nanoTime() - t0;
                audioSeconds += y.length / (double) RATE;
                accepted += v.speech() ? 1 : 0;
                stats(name, u.file().getFileName().toString(), v);
                if (!v.speech() && verbose) {
                    System.out.printf(Locale.ROOT, "  rejected %s: %s%n", u.file(), v.reason());
                }
                float[] n = oddNoise.get(k++ % oddNoise.size());
                for (int s = 0; s < 2; s++) {
                    acceptedNoisy[s] += check.assess(NoiseMixer.atSnr(y, n, s == 0 ? 10 : 0), RATE).speech() ? 1 : 0;
                }
            }
            int total = utterances.size();
            System.out.printf(Locale.ROOT, "%-8s %4d utterances: accepted %.1f%% clean, %.1f%% at 10 dB SNR, "
                            + "%.1f%% at 0 dB%n", name, total, 100.0 * accepted / total, 100.0 * acceptedNoisy[0] / total,
                    100.0 * acceptedNoisy[1] / total);
        }
        System.out.printf(Locale.ROOT, "speed: %.3f ms per second of audio (clean utterances, one thread)%n",
                nanos / 1e6 / audioSeconds);
    }
}
