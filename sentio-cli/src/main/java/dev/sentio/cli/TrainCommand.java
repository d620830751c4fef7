package dev.sentio.cli;

import dev.sentio.SentioException;
import dev.sentio.corpus.Corpus;
import dev.sentio.features.FeatureConfig;
import dev.sentio.io.FeatureCache;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.Networks;
import dev.sentio.model.train.BundleTraining;
import dev.sentio.model.train.SequenceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Option(names = "--keep-calm", description = "Keep RAVDESS's calm as its own label (merged into neutral by default).")
    boolean keepCalm;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        common.speeds();
        common.checkAugmentation();
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new SentioException("--temperature must be a positive number, got " + temperature);
        }
        FeatureConfig config = choice.apply(Networks.defaultFeatures(model, common.sampleRate));
        Corpus data = CorpusFeatures.read(corpus, common.corpora, !keepCalm);
        FeatureCache features = common.featureCache(config);
        List<String> skipped = new ArrayList<>();
        List<float[][]> matrices = CorpusFeatures.extract(data, features, skipped, err);
        List<List<float[][]>> perturbed = new ArrayList<>(
                CorpusFeatures.extractPerturbed(data, features, common.speeds(), matrices, err));
        perturbed.addAll(common.noisyVersions(data, features, err));
        if (speakerNorm) {
            matrices = CorpusFeatures.bySpeaker(data, matrices);
            perturbed = perturbed.stream().map(version -> CorpusFeatures.bySpeaker(data, version)).toList();
        }
        SequenceClassifier.Settings settings = common.settings(epochs);
        err.printf("training %s on %s (%d utterances, %d speakers%s)%n", Networks.describe(model), data.name(),
                data.utterances().size() - skipped.size() + data.skipped().size(), data.speakers().size(),
                common.describeSpeeds() + common.describeAugmentation());
        Path resumable = checkpoint != null ? checkpoint : out.resolveSibling(out.getFileName() + ".checkpoint");
        if (java.nio.file.Files.exists(resumable)) {
            err.printf("resuming from %s%n", resumable);
        }
        ModelBundle bundle = BundleTraining.train(data, matrices, perturbed, model, config, settings, resumable, e -> {
            err.printf("\repoch %3d  loss %.3f  train accuracy %.3f  validation UAR %.3f  lr %.2g ", e.epoch(),
                    e.trainLoss(), e.trainAccuracy(), e.validationUar(), e.learningRate());
            err.flush();
        });
        err.println();
        if (!common.speeds().isEmpty()) {
            bundle = bundle.withProvenance("speedPerturbation", common.speeds());
        }
        if (!common.describeAugmentation().isEmpty()) {
            bundle = bundle.withProvenance("augmentation", common.describeAugmentation().substring(2));
        }
        if (!SequenceClassifier.BALANCE_CLASS.equals(settings.balance())) {
            bundle = bundle.withProvenance("balance", settings.balance());
        }
        bundle = bundle.withTemperature(temperature).withSpeakerNormalised(speakerNorm);
        bundle.save(out);
        try {
            java.nio.file.Files.deleteIfExists(resumable);
        } catch (java.io.IOException e) {
            err.printf("note: could not delete the checkpoint %s (%s)%n", resumable, e.getMessage());
        }
        err.printf("wrote %s (labels %s; validation UAR %.3f on held-out training speakers)%n", out, bundle.labels(),
                ((Number) bundle.provenance().get("validationUar")).doubleValue());
        return 0;
    }
}
