package dev.sentio.app;

import dev.sentio.SentioException;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.CorpusReaders;
import dev.sentio.corpus.Utterance;
import dev.sentio.features.FeatureConfig;
import dev.sentio.io.FeatureCache;
import dev.sentio.preprocess.NoiseMixer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What training and evaluation share: reading corpora by name and extracting (cached) features, skipping bad files. */
public final class CorpusData {
    private CorpusData() {
    }

    /** {@code spec}: one or more of emodb, ravdess, tess, a label folder or a CSV manifest, comma-separated. */
    public static Corpus read(String spec, Path corporaRoot, boolean calmAsNeutral) {
        List<Corpus> parts = Arrays.stream(spec.split(",")).map(String::trim)
                .map(name -> CorpusReaders.open(name, corporaRoot)).toList();
        Corpus c = Corpus.concat(parts);
        return calmAsNeutral ? c.withCalmAsNeutral() : c;
    }

    /** Each speaker's matrices standardised with that speaker's own statistics (what --speaker-norm does). */
    public static List<float[][]> bySpeaker(Corpus corpus, List<float[][]> matrices) {
        return dev.sentio.model.data.Standardizer.bySpeaker(
                corpus.utterances().stream().map(u -> u.speaker()).toList(), matrices);
    }

    public static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "sentio", "features");
    }

    /** One matrix per utterance (null where the file failed); failures are added to {@code skipped}. */
    public static List<float[][]> extract(Corpus corpus, FeatureCache cache, List<String> skipped, Progress progress) {
        progress.message(String.format("features for %d utterances (cached under %s)", corpus.utterances().size(),
                cache.folder()));
        List<String> failures = new ArrayList<>();
        List<float[][]> out = extract(corpus, cache, 1.0, failures);
        skipped.addAll(corpus.skipped());
        skipped.addAll(failures);
        skipped.forEach(s -> progress.message("  skipped " + s));
        return out;
    }

    /**
     * Every utterance played at each of {@code speeds} (speed perturbation), one list per speed parallel to the
     * corpus; a version that fails is null, and is listed unless the original failed too.
     */
    public static List<List<float[][]>> extractPerturbed(Corpus corpus, FeatureCache cache, List<Double> speeds,
                                                  List<float[][]> originals, Progress progress) {
        List<List<float[][]>> versions = new ArrayList<>();
        for (double speed : speeds) {
            progress.message("features at speed " + speed + " for the training data");
            List<String> failures = new ArrayList<>();
            List<float[][]> version = extract(corpus, cache, speed, failures);
            for (int i = 0; i < version.size(); i++) {
                if (version.get(i) == null && originals.get(i) != null) {
                    progress.message("  left out at speed " + speed + ": " + corpus.utterances().get(i).file());
                }
            }
            versions.add(version);
        }
        return versions;
    }

    private static List<float[][]> extract(Corpus corpus, FeatureCache cache, double speed, List<String> failures) {
        return extract(corpus, failures, u -> cache.features(u.file(), speed));
    }

    private static List<float[][]> extract(Corpus corpus, List<String> failures,
                                           java.util.function.Function<Utterance, dev.sentio.features.FeatureMatrix> one) {
        List<float[][]> out = new ArrayList<>(java.util.Collections.nCopies(corpus.utterances().size(), null));
        List<String> found = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.stream.IntStream.range(0, corpus.utterances().size()).parallel().forEach(i -> {
            try {
                out.set(i, one.apply(corpus.utterances().get(i)).values());
            } catch (SentioException e) {
                found.add(e.getMessage());
            }
        });
        failures.addAll(found.stream().sorted().toList());
        return out;
    }

    /**
     * Every utterance with noise mixed in at an SNR that {@code snrOf} picks from the file's name (so that each
     * recording always gets the same noise); cached per noise, SNR and file name. Babble's talkers are the corpus's other
     * speakers. Failures are null and listed.
     */
    public static List<float[][]> extractNoisy(Corpus corpus, FeatureCache cache, NoiseMixer noise,
                                        java.util.function.ToDoubleFunction<Path> snrOf, Progress progress) {
        List<String> failures = new ArrayList<>();
        NoiseMixer mixer = noise.withTalkers(corpus.utterances());
        List<float[][]> out = extract(corpus, failures, u -> {
            Path f = u.file();
            double snr = snrOf.applyAsDouble(f);
            long seed = f.getFileName().toString().hashCode();
            return cache.features(f, "noise-" + mixer.key() + "-snr" + Math.round(snr * 10) + "-" + nameKey(f),
                    a -> mixer.mix(a, snr, seed, u));
        });
        failures.forEach(m -> progress.message("  left out with noise: " + m));
        return out;
    }

    /** Every utterance changed by {@code change} (given the file and its audio), cached as {@code variant}. */
    public static List<float[][]> extractChanged(Corpus corpus, FeatureCache cache, String variant,
                                          java.util.function.BiFunction<Path, dev.sentio.audio.Audio,
                                                  dev.sentio.audio.Audio> change, Progress progress) {
        List<String> failures = new ArrayList<>();
        List<float[][]> out = extract(corpus, failures, u -> cache.features(u.file(), variant + "-" + nameKey(u.file()),
                a -> change.apply(u.file(), a)));
        failures.forEach(m -> progress.message("  left out " + variant + ": " + m));
        return out;
    }

    /**
     * The cache knows a recording by its content, but noise and channels are drawn from its file name: two files
     * with the same content and different names (copies) get different noise, so the name joins the cache key.
     */
    private static String nameKey(Path file) {
        return Integer.toHexString(file.getFileName().toString().hashCode());
    }

    /** With views, the model's features are all the views' features, in order (else {@code config} as it is). */
    static FeatureConfig withViews(FeatureConfig config, List<List<String>> views) {
        if (views == null) {
            return config;
        }
        if (views.isEmpty() || views.stream().anyMatch(List::isEmpty)) {
            throw new SentioException("--views needs one or more views, each of one or more features");
        }
        return config.withFeatures(List.copyOf(new java.util.LinkedHashSet<>(views.stream().flatMap(List::stream)
                .toList())), config.deltaOrder());
    }

    /** Each view's columns among {@code config}'s (null for no views). */
    static List<int[]> viewColumns(FeatureConfig config, List<List<String>> views) {
        if (views == null) {
            return null;
        }
        dev.sentio.features.FeatureExtractor all = new dev.sentio.features.FeatureExtractor(config);
        return views.stream().map(all::viewColumns).toList();
    }
}
