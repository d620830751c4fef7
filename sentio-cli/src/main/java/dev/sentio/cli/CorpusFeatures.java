package dev.sentio.cli;

import dev.sentio.SentioException;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.CorpusReaders;
import dev.sentio.io.FeatureCache;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What train and evaluate share: reading corpora by name and extracting (cached) features, skipping bad files. */
final class CorpusFeatures {
    private CorpusFeatures() {
    }

    /** {@code spec}: one or more of emodb, ravdess, tess, a label folder or a CSV manifest, comma-separated. */
    static Corpus read(String spec, Path corporaRoot, boolean calmAsNeutral) {
        List<Corpus> parts = Arrays.stream(spec.split(",")).map(String::trim)
                .map(name -> CorpusReaders.open(name, corporaRoot)).toList();
        Corpus c = Corpus.concat(parts);
        return calmAsNeutral ? c.withCalmAsNeutral() : c;
    }

    static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "sentio", "features");
    }

    /** One matrix per utterance (null where the file failed); failures are added to {@code skipped}. */
    static List<float[][]> extract(Corpus corpus, FeatureCache cache, List<String> skipped, PrintWriter err) {
        err.printf("features for %d utterances (cached under %s)%n", corpus.utterances().size(), cache.folder());
        err.flush();
        List<float[][]> out = new ArrayList<>(java.util.Collections.nCopies(corpus.utterances().size(), null));
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.stream.IntStream.range(0, corpus.utterances().size()).parallel().forEach(i -> {
            try {
                out.set(i, cache.features(corpus.utterances().get(i).file()).values());
            } catch (SentioException e) {
                failures.add(e.getMessage());
            }
        });
        skipped.addAll(corpus.skipped());
        skipped.addAll(failures.stream().sorted().toList());
        skipped.forEach(s -> err.println("  skipped " + s));
        return out;
    }
}
