package dev.sentio.evaluation;

import dev.sentio.SentioException;
import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.Utterance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * How a corpus is split into folds. Every protocol but {@code random} keeps each speaker on one side of
 * every split; {@code random} leaks speakers into the test set and says so in its name.
 */
public sealed interface Protocol {
    /** A name that says what was measured, printed beside every figure. */
    String describe();

    /** Whether test speakers are unseen in training (false only for {@code random}). */
    boolean speakerIndependent();

    List<Fold> folds(Corpus corpus);

    /** Parses loso | speaker-folds:K | cross-speaker | random[:K] (cross-corpus needs two corpora, see {@link CrossCorpus}). */
    static Protocol parse(String spec) {
        String[] parts = spec.trim().split(":");
        switch (parts[0]) {
            case "loso":
                return new LeaveOneSpeakerOut();
            case "speaker-folds":
                return new SpeakerFolds(parts.length > 1 ? parseCount(spec, parts[1]) : 6);
            case "cross-speaker":
                return new CrossSpeaker();
            case "random":
                return new RandomFolds(parts.length > 1 ? parseCount(spec, parts[1]) : 5, 0);
            default:
                throw new SentioException("unknown protocol '" + spec
                        + "': use loso, speaker-folds:K, cross-speaker, cross-corpus:TRAIN:TEST or random:K");
        }
    }

    private static int parseCount(String spec, String count) {
        try {
            int k = Integer.parseInt(count);
            if (k >= 2) {
                return k;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SentioException("protocol '" + spec + "': the fold count must be an integer >= 2");
    }

    /** Utterance indices grouped by speaker, speakers in sorted order. */
    static TreeMap<String, List<Integer>> bySpeaker(Corpus corpus) {
        TreeMap<String, List<Integer>> m = new TreeMap<>();
        List<Utterance> u = corpus.utterances();
        for (int i = 0; i < u.size(); i++) {
            m.computeIfAbsent(u.get(i).speaker(), k -> new ArrayList<>()).add(i);
        }
        return m;
    }

    /** Folds that test each group of speakers in turn and train on all the others. */
    static List<Fold> speakerGroupFolds(Corpus corpus, List<List<String>> groups, String prefix) {
        TreeMap<String, List<Integer>> speakers = bySpeaker(corpus);
        List<Fold> folds = new ArrayList<>();
        for (List<String> group : groups) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            speakers.forEach((speaker, idx) -> (group.contains(speaker) ? test : train).addAll(idx));
            folds.add(new Fold(prefix + " " + String.join(",", group), train, test));
        }
        return folds;
    }

    /** Leave one speaker out: as many folds as speakers. */
    record LeaveOneSpeakerOut() implements Protocol {
        @Override
        public String describe() {
            return "leave-one-speaker-out (speaker-independent)";
        }

        @Override
        public boolean speakerIndependent() {
            return true;
        }

        @Override
        public List<Fold> folds(Corpus corpus) {
            List<List<String>> groups = bySpeaker(corpus).keySet().stream().map(List::of).toList();
            requireTwo(corpus, groups.size());
            return speakerGroupFolds(corpus, groups, "speaker");
        }
    }

    /** K folds of disjoint speaker groups (RAVDESS: 6 folds of 4 actors), speakers dealt in sorted order. */
    record SpeakerFolds(int k) implements Protocol {
        @Override
        public String describe() {
            return k + " speaker-disjoint folds (speaker-independent)";
        }

        @Override
        public boolean speakerIndependent() {
            return true;
        }

        @Override
        public List<Fold> folds(Corpus corpus) {
            List<String> speakers = new ArrayList<>(bySpeaker(corpus).keySet());
            if (speakers.size() < k) {
                throw new SentioException(corpus.name() + ": " + speakers.size() + " speakers cannot make " + k
                        + " speaker-disjoint folds");
            }
            List<List<String>> groups = new ArrayList<>();
            int per = speakers.size() / k;
            int extra = speakers.size() % k;
            int at = 0;
            for (int f = 0; f < k; f++) {
                int size = per + (f < extra ? 1 : 0);
                groups.add(speakers.subList(at, at + size));
                at += size;
            }
            return speakerGroupFolds(corpus, groups, "speakers");
        }
    }

    /** Train on one speaker, test on each other in turn, and the reverse (TESS: OAF -> YAF and YAF -> OAF). */
    record CrossSpeaker() implements Protocol {
        @Override
        public String describe() {
            return "cross-speaker: train on one speaker, test on another (speaker-independent)";
        }

        @Override
        public boolean speakerIndependent() {
            return true;
        }

        @Override
        public List<Fold> folds(Corpus corpus) {
            TreeMap<String, List<Integer>> speakers = bySpeaker(corpus);
            requireTwo(corpus, speakers.size());
            List<Fold> folds = new ArrayList<>();
            for (String train : speakers.keySet()) {
                for (String test : speakers.keySet()) {
                    if (!train.equals(test)) {
                        folds.add(new Fold(train + " -> " + test, speakers.get(train), speakers.get(test)));
                    }
                }
            }
            return folds;
        }
    }

    /**
     * K random utterance folds (stratified by nothing, shuffled with a fixed seed). Speakers appear on both
     * sides, which inflates accuracy: report it only beside a speaker-independent figure.
     */
    record RandomFolds(int k, long seed) implements Protocol {
        @Override
        public String describe() {
            return k + " random utterance folds (SPEAKER-LEAKING: not a speaker-independent result)";
        }

        @Override
        public boolean speakerIndependent() {
            return false;
        }

        @Override
        public List<Fold> folds(Corpus corpus) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < corpus.utterances().size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(seed));
            List<Fold> folds = new ArrayList<>();
            for (int f = 0; f < k; f++) {
                List<Integer> train = new ArrayList<>();
                List<Integer> test = new ArrayList<>();
                for (int i = 0; i < order.size(); i++) {
                    (i % k == f ? test : train).add(order.get(i));
                }
                folds.add(new Fold("random fold " + (f + 1), train, test));
            }
            return folds;
        }
    }

    private static void requireTwo(Corpus corpus, int speakers) {
        if (speakers < 2) {
            throw new SentioException(corpus.name() + " has " + speakers
                    + " speaker(s): a speaker-independent protocol needs at least two");
        }
    }
}
