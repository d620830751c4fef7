package dev.sentio.features;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.audio.Resampler;
import dev.sentio.preprocess.FixedLength;
import dev.sentio.preprocess.NoiseReducer;
import dev.sentio.preprocess.PeakNormalizer;
import dev.sentio.preprocess.SilenceTrimmer;
import dev.sentio.preprocess.SpeedPerturbation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Audio to a [frames x features] matrix as a {@link FeatureConfig} says: resample, preprocess, one STFT,
 * then each feature from it. Filterbanks are built once per sample rate (chroma once per tuning) and reused;
 * an extractor is safe to share between threads.
 */
public final class FeatureExtractor {
    private static final int TRIM_FRAME = 2048;
    private static final int TRIM_HOP = 512;

    private final FeatureConfig config;
    private final Map<Integer, MelFilterBank> melBanks = new ConcurrentHashMap<>();
    private final Map<Integer, SpectralContrast> contrasts = new ConcurrentHashMap<>();
    private final Map<Integer, NoiseReducer> noiseReducers = new ConcurrentHashMap<>();
    private final Map<Long, ChromaFilterBank> chromaBanks = new ConcurrentHashMap<>();
    private final Mfcc mfcc;
    /**
     * The frame-wise features and the column names, frame-wise and as returned: they depend on the configuration
     * alone, so they are built once, not for every recording (some 1,200 joined strings for the bundled features).
     */
    private final List<String> frameFeatures;
    private final List<String> frameColumns;
    private final List<String> columns;

    public FeatureExtractor(FeatureConfig config) {
        // checked here, not in FeatureConfig, whose with... steps may set the pooling after the features
        if (config.features().contains(Prosody.FEATURE) && !config.pooled()) {
            throw new SentioException("'" + Prosody.FEATURE + "' is one row per utterance, not a column per frame: use"
                    + " it with functionals (the functionals model, or features --functionals)");
        }
        if (config.features().contains(Prosody.FEATURE) && config.deltaOrder() > 0) {
            throw new SentioException("'" + Prosody.FEATURE + "' has no deltas: it is one row per utterance");
        }
        this.config = config;
        this.mfcc = new Mfcc(config.nMfcc(), config.nMels());
        this.frameFeatures = config.features().stream().filter(f -> !f.equals(Prosody.FEATURE)).toList();
        this.frameColumns = List.copyOf(frameColumnNames());
        List<String> names = config.pooled() ? new ArrayList<>(Functionals.names(frameColumns)) : frameColumns;
        if (config.features().contains(Prosody.FEATURE)) {
            names.addAll(Prosody.NAMES);
        }
        this.columns = List.copyOf(names);
    }

    public FeatureConfig config() {
        return config;
    }

    /**
     * What, beside the configuration, decides the values: empty for the librosa-equal features (their definition
     * is librosa's and does not change), {@link Prosody#VERSION} where prosody is among them.
     */
    public String codeVersion() {
        return config.features().contains(Prosody.FEATURE) ? "\nprosody " + Prosody.VERSION : "";
    }

    /** Decodes and extracts {@code file}; any problem comes back as one error that names the file. */
    public FeatureMatrix extract(Path file) {
        return extract(file, 1.0);
    }

    /**
     * The features of {@code file} played {@code speed} times as fast ({@link SpeedPerturbation}: training
     * augmentation; 1 leaves it as it is); any problem comes back as one error that names the file.
     */
    public FeatureMatrix extract(Path file, double speed) {
        return extract(file, audio -> SpeedPerturbation.apply(audio, speed));
    }

    /** The features of {@code file} after {@code change} (augmentation, noise); errors name the file. */
    public FeatureMatrix extract(Path file, java.util.function.UnaryOperator<Audio> change) {
        Audio audio = AudioLoader.load(file); // its errors name the file already
        try {
            return extract(change.apply(audio));
        } catch (SentioException | IllegalArgumentException e) {
            throw new SentioException(file + ": " + e.getMessage(), e);
        }
    }

    public FeatureMatrix extract(Audio audio) {
        Audio resampled = config.sampleRate() == null || config.sampleRate() == audio.sampleRate() ? audio
                : Resampler.resample(audio, config.sampleRate());
        float[] y = preprocess(resampled.samples(), resampled.sampleRate());
        return features(y, resampled.sampleRate());
    }

    /** The configured preprocessing steps, in order, on a signal at {@code sampleRate}. */
    public float[] preprocess(float[] y, int sampleRate) {
        FeatureConfig.Preprocessing p = config.preprocessing();
        if (isSilent(y)) {
            throw new SentioException("silent audio: every sample is zero, so there is nothing to recognise");
        }
        switch (p.normalize()) {
            case "peak":
                y = PeakNormalizer.toUnitPeak(y);
                break;
            case "pydub-int16":
                y = PeakNormalizer.pydubInt16(y);
                break;
            default:
                break;
        }
        if (p.trimTopDb() != null) {
            y = SilenceTrimmer.trim(y, p.trimTopDb(), TRIM_FRAME, TRIM_HOP);
        }
        if (p.fixedSeconds() != null) {
            y = FixedLength.padOrCrop(y, (int) Math.round(p.fixedSeconds() * sampleRate));
        }
        if (p.denoise()) {
            y = noiseReducers.computeIfAbsent(sampleRate, NoiseReducer::new).reduce(y);
        }
        return y;
    }

    /** The configured features of an already preprocessed signal. */
    public FeatureMatrix features(float[] y, int sampleRate) {
        List<String> frameFeatures = frameFeatures();
        if (frameFeatures.size() < config.features().size()) {
            // prosody is utterance-level: its values follow the functionals of the frame-wise columns
            float[] prosody = Prosody.of(y, sampleRate);
            if (frameFeatures.isEmpty()) {
                return new FeatureMatrix(Prosody.NAMES, new float[][] {prosody}, sampleRate, config.hopLength());
            }
            FeatureMatrix pooled = frameWise(y, sampleRate, frameFeatures);
            float[] row = java.util.Arrays.copyOf(pooled.values()[0], pooled.values()[0].length + prosody.length);
            System.arraycopy(prosody, 0, row, pooled.values()[0].length, prosody.length);
            return new FeatureMatrix(columns, new float[][] {row}, sampleRate, config.hopLength());
        }
        return frameWise(y, sampleRate, frameFeatures);
    }

    private List<String> frameFeatures() {
        return frameFeatures;
    }

    /** The frame-wise features (pooled, if the configuration says so). */
    private FeatureMatrix frameWise(float[] y, int sampleRate, List<String> frameFeatures) {
        int nFft = config.nFft();
        int hop = config.hopLength();
        Spectrogram spec = Spectrogram.compute(y, sampleRate, nFft, hop);
        int frames = spec.frames();
        List<double[][]> blocks = new ArrayList<>();
        for (String feature : frameFeatures) {
            double[][] block;
            switch (feature) {
                case "contrast":
                    block = contrasts.computeIfAbsent(sampleRate, sr -> new SpectralContrast(sr, nFft,
                            config.contrastFmin(), config.contrastBands(), config.contrastQuantile()))
                            .apply(spec.powerByBin());
                    break;
                case "chroma":
                    double tuning = Tuning.estimate(spec.powerByBin(), sampleRate, config.nChroma());
                    block = chromaBank(sampleRate, tuning).apply(spec.powerByBin());
                    break;
                case "mfcc":
                    block = mfcc.apply(melDb(spec, sampleRate));
                    break;
                case "mel":
                    block = melDb(spec, sampleRate);
                    break;
                case "rms":
                    block = new double[][] {FrameFeatures.rms(y, nFft, hop)};
                    break;
                case "zcr":
                    block = new double[][] {FrameFeatures.zeroCrossingRate(y, nFft, hop)};
                    break;
                default:
                    block = new double[][] {Yin.yin(y, sampleRate, nFft, hop, Yin.FMIN, Yin.FMAX, 0.1)};
                    break;
            }
            blocks.add(block);
        }
        // every block is [value][frame], as librosa lays features out; the matrix turns frame-major once, here
        double[][] base = stack(blocks);
        if (config.meanNormalised()) {
            for (double[] row : base) {
                double mean = 0;
                for (double v : row) {
                    mean += v;
                }
                mean /= Math.max(1, row.length);
                for (int t = 0; t < row.length; t++) {
                    row[t] -= mean;
                }
            }
        }
        List<double[][]> all = new ArrayList<>();
        all.add(base);
        for (int order = 1; order <= config.deltaOrder(); order++) {
            all.add(Delta.delta(base, config.deltaWidth(), order));
        }
        double[][] full = stack(all);
        float[][] values = new float[frames][full.length];
        for (int c = 0; c < full.length; c++) {
            double[] row = full[c];
            for (int t = 0; t < frames; t++) {
                values[t][c] = (float) row[t];
            }
        }
        if (config.pooled()) {
            List<String> pooled = frameFeatures.size() < config.features().size()
                    ? columns.subList(0, columns.size() - Prosody.NAMES.size()) : columns;
            return new FeatureMatrix(pooled, new float[][] {Functionals.of(values)}, sampleRate, hop);
        }
        return new FeatureMatrix(frameColumns, values, sampleRate, hop);
    }

    /**
     * Where the columns of {@code view} (some of this configuration's features, e.g. only prosody) lie among this
     * configuration's columns: what a network trained on that view alone reads of these features.
     *
     * @throws SentioException when the view has a feature this configuration lacks
     */
    public int[] viewColumns(List<String> view) {
        List<String> missing = view.stream().filter(f -> !config.features().contains(f)).toList();
        if (view.isEmpty() || !missing.isEmpty()) {
            throw new SentioException("a view takes some of the model's features (" + String.join(", ",
                    config.features()) + "), not " + (view.isEmpty() ? "none" : String.join(", ", missing)));
        }
        List<String> all = columnNames();
        return new FeatureExtractor(config.withFeatures(view, config.deltaOrder())).columnNames().stream()
                .mapToInt(all::indexOf).toArray();
    }

    /** The names of the matrix columns this configuration produces, e.g. contrast_0, mfcc_12, rms_d1, rms_p90. */
    public List<String> columnNames() {
        return columns;
    }

    private List<String> frameColumnNames() {
        List<String> base = new ArrayList<>();
        for (String feature : frameFeatures()) {
            switch (feature) {
                case "contrast":
                    base.addAll(numbered(feature, config.contrastBands() + 1));
                    break;
                case "chroma":
                    base.addAll(numbered(feature, config.nChroma()));
                    break;
                case "mfcc":
                    base.addAll(numbered(feature, config.nMfcc()));
                    break;
                case "mel":
                    base.addAll(numbered(feature, config.nMels()));
                    break;
                default:
                    base.add(feature);
                    break;
            }
        }
        List<String> names = new ArrayList<>(base);
        for (int order = 1; order <= config.deltaOrder(); order++) {
            for (String n : base) {
                names.add(n + "_d" + order);
            }
        }
        return names;
    }

    /** The dB mel spectrogram, [mel][frame]. */
    private double[][] melDb(Spectrogram spec, int sampleRate) {
        MelFilterBank bank = melBanks.computeIfAbsent(sampleRate,
                sr -> new MelFilterBank(sr, config.nFft(), config.nMels(), 0.0, sr / 2.0));
        return Spectral.powerToDb(bank.apply(spec.powerByBin()));
    }

    private ChromaFilterBank chromaBank(int sampleRate, double tuning) {
        long key = ((long) sampleRate << 20) ^ Math.round(tuning * 1000) & 0xFFFFF;
        return chromaBanks.computeIfAbsent(key, k -> new ChromaFilterBank(sampleRate, config.nFft(), config.nChroma(), tuning));
    }

    private static List<String> numbered(String feature, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(feature + "_" + i);
        }
        return names;
    }

    /** The blocks' rows one after another (rows are shared, not copied). */
    private static double[][] stack(List<double[][]> blocks) {
        List<double[]> rows = new ArrayList<>();
        for (double[][] b : blocks) {
            rows.addAll(java.util.Arrays.asList(b));
        }
        return rows.toArray(new double[0][]);
    }

    private static boolean isSilent(float[] y) {
        for (float v : y) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }
}
