package dev.sentio.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An audio file decoded block by block, mono, at its native rate or resampled on the fly: memory does not grow
 * with the recording's length. The format comes from the bytes. Every error is an {@link AudioException} that
 * names the file.
 *
 * <pre>{@code
 * try (AudioStream in = AudioStream.open(Path.of("call.flac"), 16000)) {
 *     float[] block = new float[4096];
 *     for (int n; (n = in.read(block)) >= 0; ) { ... block[0, n) ... }
 * }
 * }</pre>
 */
public final class AudioStream implements Closeable {
    private final Path file;
    private final PcmSource source;
    private final StreamingResampler resampler;
    private final int sampleRate;
    private float[] pending = new float[0];
    private int pendingAt;
    private float[] decoded = new float[8192];
    private long position;
    private long decodedSoFar;
    private boolean ended;

    private AudioStream(Path file, PcmSource source, int targetRate) {
        this.file = file;
        this.source = source;
        this.sampleRate = targetRate <= 0 ? source.sampleRate() : targetRate;
        this.resampler = sampleRate == source.sampleRate() ? null : new StreamingResampler(source.sampleRate(), sampleRate);
    }

    /** The file at its native rate. */
    public static AudioStream open(Path file) {
        return open(file, 0);
    }

    /** The file resampled to {@code targetRate} (0: its native rate) as {@link Resampler#resamplePoly} would. */
    public static AudioStream open(Path file, int targetRate) {
        try {
            return new AudioStream(file, AudioLoader.open(file), targetRate);
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    /** A file's bytes in memory at their native rate ({@code file} names them in errors). */
    static AudioStream open(Path file, byte[] bytes) {
        try {
            return new AudioStream(file, AudioLoader.open(file, bytes), 0);
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    /** A decoder's exception as one line that names the file. */
    private static AudioException failure(Path file, Exception e) {
        if (e instanceof AudioException a) {
            return a;
        }
        // third-party decoders signal corrupt input with assorted runtime exceptions
        return new AudioException(file, (e instanceof IOException ? "cannot read (" : "corrupt audio data (")
                + FlacSource.describe(e) + ")", e);
    }

    /** The rate of the samples {@link #read} gives. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Samples the header announces (at {@link #sampleRate()}), or -1 when unknown. */
    public long declaredFrames() {
        long frames = source.declaredFrames();
        return frames < 0 || resampler == null ? frames
                : (frames * sampleRate + source.sampleRate() - 1) / source.sampleRate();
    }

    /** Samples read so far (at {@link #sampleRate()}). */
    public long position() {
        return position;
    }

    /**
     * Fills {@code block} from the start with the next samples.
     *
     * @return how many (at least one), or -1 at the end
     */
    public int read(float[] block) {
        try {
            while (pendingAt == pending.length) {
                if (ended) {
                    return -1;
                }
                refill();
            }
            int n = Math.min(block.length, pending.length - pendingAt);
            System.arraycopy(pending, pendingAt, block, 0, n);
            pendingAt += n;
            position += n;
            return n;
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    private void refill() throws IOException {
        int got = source.read(decoded);
        pendingAt = 0;
        if (got < 0) {
            ended = true;
            pending = resampler == null ? new float[0] : resampler.finish();
            return;
        }
        for (int i = 0; i < got; i++) {
            if (!Float.isFinite(decoded[i])) {
                throw new AudioException(file, "contains NaN or infinite samples (first at sample " + (decodedSoFar + i) + ")");
            }
        }
        decodedSoFar += got;
        pending = resampler == null ? java.util.Arrays.copyOf(decoded, got) : resampler.push(decoded, 0, got);
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException e) {
            throw new AudioException(file, "cannot close (" + e.getMessage() + ")", e);
        }
    }
}
