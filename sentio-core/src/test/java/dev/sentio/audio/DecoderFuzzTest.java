package dev.sentio.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sentio.SentioException;

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
    private static final Path NAME = Path.of("fuzzed-input");

    /**
     * Decodes {@code data} as {@link AudioLoader#loadAtMost} decodes a file (the same decoders on the same kind of
     * stream, from memory: no file is written per input).
     */
    static void decode(byte[] data) {
        try {
            Audio a = AudioLoader.loadAtMost(NAME, data, 3600);
            assertTrue(a.sampleRate() > 0 && a.length() > 0);
            for (float v : a.samples()) {
                if (!Float.isFinite(v)) {
                    throw new AssertionError("decoded samples must be finite");
                }
            }
        } catch (SentioException expected) {
            if (!expected.getMessage().startsWith(NAME.toString())) {
                throw new AssertionError("errors name the file: " + expected.getMessage());
            }
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
