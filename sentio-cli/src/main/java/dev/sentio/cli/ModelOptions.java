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

    Recognizer open() {
        return file != null ? Recognizer.load(file) : Recognizer.bundled();
    }

    /** The labels asked for (all the model's by default); an unknown one is refused, naming the model's. */
    List<String> labels(Recognizer recognizer) {
        return labels == null ? recognizer.labels() : recognizer.requireLabels(labels);
    }
}
