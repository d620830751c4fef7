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
        // the speech gate's rule, applied from the description alone, scores as Sentio does
        com.fasterxml.jackson.databind.JsonNode gate = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
                .get("speechGate");
        String[] cells = Files.readAllLines(dir.resolve("f/v.csv")).get(1).split(",");
        float[] row = new float[cells.length];
        double score = gate.get("bias").asDouble();
        for (int j = 0; j < cells.length; j++) {
            row[j] = Float.parseFloat(cells[j]);
            score += gate.get("weights").get(j).asDouble() * ((row[j] - gate.get("mean").get(j).floatValue())
                    / gate.get("std").get(j).floatValue());
        }
        dev.sentio.model.SpeechGate bundled = dev.sentio.model.ModelBundle.bundled().speechGate();
        assertEquals(bundled.score(row), score, 1e-4 * Math.max(1, Math.abs(score)));
        assertEquals(bundled.threshold(), gate.get("threshold").asDouble(), 0);
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
