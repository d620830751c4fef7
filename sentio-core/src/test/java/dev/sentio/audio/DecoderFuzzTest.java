package dev.sentio.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sentio.SentioException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of every decoder, because the service decodes what clients send: any input must decode,
 * or fail with an {@link AudioException} naming the problem; never another exception, a hang or an
 * OutOfMemoryError. A plain test run replays the seeds (small generated files, one folder per decoder under
 * {@code DecoderFuzzTestInputs/}) and every crasher kept there; {@code tools/fuzz.sh} fuzzes each decoder with
 * {@link DecoderFuzzTarget} on Jazzer's command line.
 */
class DecoderFuzzTest {
    private static final ThreadLocal<Path> FILE = ThreadLocal.withInitial(() -> {
        try {
            Path shm = Path.of("/dev/shm"); // a file in memory where there is one: the fuzzer writes one per input
            Path f = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempFile(shm, "sentio-fuzz", ".audio")
                    : Files.createTempFile("sentio-fuzz", ".audio");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    /** Decodes {@code data} as a file (AudioLoader reads it block by block through AudioStream, as timelines do). */
    static void decode(byte[] data) {
        Path f = FILE.get();
        try {
            Files.write(f, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Audio a = AudioLoader.loadAtMost(f, 3600);
            assertTrue(a.sampleRate() > 0 && a.length() > 0);
            for (float v : a.samples()) {
                assertTrue(Float.isFinite(v), "decoded samples are finite");
            }
        } catch (SentioException expected) {
            assertTrue(expected.getMessage().startsWith(f.toString()), "errors name the file: " + expected.getMessage());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void wav(byte[] data) {
        decode(data);
    }

    @FuzzTest(maxDuration = "30s")
    void aiff(byte[] data) {
        decode(data);
    }

    @FuzzTest(maxDuration = "30s")
    void flac(byte[] data) {
        decode(data);
    }

    @FuzzTest(maxDuration = "30s")
    void mp3(byte[] data) {
        decode(data);
    }

    @FuzzTest(maxDuration = "30s")
    void vorbis(byte[] data) {
        decode(data);
    }

    @FuzzTest(maxDuration = "30s")
    void opus(byte[] data) {
        decode(data);
    }
}
