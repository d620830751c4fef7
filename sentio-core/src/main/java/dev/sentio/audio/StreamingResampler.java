package dev.sentio.audio;

import java.util.Arrays;

/**
 * {@link Resampler}'s polyphase filter applied block by block: push input samples of any block size, take the
 * output samples that are complete, and {@link #finish()} for the tail. The outputs are exactly those of
 * {@link Resampler#resamplePoly} on the whole signal (the same taps, summed in the same order), with memory
 * bounded by the filter's length, not the signal's.
 */
public final class StreamingResampler {
    private final int up;
    private final int down;
    private final double[] h;
    private final int prePad;
    private final int preRemove;
    /** The most taps one output sample uses, minus one. */
    private final int maxT;
    /** Input samples kept: {@code buffer[0]} is input sample {@code bufferStart}. */
    private float[] buffer = new float[1024];
    private long bufferStart;
    private int buffered;
    /** Input samples received so far. */
    private long received;
    /** The next output sample's index. */
    private long next;
    private boolean finished;

    public StreamingResampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        int g = gcd(fromRate, toRate);
        up = toRate / g;
        down = fromRate / g;
        int maxRate = Math.max(up, down);
        int halfLen = 10 * maxRate;
        h = Resampler.lowPass(2 * halfLen + 1, 1.0 / maxRate);
        for (int i = 0; i < h.length; i++) {
            h[i] *= up;
        }
        // Output sample k sits at the centre of the filter: scipy's pre-padding and removal, in one offset.
        prePad = down - halfLen % down;
        preRemove = (halfLen + prePad) / down;
        maxT = (h.length - 1) / up;
    }

    /** Whether input and output rates are equal (samples pass through unchanged). */
    public boolean identity() {
        return up == 1 && down == 1;
    }

    /** The output samples that {@code x[offset, offset + length)} completes. */
    public float[] push(float[] x, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("push after finish");
        }
        if (identity()) {
            received += length;
            return Arrays.copyOfRange(x, offset, offset + length);
        }
        append(x, offset, length);
        received += length;
        return produce(Long.MAX_VALUE, false);
    }

    /** The last output samples: the input ends here (zeros beyond it, as scipy pads). */
    public float[] finish() {
        if (finished) {
            return new float[0];
        }
        finished = true;
        if (identity()) {
            return new float[0];
        }
        long outLength = (received * up + down - 1) / down;
        return produce(outLength, true);
    }

    private float[] produce(long limit, boolean atEnd) {
        float[] out = new float[8];
        int n = 0;
        while (next < limit) {
            long m = (next + preRemove) * down - prePad;
            int j0 = (int) Math.floorMod(m, (long) up);
            long i0 = (m - j0) / up; // input index met by tap j0; tap j0 + t*up meets i0 - t
            if (!atEnd && i0 >= received) {
                break;
            }
            int tStart = (int) Math.max(0, i0 - (received - 1));
            int tEnd = (int) Math.min((h.length - 1 - j0) / up, i0);
            double acc = 0;
            for (int t = tStart; t <= tEnd; t++) {
                acc += h[j0 + t * up] * buffer[(int) (i0 - t - bufferStart)];
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, 2 * n);
            }
            out[n++] = (float) acc;
            next++;
        }
        discardBefore(firstNeeded());
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The oldest input sample the next output sample can use. */
    private long firstNeeded() {
        long m = (next + preRemove) * down - prePad;
        long i0 = (m - Math.floorMod(m, (long) up)) / up;
        return Math.max(0, i0 - maxT);
    }

    private void append(float[] x, int offset, int length) {
        if (buffered + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, buffered + length));
        }
        System.arraycopy(x, offset, buffer, buffered, length);
        buffered += length;
    }

    private void discardBefore(long index) {
        int drop = (int) Math.min(buffered, Math.max(0, index - bufferStart));
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
            buffered -= drop;
            bufferStart += drop;
        }
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
