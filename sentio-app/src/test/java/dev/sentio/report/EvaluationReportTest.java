package dev.sentio.report;

import dev.sentio.app.Evaluation;
import dev.sentio.app.Progress;
import dev.sentio.app.TrainingSetup;
import dev.sentio.vad.TestSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationReportTest {
    @TempDir
    Path dir;

    private EvaluationReport evaluate(Path manifest) {
        return evaluate(manifest, new StringWriter());
    }

    private EvaluationReport evaluate(Path manifest, StringWriter log) {
        TrainingSetup setup = new TrainingSetup(dir, 16000, 3, dir.resolve("cache"), List.of(), "class", null,
                List.of(0.0), false);
        return Evaluation.run(new Evaluation.Request(manifest.toString(), "loso", "statistics", "seed", 6, null, 1,
                false, false, List.of("white"), List.of(10.0), c -> c, setup, dir.resolve("out/folds")),
                Progress.to(new PrintWriter(log, true)));
    }

    /**
     * predictions.csv has one row per test utterance clean and one per noise variant, each utterance tested exactly
     * once per variant in a speaker-independent protocol, with probabilities that sum to one and whose largest is
     * the predicted label; and a resumed run (every fold read back from its checkpoint) writes the same rows.
     */
    @Test
    void predictionsListEveryTestUtteranceOncePerTestAudio() throws Exception {
        Path manifest = TestSignals.toyCorpus(dir, "sad", "happy", 3, 3);
        EvaluationReport report = evaluate(manifest);
        report.writeTo(dir.resolve("out"));
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(EvaluationReport.PREDICTIONS_CSV));
        List<String> labels = report.result().labels();
        assertEquals("fold,file,speaker,corpus,test_audio,truth,predicted,"
                + String.join(",", labels.stream().map(l -> "p_" + l).toList()), lines.get(0));
        int utterances = 3 * 3 * 2;
        assertEquals(1 + 2 * utterances, lines.size(), "every utterance clean and at 10 dB");
        Set<String> clean = new HashSet<>();
        Set<String> noisy = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(7 + labels.size(), f.length, line);
            assertTrue(f[0].contains(f[2]), "the speaker is tested in its own fold: " + line);
            assertTrue((f[4].equals("clean") ? clean : noisy).add(f[1]), "tested twice: " + line);
            double[] p = Arrays.stream(f, 7, f.length).mapToDouble(Double::parseDouble).toArray();
            assertEquals(1.0, Arrays.stream(p).sum(), 1e-4, line);
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                best = p[k] > p[best] ? k : best;
            }
            assertEquals(labels.get(best), f[6], line);
            assertTrue(Path.of(f[1]).getFileName().toString().startsWith(f[5]), "the toy file's name is its label: " + line);
        }
        assertEquals(utterances, clean.size());
        assertEquals(clean, noisy);
        StringWriter log = new StringWriter();
        String resumed = evaluate(manifest, log).predictionsCsv();
        assertEquals(String.join("\n", lines) + "\n", resumed, "read back from the fold checkpoints");
        assertEquals(3, log.toString().split("finished earlier", -1).length - 1, "all three folds read back: " + log);
        // folds saved by another build of the code are trained again, never mixed into this build's report
        try (var files = Files.list(dir.resolve("out/folds"))) {
            for (Path fold : files.toList()) {
                Files.writeString(fold, Files.readString(fold).replaceAll("build [^\"]+\"", "build another\""));
            }
        }
        StringWriter again = new StringWriter();
        assertEquals(resumed, evaluate(manifest, again).predictionsCsv(), "the same networks, trained again");
        assertFalse(again.toString().contains("finished earlier"), again.toString());
    }
}
