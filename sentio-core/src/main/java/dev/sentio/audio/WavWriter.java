package dev.sentio.audio;

import dev.sentio.io.FeatureFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Writes mono 16-bit PCM WAV files (atomically), for tests, benchmarks and tools that make recordings. */
public final class WavWriter {
    /** Where the samples come from, block by block, so that a long recording need not be held whole. */
    public interface Samples {
        /** The next samples; an empty array at the end. */
        float[] next();
    }

    private WavWriter() {
    }

    public static void write(Path target, float[] samples, int sampleRate) {
        boolean[] given = {false};
        write(target, samples.length, sampleRate, () -> {
            if (given[0]) {
                return new float[0];
            }
            given[0] = true;
            return samples;
        });
    }

    /** Writes {@code length} samples taken from {@code source}, clipped to [-1, 1]. */
    public static void write(Path target, long length, int sampleRate, Samples source) {
        long dataBytes = 2 * length;
        if (dataBytes + 36 > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("too long for a WAV file: " + length + " samples");
        }
        FeatureFiles.writeAtomically(target, out -> {
            ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                    .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                    .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(2 * sampleRate)
                    .putShort((short) 2).putShort((short) 16)
                    .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
            out.write(h.array());
            long written = 0;
            while (written < length) {
                float[] block = source.next();
                if (block.length == 0) {
                    throw new IOException("the samples ended after " + written + " of " + length);
                }
                int n = (int) Math.min(block.length, length - written);
                writePcm16(out, block, n);
                written += n;
            }
        });
    }

    private static void writePcm16(OutputStream out, float[] block, int n) throws IOException {
        byte[] bytes = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            int v = (int) Math.round(Math.max(-1, Math.min(1, block[i])) * 32767);
            bytes[2 * i] = (byte) v;
            bytes[2 * i + 1] = (byte) (v >> 8);
        }
        out.write(bytes);
    }
}
