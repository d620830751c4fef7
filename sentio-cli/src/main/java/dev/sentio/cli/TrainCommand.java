package dev.sentio.cli;

import dev.sentio.app.Progress;
import dev.sentio.app.Training;
import dev.sentio.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sentio train}: one model on whole corpora, written as one model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on whole corpora and write it as one model file (for speaker-independent "
                + "figures use 'sentio evaluate')."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions common;

    @Mixin
    FeatureChoice choice;

    @Mixin
    ViewChoice views;

    @Option(names = "--corpus", required = true, paramLabel = "LIST",
            description = "Comma-separated: emodb, ravdess, tess, nemo, label folders or .csv manifests.")
    String corpus;

    @Option(names = "--model", defaultValue = "functionals", paramLabel = "NAME", description = "seed, attentive, statistics or functionals. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The model file to write (atomically).")
    Path out;

    @Option(names = "--epochs", defaultValue = "60", paramLabel = "N", description = "Maximum epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Saved after every epoch; a killed run started "
            + "again with the same options resumes from it and ends as an uninterrupted run would. Deleted once the "
            + "model file is written. Default: the model file's name + .checkpoint.")
    Path checkpoint;

    @Option(names = "--temperature", defaultValue = "1", paramLabel = "T", description = "Temperature scaling of the "
            + "model's probabilities, p^(1/T) renormalised: use the temperature an evaluation report gives (fitted on "
            + "held-out test predictions, e.g. of leave-one-corpus-out). Default: ${DEFAULT-VALUE} (none).")
    double temperature;

    @Option(names = "--speaker-norm", description = "Standardise each training speaker's features with that speaker's "
            + "own statistics: the model then predicts for recordings of one speaker or session together "
            + "(predict --adapt), not for single files.")
    boolean speakerNorm;

    @Option(names = "--ensemble", defaultValue = "1", paramLabel = "K", description = "Train K networks (seeds "
            + "seed..seed+K-1, each with its own validation speakers) into one model, their probabilities combined "
            + "by their geometric mean: as evaluate --ensemble measures it. Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--speech-gate", split = ",", paramLabel = "LIST", description = "Non-speech recordings (files, "
            + "folders, FOLDER:odd) to fit the model's speech gate against: a learned check, after the model-free "
            + "one, that turns away background sounds the model-free check takes for a voice (see 'sentio gate').")
    List<String> speechGate;

    @Option(names = "--keep-calm", description = "Keep RAVDESS's calm as its own label (merged into neutral by default).")
    boolean keepCalm;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ModelBundle bundle = Training.run(new Training.Request(corpus, model, epochs, out, checkpoint, temperature,
                speakerNorm, keepCalm, c -> views.apply(c, choice), common.setup(), ensemble, speechGate,
                views.views()), Progress.to(err));
        err.printf("wrote %s (labels %s; validation UAR %.3f on held-out training speakers)%n", out, bundle.labels(),
                ((Number) bundle.provenance().get("validationUar")).doubleValue());
        return 0;
    }
}
