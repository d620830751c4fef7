package dev.sentio.corpus;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A labelled set of utterances, plus the entries that were skipped and why (a run goes on without them).
 *
 * @param name       e.g. emodb, ravdess, tess, or the folder / manifest it was read from
 * @param utterances in a stable order
 * @param skipped    one line per skipped entry: the file and the problem
 */
public record Corpus(String name, List<Utterance> utterances, List<String> skipped) {
    public Corpus {
        utterances = List.copyOf(utterances);
        skipped = List.copyOf(skipped);
    }

    public List<String> speakers() {
        TreeSet<String> s = new TreeSet<>();
        utterances.forEach(u -> s.add(u.speaker()));
        return List.copyOf(s);
    }

    /** Utterances per emotion, in the enum's order. */
    public Map<Emotion, Integer> counts() {
        Map<Emotion, Integer> c = new TreeMap<>();
        utterances.forEach(u -> c.merge(u.emotion(), 1, Integer::sum));
        return c;
    }

    /** Several corpora as one (speaker names already carry their corpus, so they stay distinct). */
    public static Corpus concat(List<Corpus> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Utterance> all = new java.util.ArrayList<>();
        List<String> skipped = new java.util.ArrayList<>();
        for (Corpus c : parts) {
            all.addAll(c.utterances());
            skipped.addAll(c.skipped());
        }
        return new Corpus(String.join("+", parts.stream().map(Corpus::name).toList()), all, skipped);
    }

    /** The same corpus with calm relabelled neutral (RAVDESS's calm is often merged). */
    public Corpus withCalmAsNeutral() {
        return new Corpus(name, utterances.stream().map(u -> u.emotion() == Emotion.CALM
                ? new Utterance(u.file(), Emotion.NEUTRAL, u.speaker(), u.corpus()) : u).toList(), skipped);
    }
}
