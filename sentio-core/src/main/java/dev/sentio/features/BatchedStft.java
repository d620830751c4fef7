package dev.sentio.features;

/**
 * {@code |stft(y)|^2} for a power-of-two {@code n_fft}, transforming a batch of frames side by side: row p of the
 * batch holds sample p of every frame, so each radix-2 butterfly is one stride-1 loop over frames, which the JIT
 * vectorises. A per-frame FFT library (JTransforms) runs scalar; this takes about 0.6 of its time (BENCHMARKS.md).
 *
 * <p>C2 on Java 17 vectorises a loop only when its body is small and every array in it is indexed alike, so the
 * loops here are kept to that shape: one store per loop, no offsets between the arrays it reads and writes.
 *
 * <p>The real n-point transform is a complex one of n/2 points on {@code z[m] = x[2m] + i x[2m+1]}, untangled
 * afterwards; the complex transform is a decimation-in-frequency radix-2 FFT, recursing depth first so that the
 * smaller stages run in cache, leaving its output in bit-reversed row order, which costs nothing to read.
 */
final class BatchedStft {
    /** Frames transformed together at most: long loops for the JIT; the buffers of 2048-point frames take 2 MiB. */
    private static final int MAX_BATCH = 128;
    /** Samples per batch (n_fft x frames): a thread's buffers stay near 3 MiB (re, im, power) for any n_fft. */
    private static final int BATCH_SAMPLES = 1 << 18;
    /** n_fft above this would batch under 16 frames, loops too short to beat one FFT per frame. */
    private static final int MAX_N_FFT = BATCH_SAMPLES / 16;
    /** Phases gathered together: a 64-byte line of samples read at once, 16 columns still in L1. */
    private static final int PHASE_BLOCK = 16;

    private final int nFft;
    private final int hopLength;
    private final int winLength;
    private final int half;
    private final double[] window;
    private final double[] cosTable; // cos(2 pi j / half), j < half / 2: the complex FFT's twiddles
    private final double[] sinTable;
    private final double[] untangleCos; // cos(pi k / half), k <= half / 2: the real transform's twiddles
    private final double[] untangleSin;
    private final int[] bitReversed;
    // one batch: z = x[2m] + i x[2m+1] by row m, and one phase's samples hop by hop, also from hop b on
    private final double[][] re;
    private final double[][] im;
    private final double[][] columns;
    private final double[] shifted;
    private double[][] batchPower; // a batch's power, when the spectrogram takes more than one batch

    private BatchedStft(int nFft, int hopLength, int winLength) {
        if (!isSupported(nFft)) {
            throw new IllegalArgumentException("n_fft must be a power of two from 4 to " + MAX_N_FFT + ": " + nFft);
        }
        this.nFft = nFft;
        this.hopLength = hopLength;
        this.winLength = winLength;
        this.half = nFft / 2;
        this.window = Spectrogram.paddedHann(nFft, winLength);
        int batch = batchFrames(nFft);
        re = new double[half][batch];
        im = new double[half][batch];
        columns = new double[PHASE_BLOCK][batch + (nFft - 1) / hopLength];
        shifted = new double[batch];
        cosTable = new double[half / 2];
        sinTable = new double[half / 2];
        for (int j = 0; j < half / 2; j++) {
            cosTable[j] = Math.cos(2 * Math.PI * j / half);
            sinTable[j] = Math.sin(2 * Math.PI * j / half);
        }
        untangleCos = new double[half / 2 + 1];
        untangleSin = new double[half / 2 + 1];
        for (int k = 0; k <= half / 2; k++) {
            untangleCos[k] = Math.cos(Math.PI * k / half);
            untangleSin[k] = Math.sin(Math.PI * k / half);
        }
        int bits = Integer.numberOfTrailingZeros(half);
        bitReversed = new int[half];
        for (int k = 0; k < half; k++) {
            bitReversed[k] = Integer.reverse(k) >>> (32 - bits);
        }
    }

    /**
     * The calling thread's instance for these parameters. Tables and buffers are kept between calls (allocating
     * and zeroing them each time cost a third of the transform) until the thread ends or asks for other ones, or
     * the collector needs the memory.
     */
    static BatchedStft forThread(int nFft, int hopLength, int winLength) {
        java.lang.ref.SoftReference<BatchedStft> held = PER_THREAD.get();
        BatchedStft stft = held == null ? null : held.get();
        if (stft == null || stft.nFft != nFft || stft.hopLength != hopLength || stft.winLength != winLength) {
            stft = new BatchedStft(nFft, hopLength, winLength);
            PER_THREAD.set(new java.lang.ref.SoftReference<>(stft));
        }
        return stft;
    }

    /** Held softly: a server with many threads gets the memory back when it runs short. */
    private static final ThreadLocal<java.lang.ref.SoftReference<BatchedStft>> PER_THREAD = new ThreadLocal<>();

    static boolean isSupported(int nFft) {
        return nFft >= 4 && nFft <= MAX_N_FFT && Integer.bitCount(nFft) == 1;
    }

    private static int batchFrames(int nFft) {
        return Math.min(MAX_BATCH, BATCH_SAMPLES / nFft);
    }

    /** {@code S[bin][frame]} of a centred STFT with zero padding. */
    double[][] power(float[] y) {
        int frames = Spectrogram.frameCount(y.length, nFft, hopLength);
        double[][] byBin = new double[half + 1][frames];
        if (frames == 0) {
            return byBin;
        }
        int batches = (frames + batchFrames(nFft) - 1) / batchFrames(nFft);
        int size = (frames + batches - 1) / batches; // equal batches: no short last one with short loops
        for (int first = 0; first < frames; first += size) {
            int count = Math.min(size, frames - first);
            frame(y, first, count);
            transform(0, half, count);
            if (batches == 1) {
                untanglePower(count, byBin); // the batch's rows are the spectrogram's rows
            } else {
                if (batchPower == null) {
                    batchPower = new double[half + 1][batchFrames(nFft)];
                }
                untanglePower(count, batchPower);
                for (int k = 0; k <= half; k++) {
                    System.arraycopy(batchPower[k], 0, byBin[k], first, count);
                }
            }
        }
        return byBin;
    }

    /**
     * Windowed frames {@code first .. first+count} into the complex rows, {@code z[m] = x[2m] + i x[2m+1]}.
     * Sample p = b * hop + j of frame f is sample j of hop f + b, so one column per phase j, gathered hop by hop
     * and read from offset b, fills rows j, j + hop, j + 2 hop, ... (The offset is copied away first: C2 on Java
     * 17 does not vectorise a loop that reads {@code a[f + b]} and writes {@code c[f]}.)
     */
    private void frame(float[] y, int first, int count) {
        int pad = nFft / 2;
        int phases = Math.min(hopLength, nFft);
        int shifts = (nFft - 1) / hopLength;
        for (int j0 = 0; j0 < phases; j0 += PHASE_BLOCK) {
            int block = Math.min(PHASE_BLOCK, phases - j0);
            gather(y, first * hopLength + j0 - pad, block, count + shifts);
            for (int jj = 0; jj < block; jj++) {
                double[] column = columns[jj];
                for (int p = j0 + jj, b = 0; p < nFft; p += hopLength, b++) {
                    double[] samples = column;
                    if (b > 0) {
                        System.arraycopy(column, b, shifted, 0, count);
                        samples = shifted;
                    }
                    double w = window[p];
                    double[] row = (p & 1) == 0 ? re[p >> 1] : im[p >> 1];
                    for (int f = 0; f < count; f++) {
                        row[f] = w * samples[f];
                    }
                }
            }
        }
    }

    /**
     * {@code columns[jj][q] = y[start + q * hop + jj]} for {@code jj < block}, {@code q < hops}, zero outside y (the
     * centring's padding): a few neighbouring phases at once, so that each hop's samples are read in one run.
     */
    private void gather(float[] y, int start, int block, int hops) {
        for (int q = 0; q < hops; q++) {
            int from = start + q * hopLength;
            if (from >= 0 && from + block <= y.length) {
                for (int jj = 0; jj < block; jj++) {
                    columns[jj][q] = y[from + jj];
                }
            } else {
                for (int jj = 0; jj < block; jj++) {
                    int i = from + jj;
                    columns[jj][q] = i >= 0 && i < y.length ? y[i] : 0.0;
                }
            }
        }
    }

    /** In-place decimation-in-frequency FFT of rows {@code lo .. lo+size}; output in bit-reversed order. */
    private void transform(int lo, int size, int count) {
        int span = size / 2;
        int stride = half / size;
        for (int j = 0; j < span; j++) {
            int t = j * stride;
            butterfly(re[lo + j], im[lo + j], re[lo + j + span], im[lo + j + span], cosTable[t], -sinTable[t], count);
        }
        if (span > 1) {
            transform(lo, span, count);
            transform(lo + span, span, count);
        }
    }

    /** (a, b) to (a + b, (a - b) * w) for every frame. */
    private static void butterfly(double[] ar, double[] ai, double[] br, double[] bi, double wr, double wi,
                                  int count) {
        for (int f = 0; f < count; f++) {
            double xr = ar[f];
            double xi = ai[f];
            double yr = br[f];
            double yi = bi[f];
            ar[f] = xr + yr;
            ai[f] = xi + yi;
            double dr = xr - yr;
            double di = xi - yi;
            br[f] = dr * wr - di * wi;
            bi[f] = dr * wi + di * wr;
        }
    }

    /**
     * The real transform from the complex one: with Z = FFT(z), bins k and half - k are
     * {@code X = E +- W^k O}, E = (Z[k] + conj Z[half-k]) / 2, O = (Z[k] - conj Z[half-k]) / 2i, W = e^(-2 pi i / n).
     */
    private void untanglePower(int count, double[][] power) {
        for (int k = 0; k <= half / 2; k++) {
            int mirror = (half - k) & (half - 1); // Z[half] is Z[0]
            double[] zr = re[bitReversed[k]];
            double[] zi = im[bitReversed[k]];
            double[] mr = re[bitReversed[mirror]];
            double[] mi = im[bitReversed[mirror]];
            double c = untangleCos[k];
            double s = untangleSin[k];
            binPower(zr, zi, mr, mi, c, s, power[k], count);
            // bin half - k is the same formula with Z[k] and Z[half-k] swapped and W^(half-k) = -conj(W^k)
            binPower(mr, mi, zr, zi, -c, s, power[half - k], count);
        }
    }

    /** |E + W^k O|^2 for every frame, with 2E and 2O formed from the two rows. */
    private static void binPower(double[] zr, double[] zi, double[] mr, double[] mi, double c, double s,
                                 double[] out, int count) {
        for (int f = 0; f < count; f++) {
            double er = zr[f] + mr[f];
            double ei = zi[f] - mi[f];
            double or = zi[f] + mi[f];
            double oi = mr[f] - zr[f];
            double xr = er + c * or + s * oi;
            double xi = ei + c * oi - s * or;
            out[f] = 0.25 * (xr * xr + xi * xi);
        }
    }
}
