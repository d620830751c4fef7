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

    private static void copyFolder(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
    }

    private static long cached(Path cache, String suffix) throws IOException {
        try (var files = Files.walk(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
        }
    }

    /** What one run of the command printed: its exit code, standard output (the report) and standard error (the log). */
    private static CliRun evaluate(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "evaluate";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.sentio(all);
    }

    @Test
    void functionalsWithSpeedPerturbationSayWhatTheyTrainedOn() throws IOException {
        labelledTones();
        Path cache = dir.resolve("cache");
        CliRun r = evaluate("--corpus", dir.resolve("data").toString(), "--protocol", "random:2", "--epochs", "2",
                "--model", "functionals", "--speed-perturb", "0.9,1.1", "--cache", cache.toString());
        assertEquals(0, r.code(), r.err());
        String md = r.out();
        assertTrue(md.contains("training data also at speeds 0.9, 1.1"), md);
        assertTrue(md.contains("utterance functionals"), md);
        assertEquals(18, cached(cache, "-speed90.bin"), "every utterance at 0.9, cached");
        assertEquals(18, cached(cache, "-speed110.bin"));
        assertEquals(54, cached(cache, ".bin"));

        CliRun bad = evaluate("--corpus", dir.resolve("data").toString(), "--protocol", "random:2",
                "--model", "functionals", "--speed-perturb", "3", "--cache", cache.toString());
        assertTrue(bad.code() != 0);
        assertTrue(bad.err().contains("speed perturbation 3.0 must be between 0.5 and 2"), bad.err());
    }

    @Test
    void noiseTestsEachSnrAndNoiseAugmentationTrainsOnNoisyCopies() throws IOException {
        labelledTones();
        Path cache = dir.resolve("cache");
        CliRun r = evaluate("--corpus", dir.resolve("data").toString(), "--protocol", "random:2", "--epochs", "2",
                "--model", "functionals", "--noise", "pink", "--snr", "10,0", "--augment-noise", "white",
                "--augment-snr", "5,20", "--cache", cache.toString(), "--out", dir.resolve("report").toString());
        assertEquals(0, r.code(), r.err());
        String md = r.out();
        assertTrue(md.contains("noise-augmented (white noise at [5.0, 20.0] dB)"), md);
        assertTrue(md.contains("also tested with pink noise at [10.0, 0.0] dB SNR"), md);
        assertTrue(md.matches("(?s).*\\| 10 dB SNR \\| [01]\\.\\d{3} \\| [01]\\.\\d{3} \\|.*"), md);
        assertTrue(md.matches("(?s).*\\| 0 dB SNR \\| [01]\\.\\d{3} \\|.*"), md);
        assertEquals(36, cached(cache, ".bin") - 18 - 18, "every utterance at each test SNR, cached");
        String json = Files.readString(dir.resolve("report/report.json"));
        assertTrue(json.contains("\"10 dB\"") && json.contains("\"meanUar\""), json);
        assertTrue(Files.size(dir.resolve("report/noise.png")) > 1000);
    }

    @Test
    void babbleTestsWithOtherSpeakersAndIsNeverTrainedOnWithinACorpus() throws IOException {
        labelledTones();
        Path cache = dir.resolve("cache");
        CliRun r = evaluate("--corpus", dir.resolve("data").toString(), "--protocol", "random:2", "--epochs", "2",
                "--model", "functionals", "--noise", "babble", "--snr", "5", "--cache", cache.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("also tested with babble (4 other speakers of the same corpus) at [5.0] dB SNR"),
                r.out());
        assertTrue(r.out().matches("(?s).*\\| 5 dB SNR \\| [01]\\.\\d{3} \\|.*"), r.out());

        CliRun leak = evaluate("--corpus", dir.resolve("data").toString(), "--protocol", "random:2",
                "--model", "functionals", "--augment-noise", "babble", "--cache", cache.toString());
        assertTrue(leak.code() != 0);
        assertTrue(leak.err().contains("within one corpus those include the test speakers"), leak.err());

        // across corpora babble may be trained with, beside other noise: a noisy copy of each kind
        copyFolder(dir.resolve("data"), dir.resolve("other"));
        CliRun across = evaluate("--corpus", dir.resolve("data") + "," + dir.resolve("other"), "--protocol",
                "leave-one-corpus-out", "--epochs", "2", "--model", "functionals", "--augment-noise", "white,babble",
                "--cache", cache.toString());
        assertEquals(0, across.code(), across.err());
        assertTrue(across.out().contains("noise-augmented (white noise; babble (4 other speakers of the same corpus) at"),
                across.out());
    }

    @Test
    void eachNetworkCanLeaveOneTrainingCorpusOut() throws IOException {
        labelledTones();
        copyFolder(dir.resolve("data"), dir.resolve("other"));
        copyFolder(dir.resolve("data"), dir.resolve("third"));
        Path cache = dir.resolve("cache");
        String corpora = dir.resolve("data") + "," + dir.resolve("other") + "," + dir.resolve("third");
        CliRun r = evaluate("--corpus", corpora, "--protocol", "leave-one-corpus-out", "--epochs", "2", "--model",
                "functionals", "--ensemble", "2", "--leave-corpus-out", "--folds", "1", "--cache", cache.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("each network without one training corpus (in turn)"), r.out());

        CliRun one = evaluate("--corpus", corpora, "--protocol", "leave-one-corpus-out", "--epochs", "2", "--model",
                "functionals", "--leave-corpus-out", "--cache", cache.toString());
        assertTrue(one.code() != 0);
        assertTrue(one.err().contains("needs an ensemble (--ensemble K"), one.err());

        Path model = dir.resolve("m.sentio");
        CliRun trained = CliRun.sentio("train", "--corpus", dir.resolve("data") + "," + dir.resolve("other"),
                "--model", "functionals", "--epochs", "2", "--ensemble", "2", "--leave-corpus-out", "--cache",
                cache.toString(), "--out", model.toString());
        assertEquals(0, trained.code(), trained.err());
        String validation = String.valueOf(dev.sentio.model.ModelBundle.load(model).provenance().get("validation"));
        assertTrue(validation.contains("data)") && validation.contains("other)")
                && validation.split("trained without", -1).length == 3,
                validation);
    }

    @Test
    void speakerNormalisationWithoutSpeakersIsRefused() throws IOException {
        labelledTones(); // a label folder: no speaker ids, so each file is its own speaker
        CliRun r = evaluate("--corpus", dir.resolve("data").toString(), "--protocol", "random:2",
                "--model", "functionals", "--speaker-norm", "--cache", dir.resolve("cache").toString());
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("--speaker-norm needs several recordings per speaker"), r.err());
    }

    @Test
    void randomFoldsAreReportedAsSpeakerLeaking() throws IOException {
        labelledTones();
        String[] args = {"--corpus", dir.resolve("data").toString(), "--protocol", "random:2", "--epochs", "2",
                "--model", "statistics", "--ensemble", "2", "--cache", dir.resolve("cache").toString(),
                "--out", dir.resolve("report").toString()};
        // a decimal-comma locale must not change the reports
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.GERMANY);
        CliRun first;
        try {
            first = evaluate(args);
        } finally {
            java.util.Locale.setDefault(before);
        }
        assertEquals(0, first.code(), first.err());
        String md = first.out();
        assertTrue(md.matches("(?s).*\\| UAR \\| [01]\\.\\d{3} \\|.*"), md);
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
        CliRun second = evaluate(args);
        assertEquals(0, second.code(), second.err());
        String again = second.err();
        assertEquals(2, again.split("finished earlier", -1).length - 1, again);
        assertEquals(json, Files.readString(dir.resolve("report/report.json")), "the same report");
    }
}
