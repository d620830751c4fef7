package dev.sentio.bench;

import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.CorpusReaders;
import dev.sentio.corpus.Utterance;
import dev.sentio.evaluation.ConfusionMatrix;
import dev.sentio.model.Recognizer;
import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.stream.SyntheticRecording;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Whether a recording's running statistics help a timeline: for each speaker of a test corpus that the models never
 * saw, a long recording of that speaker's utterances (near-silence between them) is run through
 * {@link StreamingRecognizer} with a model trained without speaker normalisation and with one trained with it
 * (which then standardises each window with the recording's speech so far). UAR of the label covering most of
 * each utterance against its true emotion, predictions restricted to the test corpus's labels; beside them, per-file
 * predict with the first model and whole-session adaptation ({@code predict --adapt}) with the second.
 * {@code java -cp benchmarks.jar dev.sentio.bench.AdaptationReport CORPORA TEST PLAIN.sentio NORM.sentio [PER_SPEAKER]}
 */
public final class AdaptationReport {
    private AdaptationReport() {
    }

    public static void main(String[] args) {
        Path corpora = Path.of(args[0]);
        Corpus test = CorpusReaders.open(args[1], corpora).withCalmAsNeutral();
        int perSpeaker = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        try (Recognizer plain = Recognizer.load(Path.of(args[2])); Recognizer norm = Recognizer.load(Path.of(args[3]))) {
            List<String> labels = test.utterances().stream().map(u -> u.emotion().label()).distinct()
                    .filter(plain.labels()::contains).sorted().toList();
            Map<String, List<Utterance>> bySpeaker = new TreeMap<>();
            test.utterances().stream().filter(u -> labels.contains(u.emotion().label()))
                    .forEach(u -> bySpeaker.computeIfAbsent(u.speaker(), k -> new ArrayList<>()).add(u));
            Map<String, ConfusionMatrix> cm = new java.util.LinkedHashMap<>();
            for (String k : List.of("predict, plain model", "timeline, plain model", "predict --adapt, normalised model",
                    "timeline, normalised model (running statistics)")) {
                cm.put(k, new ConfusionMatrix(labels));
            }
            for (List<Utterance> speech : bySpeaker.values()) {
                List<Utterance> pick = new ArrayList<>(speech);
                Collections.shuffle(pick, new Random(3));
                pick = pick.subList(0, Math.min(perSpeaker, pick.size()));
                List<Path> files = pick.stream().map(Utterance::file).toList();
                List<String> truth = pick.stream().map(u -> u.emotion().label()).toList();
                SyntheticRecording rec = SyntheticRecording.build(files, truth, List.of(), new double[] {0.8, 2.0},
                        -10, 16000, 5);
                List<Recognizer.Analysis> analyses = files.stream().map(norm::analyse).toList();
                List<Recognizer.Prediction> adapted = norm.recognizeSession(analyses);
                for (int i = 0; i < files.size(); i++) {
                    add(cm.get("predict, plain model"), truth.get(i), plain.recognize(files.get(i)).restrictedTo(labels).label());
                    add(cm.get("predict --adapt, normalised model"), truth.get(i), adapted.get(i).restrictedTo(labels).label());
                }
                score(cm.get("timeline, plain model"), rec, timeline(plain, rec, labels));
                score(cm.get("timeline, normalised model (running statistics)"), rec, timeline(norm, rec, labels));
            }
            System.out.printf(Locale.ROOT, "%s, %d speakers, up to %d utterances each, labels %s%n", args[1],
                    bySpeaker.size(), perSpeaker, labels);
            cm.forEach((k, m) -> System.out.printf(Locale.ROOT, "| %s | %.3f |%n", k, m.uar()));
        }
    }

    /** One answer; none (no emotion given) counts as a wrong one. */
    private static void add(ConfusionMatrix m, String truth, String predicted) {
        int t = m.labels().indexOf(truth);
        int p = m.labels().indexOf(predicted);
        m.add(t, p >= 0 ? p : (t + 1) % m.labels().size());
    }

    private static List<StreamingRecognizer.Segment> timeline(Recognizer r, SyntheticRecording rec, List<String> labels) {
        List<StreamingRecognizer.Segment> segments = new ArrayList<>();
        StreamingRecognizer s = new StreamingRecognizer(r, rec.sampleRate(),
                StreamingRecognizer.Settings.defaults().withLabels(labels), segments::add);
        s.push(rec.samples(), 0, rec.samples().length);
        s.finish();
        return segments;
    }

    /** Each utterance's label: the emotion covering most of it (none counts as wrong). */
    private static void score(ConfusionMatrix m, SyntheticRecording rec, List<StreamingRecognizer.Segment> segments) {
        for (SyntheticRecording.Part part : rec.parts()) {
            if (!part.speech()) {
                continue;
            }
            add(m, part.label(), SyntheticRecording.coveringLabel(part, segments, true));
        }
    }
}
