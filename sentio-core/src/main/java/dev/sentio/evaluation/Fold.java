package dev.sentio.evaluation;

import java.util.List;

/**
 * One train/test split of utterance indices.
 *
 * @param name   e.g. "speaker emodb-03", "actors 01,02,03,04", "OAF -> YAF", "test tess"
 * @param train  indices into the corpus used for training (validation is split off inside, by speaker)
 * @param test   indices held out for testing
 * @param labels the labels this fold is tested on, predictions restricted to them (a test corpus's own labels,
 *               in leave-one-corpus-out); null for all labels
 */
public record Fold(String name, List<Integer> train, List<Integer> test, List<String> labels) {
    public Fold {
        train = List.copyOf(train);
        test = List.copyOf(test);
        labels = labels == null ? null : List.copyOf(labels);
    }

    public Fold(String name, List<Integer> train, List<Integer> test) {
        this(name, train, test, null);
    }
}
