package dev.sentio.features;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentio.SentioException;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Everything that decides a feature matrix: sample rate, preprocessing, STFT size and hop, which features in
 * which order, and their parameters. Serialisable to JSON, so a model stores the exact features it was
 * trained on.
 *
 * @param sampleRate   resample to this rate first; null keeps each file's native rate
 * @param nFft         STFT size (any size; need not be a power of two)
 * @param hopLength    samples between frames
 * @param features     in column order; each of {@link #KNOWN_FEATURES}
 * @param nMfcc        MFCC coefficients
 * @param nMels        mel bands (for mfcc and mel)
 * @param nChroma      chroma bins
 * @param contrastFmin lowest spectral contrast band edge, Hz
 * @param contrastBands spectral contrast octave bands (rows = bands + 1)
 * @param contrastQuantile spectral contrast peak/valley quantile
 * @param deltaOrder   0: none; 1: append deltas; 2: append deltas and delta-deltas of every column
 * @param deltaWidth   frames in the delta window (odd, >= 3)
 * @param preprocessing what happens to the waveform before features
 * @param pooling      null: one row per frame; "functionals": one row per utterance, the {@link Functionals} of
 *                     every column (left out of the JSON when null, so that earlier configurations keep their
 *                     cache keys and model files stay readable)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = false)
public record FeatureConfig(Integer sampleRate, int nFft, int hopLength, List<String> features, int nMfcc, int nMels,
                            int nChroma, double contrastFmin, int contrastBands, double contrastQuantile,
                            int deltaOrder, int deltaWidth, Preprocessing preprocessing,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String pooling) {

    public static final Set<String> KNOWN_FEATURES = Set.of("contrast", "chroma", "mfcc", "mel", "rms", "zcr", "yin",
            Prosody.FEATURE);
    public static final String FUNCTIONALS = "functionals";
    /** Functionals after removing each frame column's mean over the utterance (cepstral mean normalisation,
     *  for every column): what is constant over a recording (microphone, room, level) leaves the features. */
    public static final String FUNCTIONALS_CMN = "functionals-cmn";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Waveform preprocessing, in this order.
     *
     * @param normalize    "none", "peak" (largest |sample| to 1.0) or "pydub-int16" (the seed's pydub
     *                     normalisation, leaving int16 units)
     * @param trimTopDb    trim leading/trailing frames this many dB below the loudest (librosa.effects.trim,
     *                     frame 2048, hop 512); null: no trim
     * @param fixedSeconds zero-pad or crop to this duration; null: keep the length
     * @param denoise      noisereduce-style non-stationary spectral gating
     */
    public record Preprocessing(String normalize, Double trimTopDb, Double fixedSeconds, boolean denoise) {
        public static final Preprocessing NONE = new Preprocessing("none", null, null, false);

        public Preprocessing {
            if (!Set.of("none", "peak", "pydub-int16").contains(normalize)) {
                throw new SentioException("unknown normalisation '" + normalize + "': use none, peak or pydub-int16");
            }
            if (trimTopDb != null && !(trimTopDb > 0)) {
                throw new SentioException("trimTopDb must be positive, got " + trimTopDb);
            }
            if (fixedSeconds != null && !(fixedSeconds > 0)) {
                throw new SentioException("fixedSeconds must be positive, got " + fixedSeconds);
            }
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isNone() {
            return equals(NONE);
        }
    }

    public FeatureConfig {
        features = List.copyOf(features);
        if (sampleRate != null && sampleRate < 1000) {
            throw new SentioException("sample rate must be at least 1000 Hz, got " + sampleRate);
        }
        if (nFft < 16 || hopLength < 1) {
            throw new SentioException("n_fft must be >= 16 and hop >= 1, got " + nFft + " and " + hopLength);
        }
        if (features.isEmpty()) {
            throw new SentioException("no features selected");
        }
        for (String f : features) {
            if (!KNOWN_FEATURES.contains(f)) {
                throw new SentioException("unknown feature '" + f + "': use " + String.join(", ", KNOWN_FEATURES));
            }
        }
        if (deltaOrder < 0 || deltaOrder > 2) {
            throw new SentioException("deltaOrder must be 0, 1 or 2, got " + deltaOrder);
        }
        if (deltaOrder > 0 && (deltaWidth < 3 || deltaWidth % 2 == 0)) {
            throw new SentioException("deltaWidth must be odd and >= 3, got " + deltaWidth);
        }
        if (preprocessing == null) {
            preprocessing = Preprocessing.NONE;
        }
        if ("none".equals(pooling)) {
            pooling = null;
        }
        if (pooling != null && !pooling.equals(FUNCTIONALS) && !pooling.equals(FUNCTIONALS_CMN)) {
            throw new SentioException("unknown pooling '" + pooling + "': use " + FUNCTIONALS + ", " + FUNCTIONALS_CMN
                    + " or none");
        }
    }

    /** True when each utterance becomes one row of functionals rather than a row per frame. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean pooled() {
        return FUNCTIONALS.equals(pooling) || FUNCTIONALS_CMN.equals(pooling);
    }

    /** True when each frame column's utterance mean is removed before pooling. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean meanNormalised() {
        return FUNCTIONALS_CMN.equals(pooling);
    }

    /**
     * The seed's pipeline: pydub peak normalisation (int16 units), trim at 30 dB, pad/crop to 2 s,
     * noise reduction, then spectral contrast (7) + chroma (12) + MFCC (13) at n_fft 2048, hop 512, at the
     * file's native rate (the seed loaded with sr=None).
     */
    public static FeatureConfig seed() {
        return new FeatureConfig(null, 2048, 512, List.of("contrast", "chroma", "mfcc"), 13, 128, 12, 200.0, 6, 0.02,
                0, 9, new Preprocessing("pydub-int16", 30.0, 2.0, true), null);
    }

    /** The seed's three features on the signal as decoded: no preprocessing, native rate. */
    public static FeatureConfig seedRaw() {
        return seed().withPreprocessing(Preprocessing.NONE);
    }

    public static FeatureConfig preset(String name) {
        switch (name) {
            case "seed":
                return seed();
            case "seed-raw":
                return seedRaw();
            default:
                throw new SentioException("unknown preset '" + name + "': use seed or seed-raw");
        }
    }

    public FeatureConfig withPreprocessing(Preprocessing p) {
        return new FeatureConfig(sampleRate, nFft, hopLength, features, nMfcc, nMels, nChroma, contrastFmin,
                contrastBands, contrastQuantile, deltaOrder, deltaWidth, p, pooling);
    }

    public FeatureConfig withFrames(int newNFft, int newHop) {
        return new FeatureConfig(sampleRate, newNFft, newHop, features, nMfcc, nMels, nChroma, contrastFmin,
                contrastBands, contrastQuantile, deltaOrder, deltaWidth, preprocessing, pooling);
    }

    public FeatureConfig withSampleRate(Integer rate) {
        return new FeatureConfig(rate, nFft, hopLength, features, nMfcc, nMels, nChroma, contrastFmin,
                contrastBands, contrastQuantile, deltaOrder, deltaWidth, preprocessing, pooling);
    }

    public FeatureConfig withFeatures(List<String> newFeatures, int newDeltaOrder) {
        return new FeatureConfig(sampleRate, nFft, hopLength, newFeatures, nMfcc, nMels, nChroma, contrastFmin,
                contrastBands, contrastQuantile, newDeltaOrder, deltaWidth, preprocessing, pooling);
    }

    public FeatureConfig withMfcc(int coefficients) {
        return new FeatureConfig(sampleRate, nFft, hopLength, features, coefficients, nMels, nChroma, contrastFmin,
                contrastBands, contrastQuantile, deltaOrder, deltaWidth, preprocessing, pooling);
    }

    /** {@code functionals}: one row of {@link Functionals} per utterance; null: a row per frame. */
    public FeatureConfig withPooling(String newPooling) {
        return new FeatureConfig(sampleRate, nFft, hopLength, features, nMfcc, nMels, nChroma, contrastFmin,
                contrastBands, contrastQuantile, deltaOrder, deltaWidth, preprocessing, newPooling);
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FeatureConfig fromJson(String json) {
        try {
            return JSON.readValue(json, FeatureConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SentioException("invalid feature configuration: " + e.getOriginalMessage());
        }
    }
}
