package dev.sentio.evaluation;

import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.Emotion;
import dev.sentio.corpus.Utterance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Train on one corpus, test on another: speaker-independent by construction. Only the emotions both corpora
 * have are kept (EmoDB's boredom or RAVDESS's calm have no counterpart to be tested on).
 *
 * @param combined the training corpus's utterances first, then the test corpus's
 * @param fold     the single split
 */
public record CrossCorpus(Corpus combined, Fold fold) {

    public static CrossCorpus of(Corpus train, Corpus test) {
        Set<Emotion> shared = EnumSet.noneOf(Emotion.class);
        shared.addAll(train.counts().keySet());
        shared.retainAll(test.counts().keySet());
        List<Utterance> all = new ArrayList<>();
        List<Integer> trainIdx = new ArrayList<>();
        List<Integer> testIdx = new ArrayList<>();
        for (Utterance u : train.utterances()) {
            if (shared.contains(u.emotion())) {
                trainIdx.add(all.size());
                all.add(u);
            }
        }
        for (Utterance u : test.utterances()) {
            if (shared.contains(u.emotion())) {
                testIdx.add(all.size());
                all.add(u);
            }
        }
        List<String> skipped = new ArrayList<>(train.skipped());
        skipped.addAll(test.skipped());
        String name = train.name() + " -> " + test.name();
        return new CrossCorpus(new Corpus(name, all, skipped), new Fold(name, trainIdx, testIdx));
    }

    public static String describe(String train, String test) {
        return "cross-corpus: train " + train + ", test " + test + " (speaker-independent)";
    }
}
