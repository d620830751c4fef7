package dev.sentio.audio;

import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.features.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LongAndCompressedInputTest {
    @TempDir
    Path dir;

    /** A one-hour recording is decoded and featurised; the file is written and read as a stream. */
    @Test
    void oneHourFileWorks() throws IOException {
        int rate = 16000;
        int n = 3600 * rate;
        Path f = dir.resolve("hour.wav");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            h.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                    .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate).putShort((short) 2)
                    .putShort((short) 16).put("data".getBytes()).putInt(2 * n);
            out.write(h.array());
            byte[] block = new byte[2 * rate];
            for (int s = 0; s < 3600; s++) {
                for (int i = 0; i < rate; i++) {
                    // a 200 Hz tone whose loudness changes every second
                    short v = (short) Math.round(8000 * (1 + s % 3) * Math.sin(2 * Math.PI * 200 * i / rate));
                    block[2 * i] = (byte) v;
                    block[2 * i + 1] = (byte) (v >> 8);
                }
                out.write(block);
            }
        }
        Audio a = AudioLoader.load(f);
        assertEquals(n, a.length());
        assertEquals(8000 * Math.sin(2 * Math.PI * 200 * 5 / rate) / 32768, a.samples()[5], 1e-4);
        FeatureMatrix m = new FeatureExtractor(FeatureConfig.seedRaw()).extract(a);
        assertEquals(1 + n / 512, m.frames());
        assertTrue(Float.isFinite(m.values()[m.frames() / 2][20]));
    }

    /** MP3 through mp3spi, on a file lame made from a generated tone (named without an extension). */
    @Test
    void decodesMp3() throws IOException, InterruptedException {
        Path lame = onPath("lame");
        assumeTrue(lame != null, "skipped: the lame MP3 encoder is not installed (.ci/run installs it)");
        float[] tone = TestAudioFiles.sine(440, 0.5, 44100, 44100);
        Path wav = TestAudioFiles.write(dir, "tone.wav", TestAudioFiles.wav(TestAudioFiles.PCM, 44100, 16, tone));
        Path mp3 = dir.resolve("tone-encoded");
        Process p = new ProcessBuilder(lame.toString(), "--quiet", "-b", "128", wav.toString(), mp3.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "lame failed");
        assertEquals(ContainerFormat.MP3, AudioLoader.formatOf(mp3));
        Audio a = AudioLoader.load(mp3);
        assertEquals(44100, a.sampleRate());
        // encoder delay and padding add at most a few frames of 1152 samples
        assertTrue(a.length() >= 44100 && a.length() <= 44100 + 4 * 1152, "length " + a.length());
        double energy = 0;
        int crossings = 0;
        for (int i = 11025; i < 33075; i++) {
            energy += a.samples()[i] * (double) a.samples()[i];
            if ((a.samples()[i - 1] < 0) != (a.samples()[i] < 0)) {
                crossings++;
            }
        }
        assertEquals(0.5 / Math.sqrt(2), Math.sqrt(energy / 22050), 0.02, "tone level");
        assertEquals(2 * 440 * 0.5, crossings, 4, "tone frequency from zero crossings over 0.5 s");
    }

    private static Path onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
