package dev.sentio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sentio.SentioException;
import dev.sentio.corpus.Corpus;
import dev.sentio.evaluation.ConfusionMatrix;
import dev.sentio.evaluation.CrossCorpus;
import dev.sentio.evaluation.Fold;
import dev.sentio.evaluation.Protocol;
import dev.sentio.features.FeatureConfig;
import dev.sentio.io.FeatureCache;
import dev.sentio.io.FeatureFiles;
import dev.sentio.model.Networks;
import dev.sentio.model.data.Standardizer;
import dev.sentio.model.train.CrossValidation;
import dev.sentio.model.train.SequenceClassifier;
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

    @Option(names = "--corpus", required = true, paramLabel = "NAME",
            description = "emodb, ravdess, tess, a folder with one subfolder per label, or a .csv manifest (path,label[,speaker]); several comma-separated.")
    String corpus;

    @Option(names = "--protocol", defaultValue = "loso", paramLabel = "P",
            description = "loso, speaker-folds:K, cross-speaker, cross-corpus:TRAIN:TEST, or random:K (speaker-leaking). Default: ${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--model", defaultValue = "seed", paramLabel = "NAME",
            description = "seed (LSTM(64) x 2 on the seed features) or attentive (bidirectional LSTM with attention pooling, "
                    + "on the seed features + RMS + ZCR with deltas). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--preset", defaultValue = "seed-raw", paramLabel = "NAME", description = "Feature preset for the seed model. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--epochs", defaultValue = "100", paramLabel = "N", description = "Maximum epochs per fold. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--folds", paramLabel = "N", description = "Run only the first N folds (a quick look; the report says so).")
    Integer foldLimit;

    @Option(names = "--speaker-norm", description = "Standardise each speaker's features with that speaker's own "
            + "statistics first (unsupervised; needs several utterances per speaker).")
    boolean speakerNorm;

    @Option(names = "--calm-as-neutral", description = "Merge RAVDESS's calm into neutral.")
    boolean calmAsNeutral;

    @Option(names = "--out", paramLabel = "DIR", description = "Write report.json and report.md here.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        FeatureConfig config = model.equals("seed") ? FeatureConfig.preset(preset).withSampleRate(common.sampleRate)
                : Networks.defaultFeatures(model, common.sampleRate);
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
        List<String> skipped = new ArrayList<>();
        List<float[][]> matrices = CorpusFeatures.extract(data, features, skipped, err);
        if (speakerNorm) {
            matrices = Standardizer.bySpeaker(data.utterances().stream().map(u -> u.speaker()).toList(), matrices);
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
        CrossValidation.Report report = CrossValidation.run(data, matrices, folds, description, independent,
                classes -> Networks.create(model, classes), settings, log);
        String markdown = markdown(report, skipped, modelName());
        stdout.print(markdown);
        stdout.flush();
        if (out != null) {
            String json = json(report, skipped, config, modelName());
            FeatureFiles.writeAtomically(out.resolve("report.json"), o -> o.write(json.getBytes(StandardCharsets.UTF_8)));
            FeatureFiles.writeAtomically(out.resolve("report.md"), o -> o.write(markdown.getBytes(StandardCharsets.UTF_8)));
        }
        return 0;
    }

    private Corpus read(String name) {
        return CorpusFeatures.read(name, common.corpora, calmAsNeutral);
    }

    private String modelName() {
        return Networks.describe(model);
    }

    static String markdown(CrossValidation.Report r, List<String> skipped, String modelName) {
        StringBuilder b = new StringBuilder();
        b.append("# Evaluation: ").append(r.corpus()).append("\n\n");
        b.append("Protocol: **").append(r.protocol()).append("**. Model: ").append(modelName).append(".\n\n");
        if (!r.speakerIndependent()) {
            b.append("**Warning: speakers appear in both training and test sets; these figures overstate accuracy "
                    + "on new speakers.**\n\n");
        }
        ConfusionMatrix p = r.pooled();
        b.append(String.format("| figure | pooled over folds | mean +- sd over %d folds |%n|---|---|---|%n", r.folds().size()));
        b.append(String.format("| UAR | %.3f | %.3f +- %.3f |%n", p.uar(), r.meanUar(), r.sdUar()));
        b.append(String.format("| WA | %.3f | %.3f +- %.3f |%n", p.accuracy(), r.meanWa(), r.sdWa()));
        b.append(String.format("| macro-F1 | %.3f | - |%n%n", p.macroF1()));
        b.append("| class | precision | recall |\n|---|---|---|\n");
        for (int i = 0; i < r.labels().size(); i++) {
            b.append(String.format("| %s | %.3f | %.3f |%n", r.labels().get(i), p.precision(i), p.recall(i)));
        }
        b.append("\nConfusion matrix (rows: truth, columns: prediction)\n\n| |");
        r.labels().forEach(l -> b.append(' ').append(l).append(" |"));
        b.append("\n|---|");
        r.labels().forEach(l -> b.append("---|"));
        b.append('\n');
        for (int i = 0; i < r.labels().size(); i++) {
            b.append("| ").append(r.labels().get(i)).append(" |");
            for (int j = 0; j < r.labels().size(); j++) {
                b.append(' ').append(p.count(i, j)).append(" |");
            }
            b.append('\n');
        }
        b.append("\n| fold | UAR | WA | epochs | validation |\n|---|---|---|---|---|\n");
        for (CrossValidation.FoldResult f : r.folds()) {
            b.append(String.format("| %s | %.3f | %.3f | %d | %s |%n", f.fold(), f.confusion().uar(),
                    f.confusion().accuracy(), f.epochs(), f.validation()));
        }
        if (!skipped.isEmpty()) {
            b.append("\nSkipped files: ").append(skipped.size()).append('\n');
        }
        return b.toString();
    }

    private static String json(CrossValidation.Report r, List<String> skipped, FeatureConfig config, String modelName) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("corpus", r.corpus());
        root.put("protocol", r.protocol());
        root.put("speakerIndependent", r.speakerIndependent());
        root.put("model", modelName);
        root.set("featureConfig", om.valueToTree(config));
        root.putPOJO("labels", r.labels());
        ObjectNode pooled = root.putObject("pooled");
        pooled.put("uar", r.pooled().uar());
        pooled.put("wa", r.pooled().accuracy());
        pooled.put("macroF1", r.pooled().macroF1());
        ArrayNode matrix = pooled.putArray("confusion");
        for (int i = 0; i < r.labels().size(); i++) {
            ArrayNode row = matrix.addArray();
            for (int j = 0; j < r.labels().size(); j++) {
                row.add(r.pooled().count(i, j));
            }
        }
        root.put("meanUar", r.meanUar());
        root.put("sdUar", r.sdUar());
        root.put("meanWa", r.meanWa());
        root.put("sdWa", r.sdWa());
        ArrayNode folds = root.putArray("folds");
        for (CrossValidation.FoldResult f : r.folds()) {
            ObjectNode n = folds.addObject();
            n.put("fold", f.fold());
            n.put("uar", f.confusion().uar());
            n.put("wa", f.confusion().accuracy());
            n.put("epochs", f.epochs());
            n.put("validation", f.validation());
        }
        root.putPOJO("skipped", skipped);
        try {
            return om.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
