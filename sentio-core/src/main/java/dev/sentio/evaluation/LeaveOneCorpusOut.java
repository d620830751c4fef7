package dev.sentio.evaluation;

import dev.sentio.SentioException;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.Emotion;
import dev.sentio.corpus.Utterance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Leave one corpus out: for each of several corpora, train on all the others and test on it, predictions
 * restricted to the labels the test corpus has and the training corpora know (its other utterances are not
 * tested). Speaker-independent by construction, and the measure of how a model does on recordings unlike its
 * training data: another language, microphone, room and set of actors.
 */
public final class LeaveOneCorpusOut {
    public static final String NAME = "leave-one-corpus-out";

    private LeaveOneCorpusOut() {
    }

    public static String describe(List<Corpus> corpora) {
        return NAME + " over " + String.join(", ", corpora.stream().map(Corpus::name).toList())
                + ": train on the others, test on each, labels restricted to the test corpus's (speaker-independent)";
    }

    /** One fold per corpus, over {@code Corpus.concat(corpora)}'s utterance order. */
    public static List<Fold> folds(List<Corpus> corpora) {
        if (corpora.size() < 2) {
            throw new SentioException(NAME + " needs at least two corpora (--corpus a,b,...), got "
                    + corpora.size());
        }
        List<Fold> folds = new ArrayList<>();
        int offset = 0;
        List<int[]> ranges = new ArrayList<>();
        for (Corpus c : corpora) {
            ranges.add(new int[] {offset, offset + c.utterances().size()});
            offset += c.utterances().size();
        }
        List<Utterance> all = new ArrayList<>();
        corpora.forEach(c -> all.addAll(c.utterances()));
        for (int k = 0; k < corpora.size(); k++) {
            int[] range = ranges.get(k);
            Set<Emotion> trained = new TreeSet<>();
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (i < range[0] || i >= range[1]) {
                    train.add(i);
                    trained.add(all.get(i).emotion());
                }
            }
            Set<Emotion> tested = new TreeSet<>(corpora.get(k).counts().keySet());
            tested.retainAll(trained);
            List<Integer> test = new ArrayList<>();
            for (int i = range[0]; i < range[1]; i++) {
                if (tested.contains(all.get(i).emotion())) {
                    test.add(i);
                }
            }
            if (tested.size() < 2) {
                throw new SentioException(corpora.get(k).name() + " shares " + tested.size()
                        + " label(s) with the other corpora: leaving it out tests nothing");
            }
            folds.add(new Fold("test " + corpora.get(k).name(), train, test,
                    tested.stream().map(Emotion::label).toList()));
        }
        return folds;
    }
}
