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

    private static CliRun sentio(String... args) {
        return CliRun.sentio(args);
    }

    @BeforeAll
    static void trainOnTones() throws IOException {
        dev.sentio.vad.TestSignals.toyCorpus(Files.createDirectories(dir.resolve("data")), "sad", "happy", 3, 5);
        model = dir.resolve("m.sentio");
        CliRun r = sentio("train", "--corpus", dir.resolve("data/list.csv").toString(), "--model", "seed", "--epochs", "10",
                "--cache", dir.resolve("cache").toString(), "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(model));
    }

    @Test
    void csvHasFileLabelConfidenceAndOneColumnPerLabel() throws IOException {
        Path bad = dir.resolve("data/broken.wav");
        Files.writeString(bad, "no audio here");
        CliRun r = sentio("predict", "--model", model.toString(), dir.resolve("data").toString());
        assertEquals(2, r.code(), "one bad file among many: partial");
        List<String> lines = r.out().lines().toList();
        assertEquals("file,label,confidence,happy,sad,reason", lines.get(0), "labels in the vocabulary's order");
        assertEquals(31, lines.size(), "header + 30 good files");
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.matches("[^,]+,(happy|sad),[0-9.E-]+,[0-9.E-]+,[0-9.E-]+,"), line);
        }
        assertTrue(r.err().contains("broken.wav: not a recognised audio file"), r.err());
        Files.delete(bad);
    }

    @Test
    void jsonNamesEveryProbability() {
        CliRun r = sentio("predict", "--model", model.toString(), "--format", "json", dir.resolve("data/happy00.wav").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"probabilities\""), r.out());
        assertTrue(r.out().contains("\"happy\""));
    }

    @Test
    void recordingsWithoutSpeechGetNoneAndTheReason() throws IOException {
        Path other = Files.createDirectories(dir.resolve("nonspeech"));
        TestAudioFiles.write(other, "tone.wav", TestAudioFiles.wav(TestAudioFiles.PCM, 16000, 16,
                TestAudioFiles.sine(220, 0.5, 16000, 16000)));
        TestAudioFiles.write(other, "silence.wav", TestAudioFiles.wav(TestAudioFiles.PCM, 16000, 16, new float[16000]));
        TestAudioFiles.write(other, "one-sample.wav", TestAudioFiles.wav(TestAudioFiles.PCM, 16000, 16, new float[] {0.5f}));
        CliRun r = sentio("predict", "--model", model.toString(), other.toString());
        assertEquals(0, r.code(), "no speech is an answer, not a failure: " + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(1).matches(".*one-sample\\.wav,none,,,,\"?too short.*"), lines.get(1));
        assertTrue(lines.get(2).matches(".*silence\\.wav,none,,,,\"?silence.*"), lines.get(2));
        assertTrue(lines.get(3).matches(".*tone\\.wav,none,,,,\"?a steady tone.*"), lines.get(3));
        CliRun json = sentio("predict", "--model", model.toString(), "--format", "json", other.resolve("tone.wav").toString());
        assertTrue(json.out().contains("\"label\" : \"none\"") && json.out().contains("\"reason\""), json.out());
        assertTrue(!json.out().contains("probabilities"), json.out());
    }

    /** With the Silero VAD as well, a background sound that the model-free check lets through gets none. */
    @Test
    void theSileroVadTurnsAwayWhatOnlySoundsLikeAVoice() {
        Path vad = Path.of(System.getProperty("sentio.silero.test", ".models/silero_vad_v5.onnx"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(vad), "skipped: no Silero VAD model at "
                + vad + " (tools/fetch-silero-vad.sh " + vad + " fetches it; .ci/run does)");
        Path buzz = dev.sentio.SharedData.require("noise/hu-nonspeech").resolve("n93.flac");
        CliRun plain = sentio("predict", "--model", model.toString(), buzz.toString());
        assertTrue(!plain.out().lines().toList().get(1).contains(",none,"),
                "the model-free check takes it for a voice: " + plain.out());
        CliRun r = sentio("predict", "--model", model.toString(), "--vad", "silero", "--vad-model", vad.toString(),
                buzz.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().toList().get(1).matches(".*n93\\.flac,none,,,,\"?no voice found by the Silero VAD.*"),
                r.out());
        CliRun missing = sentio("predict", "--model", model.toString(), "--vad", "silero", "--vad-model",
                "no-such.onnx", buzz.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("tools/fetch-silero-vad.sh"), missing.err());
    }

    @Test
    void labelsRestrictTheChoiceAndRenormalise() {
        CliRun r = sentio("predict", "--model", model.toString(), "--labels", "sad", dir.resolve("data/happy00.wav").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("file,label,confidence,sad,reason", lines.get(0));
        assertTrue(lines.get(1).endsWith(",sad,1.0,1.0,"), lines.get(1));
        CliRun unknown = sentio("predict", "--model", model.toString(), "--labels", "sad,bored", dir.resolve("data/happy00.wav").toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().startsWith("sentio: this model has no label bored: it knows happy, sad"), unknown.err());
    }

    @Test
    void aSpeakerNormalisedModelAdaptsToASessionAndOnlyThen() throws IOException {
        Path adaptive = dir.resolve("adaptive.sentio");
        CliRun trained = sentio("train", "--corpus", dir.resolve("data/list.csv").toString(), "--model", "functionals",
                "--epochs", "10", "--speaker-norm", "--cache", dir.resolve("cache").toString(), "--out", adaptive.toString());
        assertEquals(0, trained.code(), trained.err());
        Path session = Files.createDirectories(dir.resolve("session"));
        for (String name : List.of("sad00.wav", "sad01.wav", "sad02.wav", "happy00.wav", "happy01.wav", "happy02.wav")) {
            Files.copy(dir.resolve("data").resolve(name), session.resolve(name));
        }
        CliRun adapted = sentio("predict", "--model", adaptive.toString(), "--adapt", session.toString());
        assertEquals(0, adapted.code(), adapted.err());
        List<String> lines = adapted.out().lines().toList();
        assertEquals(7, lines.size(), adapted.out());
        for (String line : lines.subList(1, 7)) {
            assertTrue(line.matches(".*(happy|sad)0\\d\\.wav,(happy|sad),.*"), line);
        }
        CliRun alone = sentio("predict", "--model", adaptive.toString(), session.resolve("sad00.wav").toString());
        assertEquals(1, alone.code());
        assertTrue(alone.err().contains("trained with --speaker-norm"), alone.err());
        CliRun plain = sentio("predict", "--model", model.toString(), "--adapt", session.toString());
        assertEquals(1, plain.code());
        assertTrue(plain.err().contains("--adapt needs a model trained with --speaker-norm"), plain.err());
        CliRun few = sentio("predict", "--model", adaptive.toString(), "--adapt", session.resolve("sad00.wav").toString());
        assertTrue(few.err().contains("adaptation needs at least 5 recordings"), few.err());
    }

    @Test
    void gateAndTrainFitASpeechGateThatKeepsTheirSpeech() throws IOException {
        Path noise = Files.createDirectories(dir.resolve("noise"));
        java.util.Random random = new java.util.Random(5);
        dev.sentio.audio.WavWriter.write(noise.resolve("n1.wav"), dev.sentio.preprocess.NoiseMixer.pink(32000, random), 16000);
        dev.sentio.audio.WavWriter.write(noise.resolve("n2.wav"), dev.sentio.vad.TestSignals.tone(32000, 16000, 440, 0.3), 16000);
        Path gated = dir.resolve("gated.sentio");
        CliRun r = sentio("gate", "--model", model.toString(), "--corpus", dir.resolve("data/list.csv").toString(),
                "--non-speech", noise.toString(), "--cache", dir.resolve("cache").toString(), "--out", gated.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("wrote " + gated + " (speech gate: speech scores at least"), r.err());
        dev.sentio.model.ModelBundle bundle = dev.sentio.model.ModelBundle.load(gated);
        assertTrue(bundle.speechGate() != null && bundle.provenance().containsKey("speechGate"), bundle.provenance().toString());
        CliRun p = sentio("predict", "--model", gated.toString(), dir.resolve("data").toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().lines().skip(1).noneMatch(l -> l.contains(",none,")), "its own speech passes: " + p.out());
        Path trained = dir.resolve("trained-gated.sentio");
        CliRun t = sentio("train", "--corpus", dir.resolve("data/list.csv").toString(), "--model", "functionals",
                "--epochs", "5", "--speech-gate", noise.toString(), "--cache", dir.resolve("cache").toString(),
                "--out", trained.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(dev.sentio.model.ModelBundle.load(trained).speechGate() != null);
        CliRun missing = sentio("gate", "--model", model.toString(), "--corpus", dir.resolve("data/list.csv").toString(),
                "--non-speech", dir.resolve("nowhere").toString(), "--cache", dir.resolve("cache").toString(),
                "--out", dir.resolve("x.sentio").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("sentio: noise '" + dir.resolve("nowhere")), missing.err());
        assertTrue(Files.notExists(dir.resolve("x.sentio")));
    }

    @Test
    void aDamagedModelIsOneClearLine() throws IOException {
        Path damaged = dir.resolve("damaged.sentio");
        Files.writeString(damaged, "nonsense");
        CliRun r = sentio("predict", "--model", damaged.toString(), dir.resolve("data/sad00.wav").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("sentio: " + damaged + ": not a Sentio model"), r.err());
    }
}
