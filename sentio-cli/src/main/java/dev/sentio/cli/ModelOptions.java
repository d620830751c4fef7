package dev.sentio.cli;

import dev.sentio.model.Recognizer;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The options of every command that recognises: which model, and which of its labels to choose among. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "FILE", description = "A model file from 'sentio train' (default: the bundled model).")
    Path file;

    @Option(names = "--labels", split = ",", paramLabel = "LIST", description = "Choose among these labels only "
            + "(e.g. angry,happy,neutral,sad); their probabilities are renormalised to sum to one.")
    List<String> labels;

    /** The model; one written without plain weights (by an early Sentio) runs on the deep-learning engine. */
    Recognizer open() {
        return open(file);
    }

    /** {@code file}'s model, or the bundled one for null. */
    static Recognizer open(Path file) {
        if (file == null) {
            return Recognizer.bundled();
        }
        dev.sentio.model.ModelBundle bundle = dev.sentio.model.ModelBundle.load(file);
        return bundle.hasPlainWeights() ? Recognizer.of(bundle) : dev.sentio.model.nn.DjlNetwork.recognizer(bundle);
    }

    /** The labels asked for (all the model's by default); an unknown one is refused, naming the model's. */
    List<String> labels(Recognizer recognizer) {
        return labels == null ? recognizer.labels() : recognizer.requireLabels(labels);
    }
}
