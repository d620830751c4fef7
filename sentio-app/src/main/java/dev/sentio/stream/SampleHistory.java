package dev.sentio.stream;

import java.util.Arrays;

/** The most recent samples of a stream, addressed by their position in it; older ones are let go. */
final class SampleHistory {
    private float[] data = new float[1 << 15];
    /** The stream position of {@code data[0]}. */
    private long start;
    private int size;

    long end() {
        return start + size;
    }

    void append(float[] samples) {
        if (size + samples.length > data.length) {
            data = Arrays.copyOf(data, Math.max(2 * data.length, size + samples.length));
        }
        System.arraycopy(samples, 0, data, size, samples.length);
        size += samples.length;
    }

    /** Samples {@code [from, to)}; both must still be held. */
    float[] slice(long from, long to) {
        if (from < start || to > end() || from > to) {
            throw new IllegalStateException("samples " + from + ".." + to + " are not held (" + start + ".." + end() + ")");
        }
        return Arrays.copyOfRange(data, (int) (from - start), (int) (to - start));
    }

    /** Lets go of the samples before {@code position}. */
    void discardBefore(long position) {
        int drop = (int) Math.max(0, Math.min(size, position - start));
        if (drop > 0) {
            System.arraycopy(data, drop, data, 0, size - drop);
            size -= drop;
            start += drop;
        }
    }
}
