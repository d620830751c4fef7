package dev.sentio.bench;

import dev.sentio.app.CorpusData;
import dev.sentio.app.Progress;
import dev.sentio.app.SpeechGateFitting;
import dev.sentio.app.TrainingSetup;
import dev.sentio.audio.AudioLoader;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.model.Recognizer;
import dev.sentio.model.SpeechGate;
import dev.sentio.model.data.Standardizer;
import dev.sentio.preprocess.NoiseMixer;
import dev.sentio.vad.SpeechCheck;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * How well a speech gate ({@link SpeechGateFitting}, on the features the bundled model's gate reads) turns away
 * background sounds without turning away speech of a corpus it never saw: for each corpus held out in turn, a gate is
 * fitted on the others' speech as the bundled model's training sees it (every Nth utterance, clean, at 0.9 and 1.1
 * times its speed and with an odd-numbered noise file at 0-20 dB; the feature cache's values) against the
 * odd-numbered noise files; the report gives the held-out corpus's speech accepted (clean and noisy) and the
 * even-numbered noise files rejected, by the gate alone and among those the model-free check lets through, at the
 * shipped margin and others.
 * Then, fitted on every corpus, a two-fold over the noise files (fit on the odd, score the even, and the reverse):
 * how many of the 100 get no emotion when none of them was heard in fitting, and how far above the threshold those
 * that pass lie (a file near it changes side when one training example does). Each setting of crops per sound and
 * L2 penalty given is reported; the first is {@link SpeechGateFitting}'s own. Beside it, the simpler candidate that
 * needs no non-speech: the distance of the held-out speech from the training speech.
 * {@code java -cp benchmarks.jar dev.sentio.bench.SpeechGateReport [CORPORA] [NOISE] [EVERY] [MARGINS]
 * [CROPS:LAMBDA,...] [SEEDS]} (the two-fold is run once for each seed of the crops); {@code -Dsentio.model=FILE}
 * reports on the features that model's gate would read instead of the bundled model's.
 */
public final class SpeechGateReport {
    private static final int RATE = 16000;
    private static final String[] CORPORA = {"emodb", "ravdess", "tess", "nemo"};

    private SpeechGateReport() {
    }

    public static void main(String[] args) throws IOException {
        Path corpora = Path.of(args.length > 0 ? args[0] : "../shared/corpora");
        Path noiseDir = Path.of(args.length > 1 ? args[1] : "../shared/noise/hu-nonspeech");
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        double[] margins = Arrays.stream((args.length > 3 ? args[3] : "0,0.5,1,1.5,2").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        String settings = args.length > 4 ? args[4]
                : SpeechGateFitting.CROPS + ":" + SpeechGateFitting.LAMBDA + ",8:0.1";
        long[] seeds = Arrays.stream((args.length > 5 ? args[5] : "1").split(","))
                .mapToLong(Long::parseLong).toArray();
        FeatureConfig config; // what the model's gate reads
        try (Recognizer recognizer = ChosenModel.open()) {
            config = SpeechGateFitting.gateFeatures(recognizer.bundle().features());
        }
        FeatureExtractor extractor = new FeatureExtractor(config);
        List<Path> oddFiles = NoiseMixer.of(List.of(noiseDir + ":odd")).files();
        List<Path> evenFiles = NoiseMixer.of(List.of(noiseDir + ":even")).files();
        Map<Path, float[]> whole = new LinkedHashMap<>();
        Map<Path, Boolean> passesCheck = new LinkedHashMap<>();
        for (Path f : Stream.concat(oddFiles.stream(), evenFiles.stream()).toList()) {
            float[] y = AudioLoader.load(f, RATE).samples();
            whole.put(f, features(extractor, y));
            passesCheck.put(f, SpeechCheck.PERIODICITY.assess(y, RATE).speech());
        }
        List<float[]> evenNoise = new ArrayList<>();
        List<Boolean> evenPassesCheck = new ArrayList<>();
        for (Path f : evenFiles) {
            if (whole.get(f) != null) {
                evenNoise.add(whole.get(f));
                evenPassesCheck.add(passesCheck.get(f));
            }
        }
        // the bundled model's training augmentation, as `sentio gate` reads it for the bundled recipe
        TrainingSetup setup = new TrainingSetup(corpora, RATE, 0, null, List.of(0.9, 1.1), "class",
                List.of(noiseDir + ":odd"), List.of(0.0, 5.0, 10.0, 15.0, 20.0), false);
        Progress quiet = Progress.to(new PrintWriter(OutputStream.nullOutputStream()));
        Map<String, List<float[]>> clean = new LinkedHashMap<>();
        Map<String, List<float[]>> noisy = new LinkedHashMap<>();
        Map<String, List<float[]>> all = new LinkedHashMap<>();
        for (String name : CORPORA) {
            TrainingSetup.Features f = setup.extractAll(CorpusData.read(name, corpora, true),
                    setup.featureCache(config), new ArrayList<>(), quiet);
            clean.put(name, everyNth(List.of(f.clean()), every));
            noisy.put(name, everyNth(f.versions().subList(f.versions().size() - 1, f.versions().size()), every));
            all.put(name, everyNth(Stream.concat(Stream.of(f.clean()), f.versions().stream()).toList(), every));
        }
        int passing = (int) evenPassesCheck.stream().filter(p -> p).count();
        List<float[]> everyCorpus = trainingSpeech(all, "(none)");
        for (String setting : settings.split(",")) {
            int crops = Integer.parseInt(setting.split(":")[0]);
            double lambda = Double.parseDouble(setting.split(":")[1]);
            List<float[]> nonSpeech = SpeechGateFitting.nonSpeechFeatures(config, oddFiles, 1, crops);
            System.out.printf(Locale.ROOT, "speech gate on the bundled gate's features, %d crops per sound, lambda "
                            + "%.2g: %d non-speech examples; every %dth utterance; %d even-numbered noise files, %d of "
                            + "them pass the model-free check%n", crops, lambda, nonSpeech.size(), every,
                    evenNoise.size(), passing);
            List<String> held = new ArrayList<>(List.of(CORPORA));
            held.add("(none)");
            for (String h : held) {
                List<float[]> speech = trainingSpeech(all, h);
                if (!h.equals("(none)") && setting.equals(settings.split(",")[0])) {
                    distances(h, speech, clean.get(h), evenNoise, evenPassesCheck);
                }
                SpeechGate gate = SpeechGateFitting.fit(speech, nonSpeech, lambda);
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
                    System.out.printf(Locale.ROOT, "held out %-8s margin %.1f%s: even noise rejected %d of %d by the "
                                    + "gate alone, %d of the %d the check passes%s%n", h, margin,
                            margin == SpeechGateFitting.MARGIN ? " (shipped)" : "", rejected, evenNoise.size(),
                            rejectedAfterCheck, passing, accepted);
                }
            }
            for (long seed : seeds) {
                noiseFolds(config, everyCorpus, oddFiles, evenFiles, whole, passesCheck, crops, lambda, seed);
            }
        }
    }

    /** Every corpus's speech but {@code held}'s. */
    private static List<float[]> trainingSpeech(Map<String, List<float[]>> all, String held) {
        List<float[]> speech = new ArrayList<>();
        for (String name : CORPORA) {
            if (!name.equals(held)) {
                speech.addAll(all.get(name));
            }
        }
        return speech;
    }

    /** The pooled features of every {@code every}th utterance of each version (unreadable ones left out). */
    private static List<float[]> everyNth(List<List<float[][]>> versions, int every) {
        List<float[]> out = new ArrayList<>();
        for (List<float[][]> version : versions) {
            for (int i = 0; i < version.size(); i += every) {
                if (version.get(i) != null) {
                    out.add(SpeechGate.pool(version.get(i)));
                }
            }
        }
        return out;
    }

    /**
     * The two-fold over the noise files at the shipped margin: a gate fitted against the odd-numbered files scores
     * the even-numbered ones, and the reverse, so that every file is scored by a gate that never heard it.
     */
    private static void noiseFolds(FeatureConfig config, List<float[]> speech, List<Path> odd, List<Path> even,
                                   Map<Path, float[]> whole, Map<Path, Boolean> passesCheck, int crops, double lambda,
                                   long seed) {
        int none = 0;
        int rejected = 0;
        List<String> through = new ArrayList<>();
        for (int fold = 0; fold < 2; fold++) {
            SpeechGate gate = SpeechGateFitting.fit(speech, SpeechGateFitting.nonSpeechFeatures(config,
                    fold == 0 ? odd : even, seed, crops), lambda);
            for (Path f : fold == 0 ? even : odd) {
                float[] x = whole.get(f);
                boolean no = x == null || gate.score(x) < gate.threshold();
                none += no || !passesCheck.get(f) ? 1 : 0;
                if (passesCheck.get(f)) {
                    rejected += no ? 1 : 0;
                    if (!no) {
                        through.add(String.format(Locale.ROOT, "%s (+%.2f)", f.getFileName(),
                                gate.score(x) - gate.threshold()));
                    }
                }
            }
        }
        long checked = passesCheck.values().stream().filter(p -> p).count();
        System.out.printf(Locale.ROOT, "noise two-fold, %d crops (seed %d), lambda %.2g, margin %.1f: %d of %d files "
                        + "get no emotion from a gate that never heard them; the gate turns away %d of the %d the "
                        + "check passes; through, and how far above the threshold: %s%n", crops, seed, lambda,
                SpeechGateFitting.MARGIN, none, whole.size(), rejected, checked, through);
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
}
