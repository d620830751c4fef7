package dev.sentio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** export through the command line (OnnxExportTest runs the exported models on ONNX Runtime). */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheModelItsDescriptionAndItsFeatureConfig() throws IOException {
        Path out = dir.resolve("m.onnx");
        CliRun r = CliRun.sentio("export", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(out) > 100_000, "the bundled network's weights are inside");
        String json = Files.readString(dir.resolve("m.onnx.json"));
        assertTrue(json.contains("\"labels\" : [ \"neutral\""), json);
        assertTrue(Files.readString(dir.resolve("m.onnx.features.json")).contains("\"pooling\""));
        CliRun features = CliRun.sentio("features", "--config", dir.resolve("m.onnx.features.json").toString(),
                "--out", dir.resolve("f").toString(), dev.sentio.audio.TestAudioFiles.write(dir, "v.wav",
                        dev.sentio.audio.TestAudioFiles.wav(dev.sentio.audio.TestAudioFiles.PCM, 16000, 16,
                                dev.sentio.vad.TestSignals.voiceLike(24000, 16000, 150, 0.3))).toString());
        assertEquals(0, features.code(), features.err());
        assertEquals(2, Files.readAllLines(dir.resolve("f/v.csv")).size(), "one functionals row, as the model takes");
    }

    @Test
    void refusesWhatItCannotExport() {
        CliRun format = CliRun.sentio("export", "--format", "tflite", "--out", dir.resolve("x").toString());
        assertEquals(1, format.code());
        assertTrue(format.err().contains("unknown --format 'tflite'"), format.err());
        CliRun missing = CliRun.sentio("export", "--model", dir.resolve("none.sentio").toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("sentio: ") && missing.err().contains("none.sentio"), missing.err());
    }
}
