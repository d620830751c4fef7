package dev.sentio.cli;

import dev.sentio.SentioException;
import dev.sentio.corpus.Corpus;
import dev.sentio.evaluation.CrossCorpus;
import dev.sentio.evaluation.Fold;
import dev.sentio.evaluation.LeaveOneCorpusOut;
import dev.sentio.evaluation.Protocol;
import dev.sentio.features.FeatureConfig;
import dev.sentio.io.FeatureCache;
import dev.sentio.model.Networks;
import dev.sentio.model.train.CrossValidation;
import dev.sentio.model.train.FoldCheckpoints;
import dev.sentio.model.train.SequenceClassifier;
import dev.sentio.report.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
            + "(seeds seed..seed+K-1, each with its own validation speakers) and average their probabilities. "
            + "Default: ${DEFAULT-VALUE}.")
    int ensemble;

    @Option(names = "--speaker-norm", description = "Standardise each speaker's features with that speaker's own "
            + "statistics first (unsupervised; needs several utterances per speaker).")
    boolean speakerNorm;

    @Option(names = "--calm-as-neutral", description = "Merge RAVDESS's calm into neutral.")
    boolean calmAsNeutral;

    @Option(names = "--noise", split = ",", paramLabel = "LIST", description = "Also test every fold on its test "
            + "utterances with this noise mixed in: white, pink, or noise audio files or folders (never ones used in "
            + "training: e.g. the even-numbered files of ../shared/noise), at each --snr.")
    List<String> noise;

    @Option(names = "--snr", split = ",", paramLabel = "DB", description = "SNRs (dB) for --noise. Default: 20,10,5,0.")
    List<Double> snr = List.of(20.0, 10.0, 5.0, 0.0);

    @Option(names = "--out", paramLabel = "DIR", description = "Write report.html (with a confusion heat map and learning curves as PNG), report.md and report.json here; "
            + "finished folds are kept in DIR/folds, so a killed evaluation run again with the same options resumes.")
    Path out;

    @Override
    public Integer call() {
        if (ensemble < 1) {
            throw new SentioException("--ensemble needs at least 1 network, got " + ensemble);
        }
        common.speeds();
        common.checkAugmentation();
        dev.sentio.preprocess.NoiseMixer testNoise = noise == null ? null : dev.sentio.preprocess.NoiseMixer.of(noise);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        FeatureConfig config = choice.apply(model.equals("seed")
                ? FeatureConfig.preset(preset).withSampleRate(common.sampleRate)
                : Networks.defaultFeatures(model, common.sampleRate));
        FeatureCache features = common.featureCache(config);
        Corpus data;
        List<Fold> folds;
        String description;
        boolean independent;
        if (protocol.startsWith("cross-corpus:")) {
            String[] parts = protocol.split(":");
            if (parts.length != 3) {
                throw new SentioException("cross-corpus needs cross-corpus:TRAIN:TEST, got '" + protocol + "'");
            }
            CrossCorpus x = CrossCorpus.of(read(parts[1]), read(parts[2]));
            data = x.combined();
            folds = List.of(x.fold());
            description = CrossCorpus.describe(parts[1], parts[2]);
            independent = true;
        } else if (protocol.equals(LeaveOneCorpusOut.NAME)) {
            List<Corpus> parts = java.util.Arrays.stream(corpus.split(",")).map(String::trim).map(this::read).toList();
            data = Corpus.concat(parts);
            folds = LeaveOneCorpusOut.folds(parts);
            description = LeaveOneCorpusOut.describe(parts);
            independent = true;
        } else {
            data = read(corpus);
            Protocol p = Protocol.parse(protocol);
            folds = p.folds(data);
            description = p.describe();
            independent = p.speakerIndependent();
        }
        if (foldLimit != null && foldLimit < folds.size()) {
            folds = folds.subList(0, foldLimit);
            description += ", first " + foldLimit + " folds only";
        }
        if (speakerNorm && data.speakers().size() == data.utterances().size()) {
            throw new SentioException("--speaker-norm needs several recordings per speaker, but every utterance of "
                    + data.name() + " has a speaker of its own (give speakers in a manifest: path,label,speaker)");
        }
        List<String> skipped = new ArrayList<>();
        List<float[][]> matrices = CorpusFeatures.extract(data, features, skipped, err);
        List<List<float[][]>> perturbed = new ArrayList<>(
                CorpusFeatures.extractPerturbed(data, features, common.speeds(), matrices, err));
        perturbed.addAll(common.noisyVersions(data, features, err));
        description += common.describeSpeeds() + common.describeAugmentation();
        java.util.Map<String, List<float[][]>> variants = new java.util.LinkedHashMap<>();
        if (testNoise != null) {
            for (double s : snr) {
                err.printf("features of the test utterances with %s at %s dB%n", testNoise.describe(), s);
                err.flush();
                variants.put(dev.sentio.preprocess.NoiseMixer.snrName(s),
                        CorpusFeatures.extractNoisy(data, features, testNoise, f -> s, err));
            }
            description += "; also tested with " + testNoise.describe() + " at " + snr + " dB SNR";
        }
        if (speakerNorm) {
            matrices = CorpusFeatures.bySpeaker(data, matrices);
            // each speed or noisy copy is a voice of its own, normalised with its own statistics
            perturbed = perturbed.stream().map(version -> CorpusFeatures.bySpeaker(data, version)).toList();
            variants.replaceAll((name, version) -> CorpusFeatures.bySpeaker(data, version));
            description += ", speaker-normalised features";
        }
        err.printf("%s, %s: %d folds%n", data.name(), description, folds.size());
        SequenceClassifier.Settings settings = common.settings(epochs);
        java.io.PrintStream log = new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                err.write(b);
                if (b == '\n') {
                    err.flush();
                }
            }
        }, true, StandardCharsets.UTF_8);
        FoldCheckpoints finished = null;
        if (out != null) {
            // everything that decides a fold's outcome; a different run never reuses these folds
            String run = String.join("\n", data.name(), description, model, Integer.toString(ensemble),
                    settings.toString(), config.toJson(), Integer.toString(data.utterances().size()),
                    Integer.toString(skipped.size()));
            finished = new FoldCheckpoints(out.resolve("folds"), run);
        }
        CrossValidation.Report report = CrossValidation.run(data, matrices, perturbed, variants, folds, description,
                independent, classes -> Networks.create(model, classes), settings, ensemble, finished, log);
        String modelName = Networks.describe(model) + (ensemble > 1 ? ", ensemble of " + ensemble : "");
        EvaluationReport written = new EvaluationReport(report, skipped, config, modelName);
        stdout.print(written.markdown());
        stdout.flush();
        if (out != null) {
            written.writeTo(out);
            err.printf("wrote %s (report.html with charts, report.md, report.json)%n", out);
        }
        return 0;
    }

    private Corpus read(String name) {
        return CorpusFeatures.read(name, common.corpora, calmAsNeutral);
    }
}
