package dev.sentio.evaluation;

import java.util.List;

/**
 * One train/test split of utterance indices.
 *
 * @param name  e.g. "speaker emodb-03", "actors 01,02,03,04", "OAF -> YAF"
 * @param train indices into the corpus used for training (validation is split off inside, by speaker)
 * @param test  indices held out for testing
 */
public record Fold(String name, List<Integer> train, List<Integer> test) {
    public Fold {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
