package dev.sentio.audio;

import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.features.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

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
        Path mp3 = encoded("lame", 44100, 1, "tone-encoded", "--quiet", "-b", "128", "%in", "%out");
        assertEquals(ContainerFormat.MP3, AudioLoader.formatOf(mp3));
        Audio a = AudioLoader.load(mp3);
        assertEquals(44100, a.sampleRate());
        // encoder delay and padding add at most a few frames of 1152 samples
        assertTrue(a.length() >= 44100 && a.length() <= 44100 + 4 * 1152, "length " + a.length());
        assertTone(a);
    }

    /**
     * Ogg Vorbis through JOrbis and Ogg Opus through Concentus (at 48 kHz, its pre-skip dropped), mono and stereo,
     * on files oggenc and opusenc made from a generated tone: both keep the exact length.
     */
    @Test
    void decodesOggVorbisAndOpus() throws IOException, InterruptedException {
        Object[][] codecs = {{"oggenc", 44100, new String[] {"-Q", "-q", "4", "-o", "%out", "%in"}},
                {"opusenc", 48000, new String[] {"--quiet", "%in", "%out"}}};
        for (Object[] codec : codecs) {
            int rate = (Integer) codec[1];
            for (int channels : new int[] {1, 2}) {
                Path ogg = encoded((String) codec[0], rate, channels, "tone" + channels + "." + codec[0],
                        (String[]) codec[2]);
                assertEquals(ContainerFormat.OGG, AudioLoader.formatOf(ogg));
                Audio a = AudioLoader.load(ogg);
                assertEquals(rate, a.sampleRate());
                assertEquals(rate, a.length(), codec[0] + ", " + channels + " channels: the exact length");
                assertTone(a);
            }
        }
    }

    @Test
    void oggOfAnotherCodecOrBrokenIsOneLine() throws IOException {
        byte[] page = new byte[64];
        System.arraycopy("OggS".getBytes(), 0, page, 0, 4);
        Path broken = TestAudioFiles.write(dir, "broken.ogg", page);
        String message = org.junit.jupiter.api.Assertions.assertThrows(AudioException.class,
                () -> AudioLoader.load(broken)).getMessage();
        assertTrue(message.startsWith(broken + ": corrupt Ogg file"), message);
    }

    /** A 440 Hz tone at amplitude 0.5, {@code channels} alike, at {@code rate}, encoded by {@code tool}. */
    private Path encoded(String tool, int rate, int channels, String name, String... args) throws IOException {
        assumeTrue(TestEncoders.onPath(tool) != null, "skipped: the encoder " + tool + " is not installed (.ci/run installs it)");
        float[] tone = TestAudioFiles.sine(440, 0.5, rate, rate);
        float[][] all = new float[channels][];
        java.util.Arrays.fill(all, tone);
        Path wav = TestAudioFiles.write(dir, name + ".wav", TestAudioFiles.wav(TestAudioFiles.PCM, rate, 16, all));
        return TestEncoders.encode(tool, wav, dir.resolve(name), args);
    }

    /** The middle half second of {@code a} is the 440 Hz tone at amplitude 0.5. */
    private static void assertTone(Audio a) {
        int rate = a.sampleRate();
        double energy = 0;
        int crossings = 0;
        for (int i = rate / 4; i < rate * 3 / 4; i++) {
            energy += a.samples()[i] * (double) a.samples()[i];
            if ((a.samples()[i - 1] < 0) != (a.samples()[i] < 0)) {
                crossings++;
            }
        }
        assertEquals(0.5 / Math.sqrt(2), Math.sqrt(energy / (rate / 2.0)), 0.02, "tone level");
        assertEquals(2 * 440 * 0.5, crossings, 4, "tone frequency from zero crossings over 0.5 s");
    }
}
