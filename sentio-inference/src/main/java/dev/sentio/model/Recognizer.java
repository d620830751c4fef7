package dev.sentio.model;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.audio.Resampler;
import dev.sentio.evaluation.Calibration;
import dev.sentio.evaluation.Probabilities;
import dev.sentio.vad.SpeechCheck;
import dev.sentio.vad.VoiceActivity;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.model.nn.PlainNetwork;

import java.nio.file.Path;
import java.util.List;

/**
 * Emotions from audio with a trained model: a file or float samples in, a probability per label out, after
 * temperature scaling (the model's own; an ensemble's networks combined first). A recording without speech ({@link VoiceActivity}: silence, tones, noise)
 * gets {@link #NONE} and a reason instead of an emotion. Decoding, resampling, features and standardisation are
 * the model's own (from its bundle). The network runs in plain Java: no deep-learning engine is loaded. Safe to share
 * between threads (calls are serialised).
 */
public final class Recognizer implements AutoCloseable {
    /** Where the model shipped with Sentio lives on the classpath. */
    public static final String BUNDLED = "/dev/sentio/model/default.sentio";

    private final ModelBundle bundle;
    private final FeatureExtractor extractor;
    /** The speech gate's own features, where they are not the model's (null: the model's). */
    private final FeatureExtractor gateExtractor;
    /** The networks (one per ensemble member): in plain Java from the bundle's plain weights (every bundle Sentio
     *  writes carries them), so no engine is loaded at all and the answer does not depend on a native kernel's
     *  choice for this processor. */
    private final List<PlainNetwork> networks;
    /** Asked before any emotion is given. */
    private final SpeechCheck speechCheck;
    /** Serialises the networks' use: shared with the recognizers {@link #withSpeechCheck} makes. */
    private final Object lock;

    /** The label of a recording that holds no speech: it gets no emotion. */
    public static final String NONE = "none";

    /**
     * A prediction.
     *
     * @param label         the most probable label, or {@link #NONE} when the recording holds no speech
     * @param confidence    its probability (NaN for none)
     * @param labels        the labels, in the model's order (or the subset asked for)
     * @param probabilities one per label (empty for none)
     * @param reason        why there is no emotion (null when there is one)
     */
    public record Prediction(String label, float confidence, List<String> labels, float[] probabilities,
                             String reason) {
        static Prediction none(List<String> labels, String reason) {
            return new Prediction(NONE, Float.NaN, labels, new float[0], reason);
        }

        /** Whether the recording held speech (and so has an emotion). */
        public boolean speech() {
            return reason == null;
        }

        /**
         * The same prediction over some of the labels only, renormalised to sum to one (a 4-class task, or a
         * corpus with fewer labels); labels keep the model's order.
         */
        public Prediction restrictedTo(java.util.Collection<String> subset) {
            List<String> kept = labels.stream().filter(subset::contains).toList();
            if (!speech()) {
                return none(kept, reason);
            }
            float[] p = Probabilities.restrict(probabilities, kept.stream().mapToInt(labels::indexOf).toArray());
            int best = Probabilities.argMax(p);
            return new Prediction(kept.get(best), p[best], kept, p, null);
        }
    }

    private Recognizer(ModelBundle bundle, List<PlainNetwork> networks) {
        this(bundle, new FeatureExtractor(bundle.features()), networks, SpeechCheck.PERIODICITY, new Object());
        if (networks.size() != bundle.members().size()) {
            throw new IllegalArgumentException("one network per member: " + bundle.members().size() + " members, "
                    + networks.size() + " networks");
        }
    }

    private Recognizer(ModelBundle bundle, FeatureExtractor extractor, List<PlainNetwork> networks,
                       SpeechCheck speechCheck, Object lock) {
        this.bundle = bundle;
        this.extractor = extractor;
        this.gateExtractor = bundle.speechGate() == null || bundle.speechGate().features() == null ? null
                : new FeatureExtractor(bundle.speechGate().features());
        this.networks = List.copyOf(networks);
        this.speechCheck = speechCheck;
        this.lock = lock;
    }

    /**
     * The same model with another speech check (e.g. {@code SpeechCheck.PERIODICITY.and(silero)}, stricter with
     * background sounds). The two recognizers share their networks; closing either releases them.
     */
    public Recognizer withSpeechCheck(SpeechCheck check) {
        return new Recognizer(bundle, extractor, networks, check, lock);
    }

    /** The check a recording passes before it gets an emotion. */
    public SpeechCheck speechCheck() {
        return speechCheck;
    }

    /** A recognizer for {@code bundle} with the networks it carries as plain weights. */
    public static Recognizer of(ModelBundle bundle) {
        if (!bundle.hasPlainWeights()) {
            throw new SentioException("this model file carries no plain weights (it was written by an early Sentio): "
                    + "load it with dev.sentio.model.nn.DjlNetwork from sentio-model, or train it again");
        }
        try {
            return new Recognizer(bundle, bundle.members().stream().map(m -> PlainNetwork.of(bundle.architecture(),
                    PlainWeights.decode(m.plainWeights()))).toList());
        } catch (IllegalArgumentException e) {
            throw new SentioException("the model's plain weights do not fit its architecture '"
                    + bundle.architecture() + "' (" + e.getMessage() + ")");
        }
    }

    /**
     * A recognizer for {@code bundle} whose networks are {@code networks}, one per member in the bundle's order
     * (e.g. run on a deep-learning engine).
     */
    public static Recognizer of(ModelBundle bundle, List<PlainNetwork> networks) {
        return new Recognizer(bundle, networks);
    }

    /** Reads a model file; a file that is not a Sentio model, or whose weights do not fit, fails here. */
    public static Recognizer load(Path modelFile) {
        return of(ModelBundle.load(modelFile));
    }

    /** The default model that ships inside Sentio. */
    public static Recognizer bundled() {
        return of(ModelBundle.bundled());
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public List<String> labels() {
        return bundle.labels();
    }

    /**
     * Refuses a label subset with a label the model does not know, naming it and the model's labels.
     *
     * @return the subset, in the model's order (as {@link Prediction#restrictedTo} orders its probabilities)
     */
    public List<String> requireLabels(List<String> subset) {
        List<String> unknown = subset.stream().filter(l -> !bundle.labels().contains(l)).toList();
        if (!unknown.isEmpty() || subset.isEmpty()) {
            throw new SentioException("this model has no label " + String.join(", ", unknown) + ": it knows "
                    + String.join(", ", bundle.labels()));
        }
        // in the model's order, the order Prediction.restrictedTo gives probabilities in
        return bundle.labels().stream().filter(subset::contains).toList();
    }

    /**
     * One recording, decoded and checked for speech, with its features when it holds speech.
     *
     * @param features the model's features (null without speech)
     * @param none     the answer for a recording without speech (null with speech)
     */
    public record Analysis(float[][] features, Prediction none) {
    }

    /** Decodes the file (its errors name it) and recognises the emotion, or says why it holds no speech. */
    public Prediction recognize(Path audioFile) {
        return recognize(analyse(audioFile));
    }

    public Prediction recognize(float[] samples, int sampleRate) {
        return recognize(analyse(samples, sampleRate));
    }

    /** Decodes the file, checks it for speech and computes its features; errors name the file. */
    public Analysis analyse(Path audioFile) {
        return analyse(AudioLoader.load(audioFile), audioFile.toString()); // the loader's errors name the file
    }

    /** Decoded audio checked for speech, with its features; errors name {@code source} (e.g. its file). */
    public Analysis analyse(Audio audio, String source) {
        try {
            return analyse(audio.samples(), audio.sampleRate());
        } catch (SentioException | IllegalArgumentException e) {
            throw new SentioException(source + ": " + e.getMessage(), e);
        }
    }

    public Analysis analyse(float[] samples, int sampleRate) {
        Audio audio = new Audio(samples, sampleRate);
        Integer rate = bundle.features().sampleRate();
        Audio atModelRate = rate == null || rate == sampleRate ? audio : Resampler.resample(audio, rate);
        VoiceActivity.Verdict verdict = speechCheck.assess(atModelRate.samples(), atModelRate.sampleRate());
        if (!verdict.speech()) {
            return new Analysis(null, Prediction.none(bundle.labels(), verdict.reason()));
        }
        float[][] features = extractor.extract(atModelRate).values();
        String unlikeSpeech = bundle.speechGate() == null ? null : bundle.speechGate().reject(
                gateExtractor == null ? features : gateExtractor.extract(atModelRate).values());
        return unlikeSpeech == null ? new Analysis(features, null)
                : new Analysis(null, Prediction.none(bundle.labels(), unlikeSpeech));
    }

    /** One analysed recording, recognised alone (its answer without speech is none, with the reason). */
    public Prediction recognize(Analysis a) {
        if (bundle.speakerNormalised()) {
            throw new SentioException("this model was trained on speaker-normalised features: it recognises "
                    + "recordings of one speaker or session together (Recognizer.recognizeSession, predict --adapt), "
                    + "not one file alone");
        }
        return a.none() != null ? a.none() : predict(a.features());
    }

    /**
     * Recordings of one speaker or session recognised together. With a speaker-normalised model each recording's
     * features are first standardised with the statistics of all the session's recordings that hold speech
     * (adaptation to the voice and the recording conditions, no labels used); with another model each is
     * recognised alone. Recordings without speech get none and take no part in the statistics.
     *
     * @throws SentioException when a speaker-normalised model gets fewer than {@link #MIN_SESSION} recordings
     */
    public List<Prediction> recognizeSession(List<Analysis> session) {
        if (!bundle.speakerNormalised()) {
            return session.stream().map(this::recognize).toList();
        }
        List<float[][]> speech = session.stream().filter(a -> a.none() == null).map(Analysis::features).toList();
        if (speech.size() < MIN_SESSION) {
            throw new SentioException("adaptation needs at least " + MIN_SESSION + " recordings with speech of the "
                    + "speaker or session, got " + speech.size());
        }
        dev.sentio.model.data.Standardizer own = dev.sentio.model.data.Standardizer.fit(speech);
        return session.stream().map(a -> a.none() != null ? a.none() : predict(own.apply(a.features()))).toList();
    }

    /**
     * One recording standardised with {@code own} (its speaker's or session's statistics, e.g. of the speech so far
     * in a stream) before the model's own standardisation: how a speaker-normalised model recognises.
     */
    public Prediction recognizeAdapted(Analysis a, dev.sentio.model.data.Standardizer own) {
        return a.none() != null ? a.none() : predict(own.apply(a.features()));
    }

    /** The fewest recordings a speaker-normalised model adapts to. */
    public static final int MIN_SESSION = 5;

    private Prediction predict(float[][] frames) {
        // an ensemble combines its networks' probabilities, each network on its own columns and standardisation
        float[][] each = new float[networks.size()][];
        synchronized (lock) {
            for (int k = 0; k < networks.size(); k++) {
                each[k] = networks.get(k).probabilities(bundle.members().get(k).input(frames));
            }
        }
        return prediction(bundle.combination().combine(each));
    }

    private Prediction prediction(float[] network) {
        float[] probabilities = bundle.temperature() == 1.0 ? network : Calibration.temper(network, bundle.temperature());
        int best = Probabilities.argMax(probabilities);
        return new Prediction(bundle.labels().get(best), probabilities[best], bundle.labels(), probabilities, null);
    }

    @Override
    public void close() {
        for (PlainNetwork network : networks) {
            if (network instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new SentioException("cannot release the network (" + e.getMessage() + ")");
                }
            }
        }
    }
}
