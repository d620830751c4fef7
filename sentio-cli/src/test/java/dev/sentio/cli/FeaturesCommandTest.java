package dev.sentio.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeaturesCommandTest {
    @TempDir
    Path dir;

    /** A 16-bit mono WAV of a decaying two-tone signal with a little noise. */
    private Path wav(String name, int rate, double seconds) throws IOException {
        int n = (int) (rate * seconds);
        ByteBuffer data = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        java.util.Random r = new java.util.Random(name.hashCode());
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double v = 0.4 * Math.sin(2 * Math.PI * 220 * t) * Math.exp(-t) + 0.2 * Math.sin(2 * Math.PI * 1250 * t)
                    + 0.01 * r.nextGaussian();
            data.putShort((short) Math.round(v * 32767));
        }
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(2 * n);
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        byte[] all = new byte[44 + 2 * n];
        System.arraycopy(h.array(), 0, all, 0, 44);
        System.arraycopy(data.array(), 0, all, 44, 2 * n);
        Files.write(p, all);
        return p;
    }

    private record Run(int code, String err) {
    }

    private Run sentio(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = SentioCli.run(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void writesOneCsvPerInputWithNamedColumns() throws IOException {
        wav("in/a.wav", 16000, 1.0);
        wav("in/sub/b.wav", 16000, 0.5);
        Path out = dir.resolve("out");
        Run r = sentio("features", "--preset", "seed-raw", "--out", out.toString(), dir.resolve("in").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("a.csv"));
        assertTrue(lines.get(0).startsWith("contrast_0,"), lines.get(0));
        assertTrue(lines.get(0).endsWith(",mfcc_12"));
        assertEquals(32, lines.get(0).split(",").length);
        assertEquals(1 + (1 + 16000 / 512), lines.size(), "header + one row per frame");
        assertTrue(Files.exists(out.resolve("sub/b.csv")), "subfolders of a folder input are kept");
        assertTrue(Files.readString(out.resolve("feature-config.json")).contains("\"nFft\" : 2048"));
        assertTrue(r.err().contains("features written for 2 of 2 files, 0 failed"), r.err());
    }

    @Test
    void functionalsGiveOneNamedRowPerFile() throws IOException {
        Path in = wav("in/a.wav", 16000, 1.0);
        Path out = dir.resolve("out");
        Run r = sentio("features", "--preset", "seed-raw", "--functionals", "--out", out.toString(), in.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("a.csv"));
        assertEquals(2, lines.size(), "header + one row");
        String[] names = lines.get(0).split(",");
        assertEquals(32 * 9, names.length);
        assertEquals("contrast_0_mean", names[0]);
        assertEquals("mfcc_12_drms", names[names.length - 1]);
        assertEquals(names.length, lines.get(1).split(",").length);
        assertTrue(Files.readString(out.resolve("feature-config.json")).contains("\"pooling\" : \"functionals\""));
    }

    @Test
    void badFilesAreSkippedListedAndTheRestDone() throws IOException {
        wav("in/good.wav", 16000, 1.0);
        Files.writeString(dir.resolve("in/broken.wav"), "not audio");
        Path out = dir.resolve("out");
        Run r = sentio("features", "--out", out.toString(), dir.resolve("in").toString());
        assertEquals(2, r.code(), "partial failure");
        assertTrue(Files.exists(out.resolve("good.csv")));
        assertFalse(Files.exists(out.resolve("broken.csv")));
        assertTrue(r.err().contains("1 failed"), r.err());
        assertTrue(r.err().contains("broken.wav: not a recognised audio file"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void aSingleBadFileFailsWithOneLine() throws IOException {
        Path bad = dir.resolve("bad.wav");
        Files.write(bad, new byte[0]);
        Run r = sentio("features", "--out", dir.resolve("out").toString(), bad.toString());
        assertEquals(1, r.code());
        assertEquals("sentio: " + bad + ": empty file (0 bytes)", r.err().strip());
    }

    @Test
    void npyOutputHasTheNumpyHeaderAndShape() throws IOException {
        wav("x.wav", 22050, 1.0);
        Path out = dir.resolve("out");
        Run r = sentio("features", "--raw", "--features", "mfcc,rms,zcr", "--deltas", "1", "--n-fft", "400",
                "--hop", "160", "--format", "npy", "--out", out.toString(), dir.resolve("x.wav").toString());
        assertEquals(0, r.code(), r.err());
        byte[] b = Files.readAllBytes(out.resolve("x.npy"));
        assertEquals((byte) 0x93, b[0]);
        String header = new String(b, 10, 118, StandardCharsets.US_ASCII);
        int frames = 1 + 22050 / 160;
        assertTrue(header.contains("'shape': (" + frames + ", 30)"), header);
        assertEquals(128 + frames * 30 * 4, b.length);
        assertEquals("mfcc_0", Files.readAllLines(out.resolve("columns.txt")).get(0));
    }

    @Test
    void badOptionsAreReportedNotThrown() throws IOException {
        Path a = wav("a.wav", 16000, 0.5);
        Run r = sentio("features", "--features", "loudness", "--out", dir.toString(), a.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("unknown feature 'loudness'"), r.err());
    }
}
