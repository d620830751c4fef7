package dev.sentio.app;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.corpus.Corpus;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.SpeechGate;
import dev.sentio.model.data.Standardizer;
import dev.sentio.preprocess.NoiseMixer;
import dev.sentio.vad.TestSignals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Fits a model's {@link SpeechGate}: a class-balanced, L2-regularised logistic regression of speech (the training
 * corpora's utterances, clean and as augmented) against non-speech (recorded background sounds, whole and as crops of
 * 0.5-3 s at -30 to +10 dB, and the generated non-speech signals), on the model's own features. Its threshold is
 * the 0.5th percentile of the training speech's scores (at most 0) less {@link #MARGIN}. Plain Java and seeded: the
 * same data gives the same gate.
 * <p>
 * {@link #CROPS} and {@link #LAMBDA} were chosen by cross-validation over the noise files (fit on the odd-numbered,
 * score the even-numbered, and the reverse; {@code SpeechGateReport}): 8 crops and a penalty of 0.1 left recordings
 * within a few tenths of the threshold, so that a changed crop or training example moved them across it (91 to 94
 * of 100 held-out files, by the crops' seed); 32 crops and 0.03 turn away 96 whatever the seed, and the four that
 * pass lie 0.9 or more above it.
 */
public final class SpeechGateFitting {
    /**
     * How far below the training speech the threshold sits. With each corpus held out in turn, a gate on the model's
     * own columns at 1.0 keeps as much of the held-out corpus's speech (clean 99.7% or more, with noise 97.2% or
     * more) and turns away as much unheard noise (10 of the 13 even-numbered files the model-free check passes; 96 of
     * 100 in the two-fold over the noise files for the spectral columns, 95 with the prosodic values) as one on the
     * spectral columns of the recording as decoded did at 1.5 (BENCHMARKS.md, 2026-12-07, SpeechGateReport).
     */
    public static final double MARGIN = 1.0;
    /** The L2 penalty on the weights (over standardised features). */
    public static final double LAMBDA = 0.03;
    /** How many crops of each non-speech recording it learns from, beside the whole. */
    public static final int CROPS = 32;
    private static final int STEPS = 300;
    private static final double STEP_SIZE = 0.5;

    private SpeechGateFitting() {
    }

    /**
     * {@code model} with a gate fitted on {@code corpus}'s speech as {@code setup} augments it, against the sounds
     * of {@code nonSpeech} (files or folders, {@code FOLDER:odd} as for {@code --augment-noise}).
     */
    public static ModelBundle addTo(ModelBundle model, String corpus, TrainingSetup setup, List<String> nonSpeech,
                                    Progress progress) {
        NoiseMixer.of(nonSpeech); // a mistyped folder is refused before the corpus's features are computed
        Corpus data = CorpusData.read(corpus, setup.corpora(), true);
        FeatureConfig config = gateFeatures(model.features());
        TrainingSetup.Features speech = setup.extractAll(data, setup.featureCache(config), new ArrayList<>(), progress);
        return model.withSpeechGate(gate(model.features(), speech.all(), nonSpeech, setup.seed(), progress))
                .withProvenance("speechGate", describe(corpus, setup, nonSpeech));
    }

    /**
     * The features a gate for a model on {@code model}'s features reads: the model's own, as the networks get them, so
     * that no recording's features are computed twice (a gate on the spectral columns of the recording as decoded
     * cost 0.8 ms per 2 s clip beside the networks' own; at the margin above it judges as well, BENCHMARKS.md,
     * 2026-12-07). A model on the 43 prosodic values alone gets a gate on the spectral functionals: they say how a
     * voice moves, not whether it is speech (a gate on them alone let 17 of the 100 noise files through, against 5
     * for one on the spectral functionals, BENCHMARKS.md, 2026-12-04).
     */
    public static FeatureConfig gateFeatures(FeatureConfig model) {
        boolean prosodyOnly = model.features().stream().allMatch(f -> f.equals(dev.sentio.features.Prosody.FEATURE));
        return prosodyOnly ? dev.sentio.model.Networks.defaultFeatures("functionals", 16000)
                .withSampleRate(model.sampleRate()) : model;
    }

    /**
     * The gate for a model on {@code model}'s features, fitted on {@code speech}, the training speech's features as
     * {@link #gateFeatures} gives them.
     */
    public static SpeechGate gate(FeatureConfig model, List<float[][]> speech, List<String> nonSpeech, long seed,
                                  Progress progress) {
        FeatureConfig config = gateFeatures(model);
        SpeechGate gate = fit(config, speech, nonSpeech, seed, progress);
        return config.equals(model) ? gate : gate.withFeatures(config);
    }

    static String describe(String corpus, TrainingSetup setup, List<String> nonSpeech) {
        return String.format(Locale.ROOT, "logistic regression (lambda %.2g, margin %.1f): speech of %s%s%s against "
                        + "%s (%d crops of each) and generated non-speech", LAMBDA, MARGIN, corpus,
                setup.describeSpeeds(), setup.describeAugmentation(), String.join(",", nonSpeech), CROPS);
    }

    /** The gate of speech {@code speech} (null entries are left out) against the sounds of {@code nonSpeech}. */
    public static SpeechGate fit(FeatureConfig config, List<float[][]> speech, List<String> nonSpeech, long seed,
                                 Progress progress) {
        List<float[]> yes = speech.stream().filter(java.util.Objects::nonNull).map(SpeechGate::pool).toList();
        List<float[]> no = nonSpeechFeatures(config, NoiseMixer.of(nonSpeech).files(), seed, CROPS);
        if (yes.isEmpty() || no.isEmpty()) {
            throw new SentioException("the speech gate needs speech and non-speech to learn from, got " + yes.size()
                    + " and " + no.size() + " recordings");
        }
        progress.message(String.format(Locale.ROOT, "speech gate: %d speech and %d non-speech examples", yes.size(),
                no.size()));
        return fit(yes, no);
    }

    /** The gate of pooled features {@code yes} (speech) against {@code no}. */
    public static SpeechGate fit(List<float[]> yes, List<float[]> no) {
        return fit(yes, no, LAMBDA);
    }

    /** The same with another L2 penalty (for reports that compare them). */
    public static SpeechGate fit(List<float[]> yes, List<float[]> no, double lambda) {
        List<float[][]> all = new ArrayList<>();
        yes.forEach(x -> all.add(new float[][] {x}));
        no.forEach(x -> all.add(new float[][] {x}));
        Standardizer z = Standardizer.fit(all);
        int d = z.mean().length;
        float[] w = new float[d];
        double bias = 0;
        for (int step = 0; step < STEPS; step++) {
            double[] gradient = new double[d];
            double gradientBias = 0;
            for (int label = 0; label < 2; label++) {
                List<float[]> xs = label == 1 ? yes : no;
                double weight = 0.5 / xs.size(); // each class weighs the same, however many examples it has
                SpeechGate current = new SpeechGate(z, w, bias, 0);
                for (float[] x : xs) {
                    double p = 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, current.score(x)))));
                    double e = (p - label) * weight;
                    gradientBias += e;
                    for (int j = 0; j < d; j++) {
                        gradient[j] += e * (x[j] - z.mean()[j]) / z.std()[j];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                w[j] -= (float) (STEP_SIZE * (gradient[j] + lambda * w[j]));
            }
            bias -= STEP_SIZE * gradientBias;
        }
        SpeechGate fitted = new SpeechGate(z, w, bias, 0);
        double[] scores = yes.stream().mapToDouble(fitted::score).sorted().toArray();
        return new SpeechGate(z, w, bias, Math.min(0, scores[(int) (scores.length * 0.005)]) - MARGIN);
    }

    /**
     * The pooled features of each sound, of {@code crops} crops of it at other levels, and of the generated
     * non-speech.
     */
    public static List<float[]> nonSpeechFeatures(FeatureConfig config, List<Path> files, long seed, int crops) {
        FeatureExtractor extractor = new FeatureExtractor(config);
        int rate = config.sampleRate() != null ? config.sampleRate() : 16000;
        Random random = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (Path f : files) {
            float[] y = AudioLoader.load(f, rate).samples();
            add(out, extractor, y, rate);
            for (int k = 0; k < crops && y.length > 0; k++) {
                int length = Math.min(y.length, rate / 2 + random.nextInt(rate * 5 / 2));
                int offset = random.nextInt(y.length - length + 1);
                float[] crop = Arrays.copyOfRange(y, offset, offset + length);
                float gain = (float) Math.pow(10, (random.nextDouble() * 40 - 30) / 20);
                for (int i = 0; i < crop.length; i++) {
                    crop[i] *= gain;
                }
                add(out, extractor, crop, rate);
            }
        }
        for (float[] y : TestSignals.nonSpeech(rate, 2.0).values()) {
            add(out, extractor, y, rate);
        }
        return out;
    }

    private static void add(List<float[]> out, FeatureExtractor extractor, float[] y, int rate) {
        float[] pooled = pooledFeatures(extractor, y, rate);
        if (pooled != null) {
            out.add(pooled);
        }
    }

    /** What the gate scores for {@code y}, or null for a signal without features (silence and the like). */
    public static float[] pooledFeatures(FeatureExtractor extractor, float[] y, int rate) {
        try {
            return SpeechGate.pool(extractor.extract(new Audio(y, rate)).values());
        } catch (SentioException | IllegalArgumentException e) {
            return null; // the model-free check turns such signals away before the gate
        }
    }
}
