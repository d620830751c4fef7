package dev.sentio.cli;

import dev.sentio.app.Evaluation;
import dev.sentio.app.Progress;
import dev.sentio.preprocess.NoiseMixer;
import dev.sentio.report.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sentio evaluate}: trains and tests per fold under a named protocol; speaker-independent by default. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Train and test a model per fold and report WA, UAR, macro-F1, per-class recall and the "
                + "confusion matrix, naming the protocol. Speaker-independent by default."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions common;

    @Mixin
    FeatureChoice choice;

    @Mixin
    ViewChoice views;

    @Option(names = "--corpus", required = true, paramLabel = "NAME",
            description = "emodb, ravdess, tess, nemo, a folder with one subfolder per label, or a .csv manifest (path,label[,speaker]); several comma-separated.")
    String corpus;

    @Option(names = "--protocol", defaultValue = "loso", paramLabel = "P",
            description = "loso, speaker-folds:K, cross-speaker, cross-corpus:TRAIN:TEST, leave-one-corpus-out (over the "
                    + "--corpus list), or random:K (speaker-leaking). Default: ${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--model", defaultValue = "seed", paramLabel = "NAME",
            description = "seed (LSTM(64) x 2 on the seed features), attentive (bidirectional LSTM with attention pooling, "
                    + "on the seed features + RMS + ZCR with deltas) or statistics (per-utterance mean and sd of contrast, "
                    + "chroma, 40 MFCCs, RMS and ZCR, into an MLP) or functionals (the same columns summarised by "
                    + "moments, percentiles and frame-to-frame change, into an MLP; with --speaker-norm these are "
                    + "normalised per speaker). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--preset", defaultValue = "seed-raw", paramLabel = "NAME", description = "Feature preset for the seed model. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--epochs", defaultValue = "100", paramLabel = "N", description = "Maximum epochs per fold. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--folds", paramLabel = "N", description = "Run only the first N folds (a quick look; the report says so).")
    Integer foldLimit;

    @Option(names = "--ensemble", defaultValue = "1", paramLabel = "K", description = "Train K networks per fold "
            + "(seeds seed..seed+K-1, each with its own validation speakers) and combine their probabilities by "
            + "their geometric mean, as a model file does. Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--speaker-norm", description = "Standardise each speaker's features with that speaker's own "
            + "statistics first (unsupervised; needs several utterances per speaker).")
    boolean speakerNorm;

    @Option(names = "--calm-as-neutral", description = "Merge RAVDESS's calm into neutral.")
    boolean calmAsNeutral;

    @Option(names = "--noise", split = ",", paramLabel = "LIST", description = "Also test every fold on its test "
            + "utterances with this noise mixed in: white, pink, babble (" + NoiseMixer.TALKERS + " other speakers of "
            + "the test corpus at once), or noise audio files or folders (never ones used in training: e.g. the "
            + "even-numbered files of ../shared/noise), at each --snr.")
    List<String> noise;

    @Option(names = "--snr", split = ",", paramLabel = "DB", description = "SNRs (dB) for --noise. Default: 20,10,5,0.")
    List<Double> snr = List.of(20.0, 10.0, 5.0, 0.0);

    @Option(names = "--out", paramLabel = "DIR", description = "Write report.html (with a confusion heat map and learning curves as PNG), report.md, report.json and "
            + "predictions.csv (every test utterance's probabilities, clean and under each noise) here; "
            + "finished folds are kept in DIR/folds, so a killed evaluation run again with the same options resumes.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        EvaluationReport written = Evaluation.run(new Evaluation.Request(corpus, protocol, model, preset, epochs,
                foldLimit, ensemble, speakerNorm, calmAsNeutral, noise, snr, c -> views.apply(c, choice),
                common.setup(), out == null ? null : out.resolve("folds"), views.views()), Progress.to(err));
        stdout.print(written.markdown());
        stdout.flush();
        if (out != null) {
            written.writeTo(out);
            err.printf("wrote %s (report.html with charts, report.md, report.json, predictions.csv)%n", out);
        }
        return 0;
    }
}
