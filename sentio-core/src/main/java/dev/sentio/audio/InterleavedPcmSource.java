package dev.sentio.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Streams the uncompressed data chunk of a WAV or AIFF file, mixing channels down to mono. */
final class InterleavedPcmSource implements PcmSource {
    private static final int FRAMES_PER_BLOCK = 8192;

    private final Path file;
    private final InputStream in;
    private final PcmEncoding encoding;
    private final int channels;
    private final int sampleRate;
    private final int frameBytes;
    private final long dataBytes;
    private final boolean toEndOfFile;
    private final byte[] block;
    private long bytesLeft;

    /**
     * @param in        positioned at the first sample
     * @param dataBytes bytes of sample data, or -1 to read to the end of the file
     */
    InterleavedPcmSource(Path file, InputStream in, PcmEncoding encoding, int channels, int sampleRate, long dataBytes) {
        this.file = file;
        this.in = in;
        this.encoding = encoding;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.frameBytes = channels * encoding.bytesPerSample();
        this.toEndOfFile = dataBytes < 0;
        this.dataBytes = dataBytes;
        this.bytesLeft = toEndOfFile ? Long.MAX_VALUE : dataBytes - dataBytes % frameBytes;
        this.block = new byte[FRAMES_PER_BLOCK * frameBytes];
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public long declaredFrames() {
        return toEndOfFile ? -1 : dataBytes / frameBytes;
    }

    @Override
    public int read(float[] mono) throws IOException {
        if (bytesLeft <= 0) {
            return -1;
        }
        int frames = (int) Math.min(Math.min(mono.length, FRAMES_PER_BLOCK), bytesLeft / frameBytes);
        int wanted = frames * frameBytes;
        int got = in.readNBytes(block, 0, wanted);
        if (got < wanted) {
            if (!toEndOfFile) {
                throw new AudioException(file, "truncated: the data chunk ends " + (bytesLeft - got)
                        + " bytes before the size its header declares");
            }
            frames = got / frameBytes;
            bytesLeft = 0;
            if (frames == 0) {
                return -1;
            }
        } else {
            bytesLeft -= wanted;
        }
        int bytesPerSample = encoding.bytesPerSample();
        for (int f = 0, pos = 0; f < frames; f++) {
            float sum = 0f;
            for (int c = 0; c < channels; c++, pos += bytesPerSample) {
                sum += encoding.decode(block, pos);
            }
            // librosa's mixdown: float32 mean over channels
            mono[f] = channels == 1 ? sum : sum / channels;
        }
        return frames;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    static void skipFully(Path file, InputStream in, long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new AudioException(file, "truncated: the file ends inside a chunk header");
        }
    }
}
