package dev.sentio.model.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sentio.SentioException;
import dev.sentio.evaluation.Calibration;
import dev.sentio.evaluation.ConfusionMatrix;
import dev.sentio.evaluation.Fold;
import dev.sentio.io.FeatureFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finished folds of an evaluation, one JSON file each in a folder, so that a killed evaluation started again
 * with the same options trains only the folds it had not finished. {@code run} describes everything that
 * decides a fold's outcome (data, protocol, network, features, settings), and the build of the code is added to
 * it; a fold saved by another run or another build is trained again and overwritten, never reused.
 */
public final class FoldCheckpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path folder;
    private final String run;

    public FoldCheckpoints(Path folder, String run) {
        this.folder = folder;
        // a fold trained by another build of the code is trained again: a change to training changes its outcome
        this.run = run + "\nbuild " + Build.STAMP;
    }

    private Path file(int index, Fold fold) {
        return folder.resolve(String.format("fold-%03d-%s.json", index, fold.name().replaceAll("[^A-Za-z0-9._-]+", "_")));
    }

    /** What fold {@code index} gave in this same run, or null when it has not finished (or another run saved it). */
    CrossValidation.FoldResult load(int index, Fold fold, List<String> labels) {
        try {
            JsonNode n = JSON.readTree(Files.readString(file(index, fold), StandardCharsets.UTF_8));
            // a fold saved before its test utterances were named is trained again, so every report lists them
            if (!run.equals(n.path("run").asText()) || !fold.name().equals(n.path("fold").asText())
                    || !n.has("utterances")) {
                return null;
            }
            ConfusionMatrix cm = ConfusionMatrix.of(labels, JSON.treeToValue(n.path("confusion"), long[][].class));
            List<SequenceClassifier.EpochLog> history = List.of(JSON.treeToValue(n.path("history"),
                    SequenceClassifier.EpochLog[].class));
            return new CrossValidation.FoldResult(fold.name(), cm, n.path("epochs").asInt(),
                    n.path("validation").asText(), history,
                    Calibration.of(JSON.treeToValue(n.path("calibrationRaw"), double[][].class)),
                    Calibration.of(JSON.treeToValue(n.path("calibration"), double[][].class)),
                    n.path("temperature").asDouble(), JSON.treeToValue(n.path("probabilities"), float[][].class),
                    JSON.treeToValue(n.path("truth"), int[].class), JSON.treeToValue(n.path("utterances"), int[].class),
                    variants(n.path("variants"), labels), variantProbabilities(n.path("variantProbabilities")));
        } catch (IOException | RuntimeException e) {
            // not saved yet, or damaged by hand (writes are atomic): the fold is trained again
            return null;
        }
    }
    private static java.util.Map<String, ConfusionMatrix> variants(JsonNode node, List<String> labels) throws IOException {
        java.util.Map<String, ConfusionMatrix> m = new java.util.LinkedHashMap<>();
        byName(node, long[][].class).forEach((name, counts) -> m.put(name, ConfusionMatrix.of(labels, counts)));
        return m;
    }

    private static java.util.Map<String, float[][]> variantProbabilities(JsonNode node) throws IOException {
        return byName(node, float[][].class);
    }

    /** A JSON object's fields, each read as {@code type}, in order. */
    private static <T> java.util.Map<String, T> byName(JsonNode node, Class<T> type) throws IOException {
        java.util.Map<String, T> m = new java.util.LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            m.put(e.getKey(), JSON.treeToValue(e.getValue(), type));
        }
        return m;
    }

    void save(int index, Fold fold, CrossValidation.FoldResult result) {
        ObjectNode n = JSON.createObjectNode();
        n.put("run", run);
        n.put("fold", fold.name());
        n.set("confusion", JSON.valueToTree(result.confusion().counts()));
        n.put("epochs", result.epochs());
        n.put("validation", result.validation());
        n.set("history", JSON.valueToTree(result.history()));
        n.set("calibrationRaw", JSON.valueToTree(result.raw().state()));
        n.set("calibration", JSON.valueToTree(result.calibrated().state()));
        n.put("temperature", result.temperature());
        n.set("probabilities", JSON.valueToTree(result.probabilities()));
        n.set("truth", JSON.valueToTree(result.truth()));
        n.set("utterances", JSON.valueToTree(result.utterances()));
        ObjectNode variants = n.putObject("variants");
        result.variants().forEach((name, cm) -> variants.set(name, JSON.valueToTree(cm.counts())));
        ObjectNode variantProbabilities = n.putObject("variantProbabilities");
        result.variantProbabilities().forEach((name, p) -> variantProbabilities.set(name, JSON.valueToTree(p)));
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
            FeatureFiles.writeAtomically(file(index, fold), o -> o.write(bytes));
        } catch (IOException e) {
            throw new SentioException(folder + ": cannot save a finished fold (" + e.getMessage() + ")", e);
        }
    }

    public Path folder() {
        return folder;
    }
}
