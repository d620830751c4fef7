package dev.sentio.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sentio.corpus.Utterance;
import dev.sentio.evaluation.ConfusionMatrix;
import dev.sentio.features.FeatureConfig;
import dev.sentio.io.FeatureFiles;
import dev.sentio.model.train.CrossValidation;
import dev.sentio.stream.TimelineFormat;

import java.util.Locale;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One evaluation, told five ways: Markdown (printed and saved), JSON (for scripts), HTML with PNG charts (a
 * confusion heat map and learning curves, for people), and every test prediction as CSV (for significance tests
 * and for combining models after the fact). Every form names the protocol and warns when speakers leak between
 * training and test.
 *
 * @param utterances the evaluated corpus's utterances, which the folds' test indices point into
 */
public record EvaluationReport(CrossValidation.Report result, List<String> skipped, FeatureConfig features,
                               String modelName, List<Utterance> utterances) {
    public static final String PREDICTIONS_CSV = "predictions.csv";
    public static final String CONFUSION_PNG = "confusion.png";
    public static final String VALIDATION_PNG = "learning-validation-uar.png";
    public static final String LOSS_PNG = "learning-loss.png";
    public static final String NOISE_PNG = "noise.png";
    private static final String LEAK_WARNING = "Warning: speakers appear in both training and test sets; these "
            + "figures overstate accuracy on new speakers.";

    public EvaluationReport {
        skipped = List.copyOf(skipped);
        utterances = List.copyOf(utterances);
    }

    /**
     * Writes report.md, report.json, predictions.csv, report.html and its PNG charts into {@code dir}, each
     * atomically.
     */
    public void writeTo(Path dir) {
        write(dir.resolve("report.md"), markdown().getBytes(StandardCharsets.UTF_8));
        write(dir.resolve("report.json"), json().getBytes(StandardCharsets.UTF_8));
        write(dir.resolve(PREDICTIONS_CSV), predictionsCsv().getBytes(StandardCharsets.UTF_8));
        write(dir.resolve(CONFUSION_PNG), ReportCharts.confusionHeatMap(result.pooled(),
                "Pooled confusion: " + result.corpus()));
        write(dir.resolve(VALIDATION_PNG), ReportCharts.validationCurves(result.folds()));
        write(dir.resolve(LOSS_PNG), ReportCharts.lossCurves(result.folds()));
        if (!result.variants().isEmpty()) {
            List<String> names = new java.util.ArrayList<>(List.of("clean"));
            List<Double> uars = new java.util.ArrayList<>(List.of(result.meanUar()));
            for (String v : result.variants()) {
                names.add(v);
                uars.add(result.meanUar(v));
            }
            write(dir.resolve(NOISE_PNG), ReportCharts.bars("Mean UAR over folds, test audio clean and with noise",
                    "test audio", "UAR", names, uars));
        }
        write(dir.resolve("report.html"), html().getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] bytes) {
        FeatureFiles.writeAtomically(file, o -> o.write(bytes));
    }

    public String markdown() {
        CrossValidation.Report r = result;
        StringBuilder b = new StringBuilder();
        b.append("# Evaluation: ").append(r.corpus()).append("\n\n");
        b.append("Protocol: **").append(r.protocol()).append("**. Model: ").append(modelName).append(".\n\n");
        if (!r.speakerIndependent()) {
            b.append("**").append(LEAK_WARNING).append("**\n\n");
        }
        ConfusionMatrix p = r.pooled();
        b.append(String.format(Locale.ROOT, "| figure | pooled over folds | mean +- sd over %d folds |%n|---|---|---|%n", r.folds().size()));
        b.append(String.format(Locale.ROOT, "| UAR | %.3f | %.3f +- %.3f |%n", p.uar(), r.meanUar(), r.sdUar()));
        b.append(String.format(Locale.ROOT, "| WA | %.3f | %.3f +- %.3f |%n", p.accuracy(), r.meanWa(), r.sdWa()));
        b.append(String.format(Locale.ROOT, "| macro-F1 | %.3f | - |%n", p.macroF1()));
        calibrationRows().forEach(row -> b.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | - |\n"));
        b.append('\n');
        b.append("| class | precision | recall |\n|---|---|---|\n");
        for (int i = 0; i < r.labels().size(); i++) {
            b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f |%n", r.labels().get(i), p.precision(i), p.recall(i)));
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
        b.append("\n| fold | UAR | WA | ECE | temperature | labels | epochs | validation |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (CrossValidation.FoldResult f : r.folds()) {
            b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.2f | %d | %d | %s |%n", f.fold(),
                    f.confusion().uar(), f.confusion().accuracy(), f.calibrated().ece(), f.temperature(),
                    f.confusion().labels().size(), f.epochs(), f.validation()));
        }
        if (!r.variants().isEmpty()) {
            b.append("\nUnder noise (the same networks, test utterances mixed with noise):\n\n"
                    + "| test audio | UAR pooled | mean UAR over folds |\n|---|---|---|\n");
            noiseRows().forEach(row -> b.append("| ").append(String.join(" | ", row)).append(" |\n"));
        }
        if (!skipped.isEmpty()) {
            b.append("\nSkipped files: ").append(skipped.size()).append('\n');
        }
        return b.toString();
    }

    public String json() {
        CrossValidation.Report r = result;
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("corpus", r.corpus());
        root.put("protocol", r.protocol());
        root.put("speakerIndependent", r.speakerIndependent());
        root.put("model", modelName);
        root.set("featureConfig", om.valueToTree(features));
        root.putPOJO("labels", r.labels());
        ObjectNode pooled = root.putObject("pooled");
        pooled.put("uar", r.pooled().uar());
        pooled.put("wa", r.pooled().accuracy());
        pooled.put("macroF1", r.pooled().macroF1());
        pooled.set("confusion", om.valueToTree(r.pooled().counts()));
        pooled.put("ece", r.calibrated().ece());
        pooled.put("eceRaw", r.raw().ece());
        if (r.temperature() != null) {
            pooled.put("eceCrossFold", r.crossFold().ece());
            pooled.put("temperature", r.temperature());
            pooled.put("eceCrossFoldBalanced", r.crossFoldBalanced().ece());
            pooled.put("temperatureBalanced", r.temperatureBalanced());
        }
        pooled.set("reliability", om.valueToTree(r.calibrated().bins()));
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
            n.putPOJO("labels", f.confusion().labels());
            n.put("ece", f.calibrated().ece());
            n.put("eceRaw", f.raw().ece());
            n.put("temperature", f.temperature());
            n.put("epochs", f.epochs());
            n.put("validation", f.validation());
            n.set("history", om.valueToTree(f.history()));
        }
        ObjectNode noisy = root.putObject("noise");
        for (String v : r.variants()) {
            ObjectNode n = noisy.putObject(v);
            ConfusionMatrix pooledNoisy = pooledVariant(v);
            n.put("uar", pooledNoisy.uar());
            n.put("meanUar", r.meanUar(v));
            n.set("confusion", om.valueToTree(pooledNoisy.counts()));
        }
        root.putPOJO("skipped", skipped);
        try {
            return om.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One row per test utterance and test audio (clean, then each noise variant): its fold, file, speaker, corpus,
     * true and predicted label, and its probabilities as the networks give them (an ensemble combined, before
     * temperature scaling), one column per label of the report; empty for labels its fold was not tested on.
     */
    public String predictionsCsv() {
        CrossValidation.Report r = result;
        StringBuilder b = new StringBuilder("fold,file,speaker,corpus,test_audio,truth,predicted");
        r.labels().forEach(l -> b.append(",p_").append(l));
        b.append('\n');
        for (CrossValidation.FoldResult f : r.folds()) {
            predictionRows(b, f, "clean", f.probabilities());
            f.variantProbabilities().forEach((name, p) -> predictionRows(b, f, name, p));
        }
        return b.toString();
    }

    private void predictionRows(StringBuilder b, CrossValidation.FoldResult f, String audio, float[][] p) {
        List<String> foldLabels = f.confusion().labels();
        for (int i = 0; i < p.length; i++) {
            Utterance u = utterances.get(f.utterances()[i]);
            b.append(TimelineFormat.csv(f.fold())).append(',').append(TimelineFormat.csv(u.file().toString()))
                    .append(',').append(TimelineFormat.csv(u.speaker())).append(',').append(TimelineFormat.csv(u.corpus()))
                    .append(',').append(TimelineFormat.csv(audio)).append(',').append(foldLabels.get(f.truth()[i]))
                    .append(',').append(foldLabels.get(dev.sentio.evaluation.Probabilities.argMax(p[i])));
            for (String label : result.labels()) {
                int k = foldLabels.indexOf(label);
                b.append(',');
                if (k >= 0) {
                    b.append(String.format(Locale.ROOT, "%.6f", p[i][k]));
                }
            }
            b.append('\n');
        }
    }

    public String html() {
        CrossValidation.Report r = result;
        ConfusionMatrix p = r.pooled();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sentio evaluation: ")
                .append(escape(r.corpus())).append("</title>\n<style>body{font-family:sans-serif;max-width:60em;"
                        + "margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px "
                        + "solid #ccc;padding:.3em .6em;text-align:right}th:first-child,td:first-child{text-align:left}"
                        + ".warn{background:#fee;border:1px solid #c00;padding:.6em}img{max-width:100%}</style></head>"
                        + "<body>\n");
        b.append("<h1>Evaluation: ").append(escape(r.corpus())).append("</h1>\n");
        b.append("<p>Protocol: <strong>").append(escape(r.protocol())).append("</strong>. Model: ")
                .append(escape(modelName)).append(".</p>\n");
        if (!r.speakerIndependent()) {
            b.append("<p class=\"warn\">").append(escape(LEAK_WARNING)).append("</p>\n");
        }
        b.append(String.format(Locale.ROOT, "<table><tr><th>figure</th><th>pooled over folds</th><th>mean &plusmn; sd over %d "
                + "folds</th></tr>%n", r.folds().size()));
        b.append(String.format(Locale.ROOT, "<tr><td>UAR</td><td>%.3f</td><td>%.3f &plusmn; %.3f</td></tr>%n", p.uar(), r.meanUar(), r.sdUar()));
        b.append(String.format(Locale.ROOT, "<tr><td>WA</td><td>%.3f</td><td>%.3f &plusmn; %.3f</td></tr>%n", p.accuracy(), r.meanWa(), r.sdWa()));
        b.append(String.format(Locale.ROOT, "<tr><td>macro-F1</td><td>%.3f</td><td>-</td></tr>%n", p.macroF1()));
        calibrationRows().forEach(row -> b.append("<tr><td>").append(escape(row[0])).append("</td><td>").append(row[1])
                .append("</td><td>-</td></tr>\n"));
        b.append("</table>\n");
        b.append("<h2>Confusion</h2>\n<p><img src=\"").append(CONFUSION_PNG)
                .append("\" alt=\"pooled confusion matrix, each row as shares of its true class\"></p>\n");
        b.append("<table><tr><th>class</th><th>precision</th><th>recall</th><th>utterances</th></tr>\n");
        for (int i = 0; i < r.labels().size(); i++) {
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.3f</td><td>%d</td></tr>%n",
                    escape(r.labels().get(i)), p.precision(i), p.recall(i), p.support(i)));
        }
        b.append("</table>\n<h2>Folds</h2>\n<table><tr><th>fold</th><th>UAR</th><th>WA</th><th>ECE</th>"
                + "<th>temperature</th><th>labels</th><th>epochs</th><th>validation</th></tr>\n");
        for (CrossValidation.FoldResult f : r.folds()) {
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.2f</td>"
                            + "<td>%s</td><td>%d</td><td>%s</td></tr>%n", escape(f.fold()), f.confusion().uar(),
                    f.confusion().accuracy(), f.calibrated().ece(), f.temperature(),
                    escape(String.join(", ", f.confusion().labels())), f.epochs(), escape(f.validation())));
        }
        if (!r.variants().isEmpty()) {
            b.append("</table>\n<h2>Under noise</h2>\n<p>The same networks, their test utterances mixed with noise."
                    + "</p>\n<p><img src=\"").append(NOISE_PNG).append("\" alt=\"UAR against SNR\"></p>\n"
                    + "<table><tr><th>test audio</th><th>UAR pooled</th><th>mean UAR over folds</th></tr>\n");
            noiseRows().forEach(row -> b.append("<tr><td>").append(escape(row[0])).append("</td><td>").append(row[1])
                    .append("</td><td>").append(row[2]).append("</td></tr>\n"));
        }
        b.append("</table>\n<h2>Learning curves</h2>\n<p>One line per fold: its first network (the one trained "
                + "with the given seed, where the fold trains an ensemble).</p>\n<p><img src=\"").append(VALIDATION_PNG)
                .append("\" alt=\"validation UAR per epoch, one line per fold\"></p>\n<p><img src=\"").append(LOSS_PNG)
                .append("\" alt=\"training loss per epoch, one line per fold\"></p>\n");
        if (!skipped.isEmpty()) {
            b.append("<h2>Skipped files</h2>\n<ul>\n");
            skipped.forEach(s -> b.append("<li>").append(escape(s)).append("</li>\n"));
            b.append("</ul>\n");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    /** The calibration figures, as (figure, value) rows, for every form of the report. */
    private List<String[]> calibrationRows() {
        CrossValidation.Report r = result;
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"ECE (15 bins), temperature-scaled on validation speakers",
                String.format(Locale.ROOT, "%.3f", r.calibrated().ece())});
        rows.add(new String[] {"ECE, raw network output", String.format(Locale.ROOT, "%.3f", r.raw().ece())});
        if (r.temperature() != null) {
            rows.add(new String[] {"ECE, temperature fitted on the other folds' test predictions",
                    String.format(Locale.ROOT, "%.3f", r.crossFold().ece())});
            rows.add(new String[] {"temperature fitted on all folds' test predictions",
                    String.format(Locale.ROOT, "%.2f", r.temperature())});
            rows.add(new String[] {"ECE, temperature fitted on the other folds' test predictions, each fold weighing "
                    + "the same", String.format(Locale.ROOT, "%.3f", r.crossFoldBalanced().ece())});
            rows.add(new String[] {"temperature fitted on all folds' test predictions, each fold weighing the same",
                    String.format(Locale.ROOT, "%.2f", r.temperatureBalanced())});
        }
        return rows;
    }

    /** UAR clean and under each noise, as (test audio, pooled, mean over folds) rows. */
    private List<String[]> noiseRows() {
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"clean", String.format(Locale.ROOT, "%.3f", result.pooled().uar()),
                String.format(Locale.ROOT, "%.3f", result.meanUar())});
        for (String v : result.variants()) {
            rows.add(new String[] {v + " SNR", String.format(Locale.ROOT, "%.3f", pooledVariant(v).uar()),
                    String.format(Locale.ROOT, "%.3f", result.meanUar(v))});
        }
        return rows;
    }

    /** The confusion on test variant {@code name}, pooled over folds. */
    private ConfusionMatrix pooledVariant(String name) {
        ConfusionMatrix m = new ConfusionMatrix(result.labels());
        result.folds().forEach(f -> m.addByLabel(f.variants().get(name)));
        return m;
    }

    /** Text for HTML. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
