package dev.sentio.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Reads the fixed-size fields of RIFF and IFF chunk headers, turning a short read into a clear error. */
final class ChunkInput {
    private final Path file;
    private final InputStream in;
    private final boolean bigEndian;
    private final byte[] scratch = new byte[16];

    ChunkInput(Path file, InputStream in, boolean bigEndian) {
        this.file = file;
        this.in = in;
        this.bigEndian = bigEndian;
    }

    InputStream stream() {
        return in;
    }

    /** The next four-character chunk id, or null at a clean end of file. */
    String idOrNull() throws IOException {
        int got = in.readNBytes(scratch, 0, 4);
        if (got == 0) {
            return null;
        }
        if (got < 4) {
            throw new AudioException(file, "truncated: the file ends inside a chunk header");
        }
        return ContainerFormat.ascii(scratch, 0, 4);
    }

    String id() throws IOException {
        String id = idOrNull();
        if (id == null) {
            throw new AudioException(file, "truncated: the file ends before the audio data");
        }
        return id;
    }

    long u32() throws IOException {
        return unsigned(4);
    }

    int u16() throws IOException {
        return (int) unsigned(2);
    }

    long u64() throws IOException {
        return unsigned(8);
    }

    byte[] bytes(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new AudioException(file, "truncated: the file ends inside a chunk header");
        }
        return b;
    }

    void skip(long n) throws IOException {
        InterleavedPcmSource.skipFully(file, in, n);
    }

    private long unsigned(int n) throws IOException {
        if (in.readNBytes(scratch, 0, n) < n) {
            throw new AudioException(file, "truncated: the file ends inside a chunk header");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            int b = scratch[bigEndian ? i : n - 1 - i] & 0xFF;
            v = (v << 8) | b;
        }
        return v;
    }
}
