package dev.sentio.cli;

import dev.sentio.audio.TestAudioFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    /** Three labels of six tones each, in one folder per label. */
    private void labelledTones() throws IOException {
        String[] labels = {"angry", "sad", "neutral"};
        double[] pitch = {300, 120, 200};
        for (int c = 0; c < 3; c++) {
            Files.createDirectories(dir.resolve("data").resolve(labels[c]));
            for (int i = 0; i < 6; i++) {
                float[] y = TestAudioFiles.sine(pitch[c] * (1 + 0.02 * i), 0.2 + 0.05 * c, 16000, 8000);
                TestAudioFiles.write(dir.resolve("data").resolve(labels[c]), "u" + i + ".wav",
                        TestAudioFiles.wav(TestAudioFiles.PCM, 16000, 16, y));
            }
        }
    }

    private static long cached(Path cache, String suffix) throws IOException {
        try (var files = Files.walk(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
        }
    }

    @Test
    void functionalsWithSpeedPerturbationSayWhatTheyTrainedOn() throws IOException {
        labelledTones();
        Path cache = dir.resolve("cache");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SentioCli.run("evaluate", "--corpus", dir.resolve("data").toString(), "--protocol", "random:2",
                    "--epochs", "2", "--model", "functionals", "--speed-perturb", "0.9,1.1", "--cache", cache.toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        String md = out.toString(StandardCharsets.UTF_8);
        assertTrue(md.contains("training data also at speeds 0.9, 1.1"), md);
        assertTrue(md.contains("utterance functionals"), md);
        assertEquals(18, cached(cache, "-speed90.bin"), "every utterance at 0.9, cached");
        assertEquals(18, cached(cache, "-speed110.bin"));
        assertEquals(54, cached(cache, ".bin"));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = SentioCli.run("evaluate", "--corpus", dir.resolve("data").toString(), "--protocol", "random:2",
                    "--model", "functionals", "--speed-perturb", "3", "--cache", cache.toString());
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(code != 0);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("speed perturbation 3.0 must be between 0.5 and 2"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void speakerNormalisationWithoutSpeakersIsRefused() throws IOException {
        labelledTones(); // a label folder: no speaker ids, so each file is its own speaker
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SentioCli.run("evaluate", "--corpus", dir.resolve("data").toString(), "--protocol", "random:2",
                    "--model", "functionals", "--speaker-norm", "--cache", dir.resolve("cache").toString());
        } finally {
            System.setErr(oldErr);
        }
        assertTrue(code != 0);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--speaker-norm needs several recordings per speaker"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void randomFoldsAreReportedAsSpeakerLeaking() throws IOException {
        labelledTones();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SentioCli.run("evaluate", "--corpus", dir.resolve("data").toString(), "--protocol", "random:2",
                    "--epochs", "2", "--model", "statistics", "--ensemble", "2", "--cache", dir.resolve("cache").toString(), "--out", dir.resolve("report").toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        String md = out.toString(StandardCharsets.UTF_8);
        assertTrue(md.contains("SPEAKER-LEAKING"), md);
        assertTrue(md.contains("Warning: speakers appear in both"), md);
        assertTrue(md.contains("ensemble of 2"), md);
        String json = Files.readString(dir.resolve("report/report.json"));
        assertTrue(json.contains("\"speakerIndependent\" : false"), json);
        assertTrue(json.contains("\"uar\""));
        assertTrue(json.contains("\"validationUar\""), "learning history per fold: " + json);
        String html = Files.readString(dir.resolve("report/report.html"));
        assertTrue(html.contains("class=\"warn\""), html);
        assertTrue(html.contains("SPEAKER-LEAKING"), html);
        for (String png : new String[] {"confusion.png", "learning-validation-uar.png", "learning-loss.png"}) {
            assertTrue(html.contains("src=\"" + png + "\""), html);
            BufferedImage image = ImageIO.read(dir.resolve("report").resolve(png).toFile());
            assertTrue(image != null && image.getWidth() > 200 && image.getHeight() > 200, png + " is a real picture");
        }

        // started again with the same options (as after a kill), the finished folds are read, not retrained
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            code = SentioCli.run("evaluate", "--corpus", dir.resolve("data").toString(), "--protocol", "random:2",
                    "--epochs", "2", "--model", "statistics", "--ensemble", "2", "--cache", dir.resolve("cache").toString(),
                    "--out", dir.resolve("report").toString());
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
        assertEquals(0, code);
        String again = log.toString(StandardCharsets.UTF_8);
        assertEquals(2, again.split("finished earlier", -1).length - 1, again);
        assertEquals(json, Files.readString(dir.resolve("report/report.json")), "the same report");
    }
}
