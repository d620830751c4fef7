package dev.sentio.bench;

import dev.sentio.audio.AudioLoader;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.CorpusReaders;
import dev.sentio.app.SpeechGateFitting;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.model.Recognizer;
import dev.sentio.model.SpeechGate;
import dev.sentio.model.data.Standardizer;
import dev.sentio.preprocess.NoiseMixer;
import dev.sentio.vad.SpeechCheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * How well a speech gate ({@link SpeechGateFitting}, on the bundled model's features) turns away background sounds
 * without turning away speech of a corpus it never saw: for each corpus held out in turn, a gate is fitted on the
 * others' speech (every Nth utterance, clean and mixed with an odd-numbered noise file at 5-20 dB) against the
 * odd-numbered noise files; the report gives the held-out corpus's speech accepted (clean and noisy) and the
 * even-numbered noise files rejected, by the gate alone and among those the model-free check lets through, at the
 * shipped margin and others. Beside it, the simpler candidate that needs no non-speech: the distance of the
 * held-out speech from the training speech.
 * {@code java -cp benchmarks.jar dev.sentio.bench.SpeechGateReport [CORPORA] [NOISE] [EVERY] [MARGINS]}.
 */
public final class SpeechGateReport {
    private static final int RATE = 16000;
    private static final String[] CORPORA = {"emodb", "ravdess", "tess", "nemo"};

    private SpeechGateReport() {
    }

    public static void main(String[] args) throws IOException {
        Path corpora = Path.of(args.length > 0 ? args[0] : "../shared/corpora");
        Path noiseDir = Path.of(args.length > 1 ? args[1] : "../shared/noise/hu-nonspeech");
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double[] margins = Arrays.stream((args.length > 3 ? args[3] : "0,0.5,1,2").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        FeatureConfig config;
        try (Recognizer bundled = Recognizer.bundled()) {
            config = bundled.bundle().features();
        }
        FeatureExtractor extractor = new FeatureExtractor(config);
        List<float[]> nonSpeech = SpeechGateFitting.nonSpeechFeatures(config,
                NoiseMixer.of(List.of(noiseDir + ":odd")).files(), 1);
        List<float[]> oddNoise = new ArrayList<>();
        for (Path f : NoiseMixer.of(List.of(noiseDir + ":odd")).files()) {
            oddNoise.add(AudioLoader.load(f, RATE).samples());
        }
        List<float[]> evenNoise = new ArrayList<>();
        List<Boolean> evenPassesCheck = new ArrayList<>();
        for (Path f : NoiseMixer.of(List.of(noiseDir + ":even")).files()) {
            float[] y = AudioLoader.load(f, RATE).samples();
            float[] x = features(extractor, y);
            if (x != null) {
                evenNoise.add(x);
                evenPassesCheck.add(SpeechCheck.PERIODICITY.assess(y, RATE).speech());
            }
        }
        Random random = new Random(1);
        Map<String, List<float[]>> clean = new LinkedHashMap<>();
        Map<String, List<float[]>> noisy = new LinkedHashMap<>();
        for (String name : CORPORA) {
            Corpus c = CorpusReaders.open(name, corpora);
            List<float[]> a = new ArrayList<>();
            List<float[]> b = new ArrayList<>();
            for (int i = 0, k = 0; i < c.utterances().size(); i += every) {
                float[] y = AudioLoader.load(c.utterances().get(i).file(), RATE).samples();
                add(a, features(extractor, y));
                add(b, features(extractor, NoiseMixer.atSnr(y, oddNoise.get(k++ % oddNoise.size()), 5 + random.nextInt(16))));
            }
            clean.put(name, a);
            noisy.put(name, b);
        }
        int passing = (int) evenPassesCheck.stream().filter(p -> p).count();
        System.out.printf(Locale.ROOT, "speech gate on the bundled model's features: %d non-speech examples; every "
                + "%dth utterance; %d even-numbered noise files, %d of them pass the model-free check%n",
                nonSpeech.size(), every, evenNoise.size(), passing);
        List<String> held = new ArrayList<>(List.of(CORPORA));
        held.add("(none)");
        for (String h : held) {
            List<float[]> speech = new ArrayList<>();
            for (String name : CORPORA) {
                if (!name.equals(h)) {
                    speech.addAll(clean.get(name));
                    speech.addAll(noisy.get(name));
                }
            }
            if (!h.equals("(none)")) {
                distances(h, speech, clean.get(h), evenNoise, evenPassesCheck);
            }
            SpeechGate gate = SpeechGateFitting.fit(speech, nonSpeech);
            for (double margin : margins) {
                double threshold = gate.threshold() + SpeechGateFitting.MARGIN - margin;
                int rejected = 0;
                int rejectedAfterCheck = 0;
                for (int i = 0; i < evenNoise.size(); i++) {
                    boolean no = gate.score(evenNoise.get(i)) < threshold;
                    rejected += no ? 1 : 0;
                    rejectedAfterCheck += no && evenPassesCheck.get(i) ? 1 : 0;
                }
                String accepted = h.equals("(none)") ? "" : String.format(Locale.ROOT,
                        "; held-out %s speech accepted %.1f%% clean, %.1f%% noisy", h,
                        100 * share(gate, clean.get(h), threshold), 100 * share(gate, noisy.get(h), threshold));
                System.out.printf(Locale.ROOT, "held out %-8s margin %.1f%s: even noise rejected %d of %d by the gate "
                                + "alone, %d of the %d the check passes%s%n", h, margin,
                        margin == SpeechGateFitting.MARGIN ? " (shipped)" : "", rejected, evenNoise.size(),
                        rejectedAfterCheck, passing, accepted);
            }
        }
    }

    /**
     * The candidate that needs no non-speech: how far (RMS of the z-scores, standardised on the training speech)
     * the held-out corpus's speech lies, beside the even noise files that pass the model-free check.
     */
    private static void distances(String held, List<float[]> speech, List<float[]> heldOut, List<float[]> noise,
                                  List<Boolean> passes) {
        Standardizer z = Standardizer.fit(speech.stream().map(x -> new float[][] {x}).toList());
        double[] s = heldOut.stream().mapToDouble(x -> distance(z, x)).sorted().toArray();
        double[] n = IntStream.range(0, noise.size()).filter(passes::get)
                .mapToDouble(i -> distance(z, noise.get(i))).sorted().toArray();
        System.out.printf(Locale.ROOT, "held out %-8s distance from the training speech: its speech median %.2f, "
                        + "99th percentile %.2f, max %.2f; noise the check passes median %.2f, min %.2f%n", held,
                s[s.length / 2], s[(int) (s.length * 0.99)], s[s.length - 1], n[n.length / 2], n[0]);
    }

    private static double distance(Standardizer z, float[] x) {
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            double v = (x[j] - z.mean()[j]) / z.std()[j];
            sum += v * v;
        }
        return Math.sqrt(sum / x.length);
    }

    private static double share(SpeechGate gate, List<float[]> xs, double threshold) {
        return xs.stream().filter(x -> gate.score(x) >= threshold).count() / (double) xs.size();
    }

    private static float[] features(FeatureExtractor extractor, float[] y) {
        return SpeechGateFitting.pooledFeatures(extractor, y, RATE);
    }

    private static void add(List<float[]> to, float[] x) {
        if (x != null) {
            to.add(x);
        }
    }
}
