package dev.sentio.cli;

import dev.sentio.audio.WavWriter;
import dev.sentio.vad.TestSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** timeline and listen through the command line, on generated voice-like recordings. */
class TimelineCommandTest {
    @TempDir
    Path dir;

    private Path recording(String name) {
        Path f = dir.resolve(name);
        WavWriter.write(f, TestSignals.bursts(16000, 10, new double[][] {{1, 2.5, 130}, {4, 8.5, 200}}), 16000);
        return f;
    }

    @Test
    void timelineRowsTileEachFileAndTheHtmlHasItsChart() throws IOException {
        Path a = recording("a.wav");
        Path bad = Files.writeString(dir.resolve("bad.wav"), "not audio");
        Path empty = dev.sentio.audio.TestAudioFiles.write(dir, "zero.wav", dev.sentio.audio.TestAudioFiles.wav(
                dev.sentio.audio.TestAudioFiles.PCM, 16000, 16, new float[0]));
        CliRun r = CliRun.sentio("timeline", "--out", dir.resolve("html").toString(), a.toString(), bad.toString(),
                empty.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("bad.wav") && r.err().contains("not a recognised audio file"), r.err());
        assertTrue(r.err().contains("zero.wav: contains no audio samples"), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("file,start,end,label,confidence,neutral,"), lines.get(0));
        double at = 0;
        int speech = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(a.toString(), f[0]);
            assertEquals(at, Double.parseDouble(f[1]), 1e-9, line);
            at = Double.parseDouble(f[2]);
            speech += f[3].equals("none") ? 0 : 1;
            assertEquals(f[3].equals("none"), f[4].isEmpty(), "none has no confidence: " + line);
        }
        assertEquals(10.0, at, 1e-3, "the last segment ends with the file");
        assertTrue(speech >= 2, "both bursts get an emotion: " + r.out());
        String html = Files.readString(dir.resolve("html/a.html"));
        assertTrue(html.contains("data:image/png;base64,iVBOR"), "a PNG chart inside the page");
        assertTrue(html.contains("class=\"band\""));
    }

    @Test
    void jsonHasTheSameSegments() {
        Path a = recording("b.wav");
        CliRun csv = CliRun.sentio("timeline", a.toString());
        CliRun json = CliRun.sentio("timeline", "--format", "json", a.toString());
        assertEquals(0, json.code(), json.err());
        long rows = csv.out().lines().count() - 1;
        assertEquals(rows, json.out().split("\"start\"", -1).length - 1);
    }

    @Test
    void listenPlaysAFileThroughTheLivePath() {
        Path a = recording("c.wav");
        CliRun timeline = CliRun.sentio("timeline", a.toString());
        CliRun listen = CliRun.sentio("listen", "--input", a.toString(), "--pace", "0");
        assertEquals(0, listen.code(), listen.err());
        assertEquals(timeline.out(), listen.out(), "the live path gives the timeline's segments");
        assertTrue(listen.err().contains("heard 10.0 s"), listen.err());
    }

    /** The Silero VAD finds regions too; the voice-like bursts are not speech to it, so it may find none. */
    @Test
    void sileroVadThroughTheCommandLine() {
        Path model = Path.of(System.getProperty("sentio.silero.test", ".models/silero_vad_v5.onnx"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(model), "skipped: no Silero VAD model at "
                + model + " (tools/fetch-silero-vad.sh " + model + " fetches it; .ci/run does)");
        Path a = recording("d.wav");
        CliRun r = CliRun.sentio("timeline", "--vad", "silero", "--vad-model", model.toString(), a.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.size() >= 2, r.out());
        assertTrue(lines.get(lines.size() - 1).split(",")[2].equals("10.000"), "the segments reach the file's end");
        CliRun missing = CliRun.sentio("timeline", "--vad", "silero", "--vad-model", "no-such.onnx", a.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("tools/fetch-silero-vad.sh"), missing.err());
    }

    @Test
    void badOptionsGetOneLine() {
        CliRun r = CliRun.sentio("timeline", "--window", "1", "--hop", "2", "x.wav");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("need 0 < --hop <= --window"), r.err());
        CliRun l = CliRun.sentio("listen", "--device", "no-such-device-anywhere");
        assertEquals(1, l.code());
        assertTrue(l.err().startsWith("sentio: "), l.err());
    }
}
