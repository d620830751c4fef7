package dev.sentio.app;

import dev.sentio.SentioException;
import dev.sentio.model.Recognizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Many recordings recognised, each alone or, with a speaker-normalised model, together with the other recordings
 * of its speaker or session (adaptation without labels). A file that fails is skipped and listed.
 */
public final class BatchPrediction {
    /** Which recordings are one speaker or session. */
    public enum Sessions {
        /** Each file alone (a model that is not speaker-normalised). */
        EACH_FILE,
        /** All the inputs together. */
        ALL,
        /** The files of each folder together. */
        BY_FOLDER
    }

    /**
     * @param predictions per input index, in order; failed inputs have none
     * @param summary     the batch, with its failures
     */
    public record Result(Map<Integer, Recognizer.Prediction> predictions, Batch.Summary summary) {
    }

    private BatchPrediction() {
    }

    /**
     * @param subset the labels to choose among (renormalised)
     * @throws SentioException when the sessions do not suit the model (adaptation needs a speaker-normalised model,
     *                         and such a model needs sessions)
     */
    public static Result run(Recognizer recognizer, List<Path> files, Sessions sessions, List<String> subset,
                             Batch.Listener listener) {
        boolean adapting = sessions != Sessions.EACH_FILE;
        if (adapting != recognizer.bundle().speakerNormalised()) {
            throw new SentioException(adapting
                    ? "--adapt needs a model trained with --speaker-norm; this one predicts each file alone"
                    : "this model was trained with --speaker-norm: give it recordings of one speaker or session "
                    + "with --adapt (or --adapt-by-folder)");
        }
        Map<Integer, Recognizer.Analysis> analysed = new TreeMap<>();
        List<Integer> indices = IntStream.range(0, files.size()).boxed().toList();
        Batch.Summary summary = Batch.run(indices, 1, i -> {
            Recognizer.Analysis a = recognizer.analyse(files.get(i));
            synchronized (analysed) {
                analysed.put(i, a);
            }
        }, i -> files.get(i).toString(), listener);
        Map<String, List<Integer>> groups = new TreeMap<>();
        analysed.keySet().forEach(i -> groups.computeIfAbsent(switch (sessions) {
            case ALL -> "all";
            case BY_FOLDER -> String.valueOf(files.get(i).toAbsolutePath().getParent());
            case EACH_FILE -> Integer.toString(i);
        }, k -> new ArrayList<>()).add(i));
        Map<Integer, Recognizer.Prediction> results = new TreeMap<>();
        for (List<Integer> group : groups.values()) {
            List<Recognizer.Prediction> p = recognizer.recognizeSession(group.stream().map(analysed::get).toList());
            for (int k = 0; k < group.size(); k++) {
                results.put(group.get(k), p.get(k).restrictedTo(subset));
            }
        }
        return new Result(results, summary);
    }
}
