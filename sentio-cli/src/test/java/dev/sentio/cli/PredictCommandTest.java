package dev.sentio.cli;

import dev.sentio.audio.TestAudioFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train then predict through the command line, on generated tones. */
class PredictCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    private record Run(int code, String out, String err) {
    }

    private static Run sentio(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = SentioCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void trainOnTones() throws IOException {
        StringBuilder manifest = new StringBuilder();
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 5; i++) {
                for (String label : List.of("sad", "happy")) {
                    double hz = (label.equals("sad") ? 140 : 420) * (1 + 0.02 * i + 0.01 * s);
                    String name = label + s + i + ".wav";
                    TestAudioFiles.write(Files.createDirectories(dir.resolve("data")), name, TestAudioFiles.wav(
                            TestAudioFiles.PCM, 16000, 16, TestAudioFiles.sine(hz, 0.3, 16000, 12000)));
                    manifest.append(name).append(',').append(label).append(",s").append(s).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("data/list.csv"), manifest);
        model = dir.resolve("m.sentio");
        Run r = sentio("train", "--corpus", dir.resolve("data/list.csv").toString(), "--model", "seed", "--epochs", "10",
                "--cache", dir.resolve("cache").toString(), "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(model));
    }

    @Test
    void csvHasFileLabelConfidenceAndOneColumnPerLabel() throws IOException {
        Path bad = dir.resolve("data/broken.wav");
        Files.writeString(bad, "no audio here");
        Run r = sentio("predict", "--model", model.toString(), dir.resolve("data").toString());
        assertEquals(2, r.code(), "one bad file among many: partial");
        List<String> lines = r.out().lines().toList();
        assertEquals("file,label,confidence,happy,sad", lines.get(0), "labels in the vocabulary's order");
        assertEquals(31, lines.size(), "header + 30 good files");
        assertTrue(r.err().contains("broken.wav: not a recognised audio file"), r.err());
        Files.delete(bad);
    }

    @Test
    void jsonNamesEveryProbability() {
        Run r = sentio("predict", "--model", model.toString(), "--format", "json", dir.resolve("data/happy00.wav").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"probabilities\""), r.out());
        assertTrue(r.out().contains("\"happy\""));
    }

    @Test
    void aDamagedModelIsOneClearLine() throws IOException {
        Path damaged = dir.resolve("damaged.sentio");
        Files.writeString(damaged, "nonsense");
        Run r = sentio("predict", "--model", damaged.toString(), dir.resolve("data/sad00.wav").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("sentio: " + damaged + ": not a Sentio model"), r.err());
    }
}
