package dev.sentio.audio;

import dev.sentio.SentioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * What the fuzzers check, as tests: any input must decode, or fail with an {@link AudioException} naming the
 * problem; never another exception, a hang or an OutOfMemoryError. The seeds of {@link DecoderSeeds} must decode,
 * and the inputs that fuzzing found to crash or hang a decoder, rebuilt here byte by byte, must fail cleanly.
 * {@code tools/fuzz.sh} fuzzes each decoder with {@link DecoderFuzzTarget} on Jazzer's command line.
 */
class DecoderFuzzTest {
    private static final Path NAME = Path.of("fuzzed-input");

    @TempDir
    Path dir;

    /**
     * Decodes {@code data} as {@link AudioLoader#loadAtMost} decodes a file (the same decoders on the same kind of
     * stream, from memory: no file is written per input).
     *
     * @return the audio, or null where the input is refused with Sentio's own error
     */
    static Audio decode(byte[] data) {
        try {
            Audio a = AudioLoader.loadAtMost(NAME, data, 3600);
            assertTrue(a.sampleRate() > 0 && a.length() > 0);
            for (float v : a.samples()) {
                if (!Float.isFinite(v)) {
                    throw new AssertionError("decoded samples must be finite");
                }
            }
            return a;
        } catch (SentioException expected) {
            if (!expected.getMessage().startsWith(NAME.toString())) {
                throw new AssertionError("errors name the file: " + expected.getMessage());
            }
            return null;
        }
    }

    static List<String> decoders() {
        return DecoderSeeds.DECODERS;
    }

    @ParameterizedTest
    @MethodSource("decoders")
    void everySeedDecodes(String decoder) throws IOException {
        List<Path> seeds = DecoderSeeds.write(decoder, dir.resolve(decoder));
        assumeFalse(seeds.isEmpty(), "skipped: the encoder for " + decoder + " is not installed (.ci/run installs it)");
        for (Path seed : seeds) {
            assertTrue(decode(Files.readAllBytes(seed)) != null, seed + " decodes");
        }
    }

    /** A FLAC STREAMINFO block's 34 bytes: 4096-sample blocks, frame sizes unknown, no MD5. */
    private static byte[] streamInfo(int rate, int channels, int bits, long totalSamples) {
        ByteBuffer b = ByteBuffer.allocate(34);
        b.putShort((short) 4096).putShort((short) 4096).put(new byte[6]);
        b.putLong((long) rate << 44 | (long) (channels - 1) << 41 | (long) (bits - 1) << 36 | totalSamples);
        return b.array();
    }

    /** "fLaC", then metadata blocks of {@code {type, last, bytes}}, then {@code frames}. */
    private static byte[] flac(byte[] frames, Object[]... blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("fLaC".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (Object[] block : blocks) {
            byte[] body = (byte[]) block[2];
            int declared = block.length > 3 ? (int) block[3] : body.length;
            out.write((int) block[0] | ((boolean) block[1] ? 0x80 : 0));
            out.write(declared >> 16);
            out.write(declared >> 8);
            out.write(declared);
            out.writeBytes(body);
        }
        out.writeBytes(frames);
        return out.toByteArray();
    }

    private static String refusal(byte[] data) {
        return assertThrows(AudioException.class, () -> AudioLoader.loadAtMost(NAME, data, 3600)).getMessage();
    }

    @Test
    void flacCrashersFoundByFuzzingFailCleanly() {
        // a PICTURE block whose MIME type claims 2 GB: jflac allocated by it and ran out of memory
        byte[] picture = ByteBuffer.allocate(32).putInt(3).putInt(0x7ffffff0).array();
        assertTrue(refusal(flac(new byte[0], new Object[] {0, false, streamInfo(8000, 1, 16, 0)},
                new Object[] {6, true, picture})).contains("no audio samples"));
        // a STREAMINFO that declares 0 bytes (jflac read 34 anyway, lost its place and read a picture's lengths)
        assertTrue(refusal(flac(new byte[64], new Object[] {0, true, new byte[0]}))
                .contains("STREAMINFO block of 0 bytes"));
        // a frame sync before 8 kB of zeros: jflac's resync loop never ended
        byte[] frames = new byte[8003];
        frames[0] = (byte) 0xff;
        frames[1] = (byte) 0xff;
        frames[2] = (byte) 0xfb;
        long started = System.nanoTime();
        assertTrue(refusal(flac(frames, new Object[] {0, true, streamInfo(8000, 1, 16, 0)}))
                .contains("no valid frame after"));
        assertTrue(System.nanoTime() - started < 30e9, "stopped, not hung");
    }
}
