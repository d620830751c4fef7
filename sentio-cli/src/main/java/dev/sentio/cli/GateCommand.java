package dev.sentio.cli;

import dev.sentio.app.Progress;
import dev.sentio.app.SpeechGateFitting;
import dev.sentio.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sentio gate}: a trained model with a speech gate fitted for it, written as a new model file. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Fit a model's speech gate and write the model with it: a learned check, after the model-free "
                + "one, that a recording sounds like the training corpora's speech (clean or noisy) rather than like "
                + "the given non-speech recordings. Give the corpora and augmentation the model was trained with "
                + "(as 'train --speech-gate' does it in one go)."})
final class GateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions common;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file to add a gate to.")
    Path model;

    @Option(names = "--corpus", required = true, paramLabel = "LIST",
            description = "The speech: comma-separated emodb, ravdess, tess, nemo, label folders or .csv manifests.")
    String corpus;

    @Option(names = "--non-speech", required = true, split = ",", paramLabel = "LIST",
            description = "Non-speech recordings: files, folders, or FOLDER:odd / FOLDER:even.")
    List<String> nonSpeech;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The model file to write "
            + "(atomically; it may be --model itself).")
    Path out;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        ModelBundle gated = SpeechGateFitting.addTo(ModelBundle.load(model), corpus, common.setup(), nonSpeech,
                Progress.to(err));
        gated.save(out);
        err.printf("wrote %s (speech gate: speech scores at least %.2f)%n", out, gated.speechGate().threshold());
        return 0;
    }
}
