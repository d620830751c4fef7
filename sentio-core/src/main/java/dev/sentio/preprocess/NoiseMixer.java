package dev.sentio.preprocess;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.corpus.Utterance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;

/**
 * Background noise added to speech at a chosen signal-to-noise ratio, for robustness tests and noise-augmented
 * training. The noise is white or pink (generated) or real recordings (looped to cover the utterance, from an
 * offset drawn per utterance), or babble: {@value #TALKERS} other speakers of the utterance's own corpus talking at
 * once, each at the same level (the cocktail party that defeats models trained on clean speech). The SNR is the
 * ratio of the speech's power to the noise's, over the utterance. Everything random is seeded by the utterance's
 * index and the SNR, so a run is repeatable and a test utterance always hears the same noise.
 */
public final class NoiseMixer {
    /** How many voices babble mixes: few enough to sound like voices, enough not to be one clear talker. */
    public static final int TALKERS = 4;

    private final String kind;
    private final List<Path> files;
    private final Map<Integer, List<float[]>> loaded = new java.util.concurrent.ConcurrentHashMap<>();
    /** For babble: the utterances its talkers come from, by corpus (null until {@link #withTalkers}). */
    private final Map<String, List<Utterance>> talkers;
    /** For babble: each (corpus, speaker)'s possible talkers, found once rather than per utterance mixed. */
    private final Map<List<String>, List<Utterance>> othersOf = new java.util.concurrent.ConcurrentHashMap<>();

    private NoiseMixer(String kind, List<Path> files, Map<String, List<Utterance>> talkers) {
        this.kind = kind;
        this.files = List.copyOf(files);
        this.talkers = talkers;
    }

    /**
     * {@code white}, {@code pink}, {@code babble}, or noise recordings: files, or folders; {@code FOLDER:odd} or
     * {@code FOLDER:even} takes the folder's files whose number (the digits in the name) is odd or even, so that
     * training and testing never share a sound. Babble needs its talkers before it mixes ({@link #withTalkers}).
     */
    public static NoiseMixer of(List<String> spec) {
        if (spec.size() == 1 && List.of("white", "pink", "babble").contains(spec.get(0))) {
            return new NoiseMixer(spec.get(0), List.of(), null);
        }
        List<Path> files = new ArrayList<>();
        for (String s : spec) {
            String parity = s.endsWith(":odd") ? "odd" : s.endsWith(":even") ? "even" : null;
            Path p = Path.of(parity == null ? s : s.substring(0, s.lastIndexOf(':')));
            if (java.nio.file.Files.isDirectory(p)) {
                try (var list = java.nio.file.Files.list(p)) {
                    list.filter(AudioLoader::hasAudioExtension).filter(f -> parity == null || parity.equals(parity(f)))
                            .sorted().forEach(files::add);
                } catch (java.io.IOException e) {
                    throw new SentioException(p + ": cannot list (" + e.getMessage() + ")");
                }
            } else if (java.nio.file.Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new SentioException("noise '" + s + "': use white, pink, babble, or noise audio files or folders");
            }
        }
        if (files.isEmpty()) {
            throw new SentioException("no noise audio files in " + spec);
        }
        return new NoiseMixer("files", files, null);
    }

    /** The noise recordings (none for white, pink and babble). */
    public List<Path> files() {
        return files;
    }

    /** Whether this is babble, made of speech from the corpora themselves. */
    public boolean babble() {
        return kind.equals("babble");
    }

    /**
     * Babble whose talkers are drawn from {@code utterances}: an utterance hears other speakers of its own corpus
     * only (so a corpus never hears another corpus's voices, and its own speaker never). Other kinds are returned
     * as they are.
     */
    public NoiseMixer withTalkers(List<Utterance> utterances) {
        if (!babble()) {
            return this;
        }
        Map<String, List<Utterance>> byCorpus = new java.util.HashMap<>();
        for (Utterance u : utterances) {
            byCorpus.computeIfAbsent(u.corpus(), c -> new ArrayList<>()).add(u);
        }
        return new NoiseMixer(kind, files, Map.copyOf(byCorpus));
    }

    private static String parity(Path f) {
        String digits = f.getFileName().toString().replaceAll("\\D", "");
        return digits.isEmpty() ? "none" : Integer.parseInt(digits.substring(Math.max(0, digits.length() - 9))) % 2 == 1
                ? "odd" : "even";
    }

    /** A name for reports and cache keys: the kind, or the noise files' names. */
    public String describe() {
        if (babble()) {
            return "babble (" + TALKERS + " other speakers of the same corpus)";
        }
        if (!kind.equals("files")) {
            return kind + " noise";
        }
        return files.size() + " noise recording(s): " + String.join(" ", files.stream()
                .map(f -> f.getFileName().toString()).toList());
    }

    /** A short key that changes whenever the noise does (for babble: whenever its talkers do). */
    public String key() {
        int h = describe().hashCode();
        if (talkers != null) {
            h = 31 * h + new java.util.TreeMap<>(talkers).toString().hashCode();
        }
        return Integer.toHexString(h);
    }

    /** {@code speech} with noise at {@code snrDb}; {@code index} picks the recording and offset. Not for babble. */
    public Audio mix(Audio speech, double snrDb, long index) {
        return mix(speech, snrDb, index, null);
    }

    /**
     * {@code speech}, the recording of {@code utterance}, with noise at {@code snrDb}; {@code index} picks the
     * recording (or talkers) and offsets. Babble needs the utterance, to leave its own speaker out.
     */
    public Audio mix(Audio speech, double snrDb, long index, Utterance utterance) {
        Random r = new Random(index * 1_000_003L + Math.round(snrDb * 100));
        float[] y = speech.samples();
        float[] n = babble() ? babble(y.length, speech.sampleRate(), r, utterance) : noise(y.length, speech.sampleRate(), r);
        return new Audio(atSnr(y, n, snrDb), speech.sampleRate());
    }

    private float[] babble(int n, int sampleRate, Random r, Utterance target) {
        if (talkers == null || target == null) {
            throw new IllegalStateException("babble mixes speech of a corpus: give it its talkers and the utterance");
        }
        List<Utterance> others = othersOf.computeIfAbsent(List.of(target.corpus(), target.speaker()), k ->
                talkers.getOrDefault(target.corpus(), List.of()).stream()
                        .filter(u -> !u.speaker().equals(target.speaker())).toList());
        if (others.isEmpty()) {
            throw new SentioException(target.file() + ": babble needs other speakers of " + target.corpus()
                    + ", and it has none");
        }
        float[] out = new float[n];
        int voices = 0;
        // a talker whose file cannot be read is passed over; a few tries each, so a bad corpus cannot loop forever
        for (int attempt = 0; attempt < 4 * TALKERS && voices < TALKERS; attempt++) {
            float[] voice;
            try {
                voice = AudioLoader.load(others.get(r.nextInt(others.size())).file(), sampleRate).samples();
            } catch (SentioException e) {
                continue;
            }
            double power = energy(voice, voice.length);
            if (power == 0) {
                continue;
            }
            // every talker at the same level
            addLooped(out, voice, (float) (1 / Math.sqrt(power / voice.length)), r.nextInt(voice.length));
            voices++;
        }
        if (voices == 0) {
            throw new SentioException(target.file() + ": no readable speech of other speakers for babble");
        }
        return out;
    }

    /**
     * {@code speech} plus {@code noise} (looped when shorter) scaled so that the speech's power over the utterance
     * is {@code snrDb} above the noise's.
     */
    public static float[] atSnr(float[] speech, float[] noise, double snrDb) {
        double ps = energy(speech, speech.length);
        double pn = energy(noise, speech.length);
        double g = pn > 0 ? Math.sqrt(ps / pn / Math.pow(10, snrDb / 10)) : 0;
        float[] out = new float[speech.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (speech[i] + g * noise[i % noise.length]);
        }
        return out;
    }

    /** Gaussian white noise, unit variance. */
    public static float[] white(int n, Random r) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) r.nextGaussian();
        }
        return out;
    }

    /** Pink noise: Paul Kellet's economical filter of Gaussian white noise. */
    public static float[] pink(int n, Random r) {
        float[] out = new float[n];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            double w = r.nextGaussian();
            b0 = 0.99765 * b0 + w * 0.0990460;
            b1 = 0.96300 * b1 + w * 0.2965164;
            b2 = 0.57000 * b2 + w * 1.0526913;
            out[i] = (float) (b0 + b1 + b2 + w * 0.1848);
        }
        return out;
    }

    private float[] noise(int n, int sampleRate, Random r) {
        float[] out = new float[n];
        switch (kind) {
            case "white":
                return white(n, r);
            case "pink":
                return pink(n, r);
            default:
                List<float[]> all = loaded.computeIfAbsent(sampleRate, rate -> files.stream()
                        .map(f -> AudioLoader.load(f, rate).samples()).toList());
                float[] source = all.get(r.nextInt(all.size()));
                if (source.length == 0) {
                    return out;
                }
                addLooped(out, source, 1, r.nextInt(source.length));
                return out;
        }
    }

    /** The sum of squares of the first {@code n} samples of {@code x}, looped when it is shorter. */
    private static double energy(float[] x, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = x[i % x.length];
            sum += v * v;
        }
        return sum;
    }

    /** Adds {@code gain * source}, looped from {@code offset}, to all of {@code out}. */
    private static void addLooped(float[] out, float[] source, float gain, int offset) {
        for (int i = 0; i < out.length; i++) {
            out[i] += gain * source[(offset + i) % source.length];
        }
    }

    /** A name for one SNR, as reports and cache entries use it. */
    public static String snrName(double snrDb) {
        return String.format(Locale.ROOT, "%.0f dB", snrDb);
    }
}
