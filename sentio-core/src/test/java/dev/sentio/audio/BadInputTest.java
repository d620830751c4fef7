package dev.sentio.audio;

import dev.sentio.SentioException;
import dev.sentio.SharedData;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static dev.sentio.audio.TestAudioFiles.FLOAT;
import static dev.sentio.audio.TestAudioFiles.PCM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad input gives one {@link AudioException} whose one-line message names the file and the
 * problem: no hang (each case must finish within seconds), no OutOfMemoryError, no other exception type.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private String failure(Path file) {
        AudioException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(AudioException.class, () -> AudioLoader.load(file)));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString()), "message names the file: " + message);
        assertTrue(!message.contains("\n"), "one line: " + message);
        return message;
    }

    private byte[] goodWav() {
        return TestAudioFiles.wav(PCM, 16000, 16, TestAudioFiles.sine(440, 0.5, 16000, 4000));
    }

    @Test
    void truncatedWav() throws IOException {
        byte[] full = goodWav();
        Path f = TestAudioFiles.write(dir, "cut.wav", Arrays.copyOf(full, full.length / 2));
        assertTrue(failure(f).contains("truncated"));
    }

    @Test
    void dataChunkClaimingFourGigabytes() throws IOException {
        byte[] data = new byte[2000];
        Path f = TestAudioFiles.write(dir, "liar.wav", TestAudioFiles.wav(PCM, 1, 16000, 16, data, 0xF0000000L));
        String m = failure(f);
        assertTrue(m.contains("declares 4026531840 bytes"), m);
    }

    @Test
    void headerCutInsideTheFormatChunk() throws IOException {
        Path f = TestAudioFiles.write(dir, "head.wav", Arrays.copyOf(goodWav(), 20));
        assertTrue(failure(f).contains("truncated"));
    }

    @Test
    void emptyFile() throws IOException {
        Path f = TestAudioFiles.write(dir, "empty.wav", new byte[0]);
        assertTrue(failure(f).contains("empty file"));
    }

    @Test
    void zeroLengthAudio() throws IOException {
        Path f = TestAudioFiles.write(dir, "zero.wav", TestAudioFiles.wav(PCM, 1, 16000, 16, new byte[0], 0x7FFFFFFFL & 0));
        // a declared size of 0 means "unknown" for streamed files; nothing follows, so there are no samples
        assertTrue(failure(f).contains("no audio samples"));
    }

    @Test
    void nanAndInfinitySamples() throws IOException {
        float[] y = TestAudioFiles.sine(440, 0.5, 16000, 100);
        y[50] = Float.NaN;
        Path f = TestAudioFiles.write(dir, "nan.wav", TestAudioFiles.wav(FLOAT, 16000, 32, y));
        assertTrue(failure(f).contains("NaN or infinite samples (first at sample 50)"));
        y[50] = Float.POSITIVE_INFINITY;
        Path g = TestAudioFiles.write(dir, "inf.wav", TestAudioFiles.wav(FLOAT, 16000, 32, y));
        assertTrue(failure(g).contains("NaN or infinite"));
    }

    @Test
    void unsupportedCodec() throws IOException {
        byte[] data = new byte[1000];
        Path f = TestAudioFiles.write(dir, "adpcm.wav", TestAudioFiles.wav(0x11, 1, 16000, 4, data, data.length));
        assertTrue(failure(f).contains("unsupported WAV codec (format tag 0x11)"));
    }

    @Test
    void unsupportedAiffCompression() throws IOException {
        byte[] aiff = TestAudioFiles.aiff("ima4", 8000, 16, new float[100]);
        Path f = TestAudioFiles.write(dir, "ima4.aif", aiff);
        assertTrue(failure(f).contains("unsupported AIFF-C compression 'ima4'"));
    }

    @Test
    void notAudioAtAll() throws IOException {
        Path f = dir.resolve("notes.wav");
        Files.writeString(f, "these are not the samples you are looking for\n");
        assertTrue(failure(f).contains("not a recognised audio file"));
    }

    @Test
    void missingFileAndFolder() {
        assertTrue(failure(dir.resolve("nope.flac")).contains("no such file"));
        assertTrue(failure(dir).contains("is a folder"));
    }

    @Test
    void flacSignatureFollowedByGarbage() throws IOException {
        byte[] b = new byte[4096];
        new java.util.Random(1).nextBytes(b);
        System.arraycopy("fLaC".getBytes(), 0, b, 0, 4);
        Path f = TestAudioFiles.write(dir, "bad.flac", b);
        assertTrue(failure(f).contains("FLAC"));
    }

    @Test
    void mp3SignatureFollowedByGarbage() throws IOException {
        byte[] b = new byte[8192];
        new java.util.Random(2).nextBytes(b);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xFB;
        b[2] = (byte) 0x90;
        Path f = TestAudioFiles.write(dir, "bad.mp3", b);
        // JLayer decodes random bytes as noise or gives up; either way: no hang, no exception but ours
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                AudioLoader.load(f);
            } catch (AudioException e) {
                assertTrue(e.getMessage().startsWith(f.toString()));
            }
        });
    }

    @Test
    void truncatedFlacFromTheCorpus() throws IOException {
        Path source = SharedData.require("corpora/emodb/wav/16b10Wb.flac");
        byte[] b = Files.readAllBytes(source);
        Path f = TestAudioFiles.write(dir, "cut.flac", Arrays.copyOf(b, b.length / 2));
        String m = failure(f);
        assertTrue(m.contains("truncated") || m.contains("corrupt"), m);
    }

    @Test
    void silentAudioDecodesButHasNoFeaturesToRecognise() throws IOException {
        Path f = TestAudioFiles.write(dir, "silence.wav", TestAudioFiles.wav(PCM, 16000, 16, new float[16000]));
        Audio a = AudioLoader.load(f);
        assertEquals(16000, a.length());
        SentioException e = assertThrows(SentioException.class,
                () -> new FeatureExtractor(FeatureConfig.seed()).extract(a));
        assertTrue(e.getMessage().contains("silent"));
    }

    @Test
    void wavWithoutDataChunk() throws IOException {
        byte[] full = goodWav();
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(full, 12 + 8 + 16)).order(ByteOrder.LITTLE_ENDIAN);
        Path f = TestAudioFiles.write(dir, "nodata.wav", b.array());
        assertTrue(failure(f).contains("no 'data' chunk"));
    }
}
