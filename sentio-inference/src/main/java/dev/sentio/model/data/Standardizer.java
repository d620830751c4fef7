package dev.sentio.model.data;

import java.util.List;

/**
 * Per-feature standardisation, (x - mean) / std, with statistics fitted on training frames only, so that no
 * test speaker's data leaks into the normalisation.
 *
 * @param mean per column
 * @param std  per column (1 where a column is constant)
 */
public record Standardizer(float[] mean, float[] std) {

    public static Standardizer fit(List<float[][]> sequences) {
        Running r = new Running(sequences.get(0)[0].length);
        sequences.forEach(r::add);
        return r.current();
    }

    /** Statistics gathered as frames arrive (a recording's speech so far), the same as {@link #fit} on them all. */
    public static final class Running {
        private final double[] sum;
        private final double[] sumSquares;
        private long n;
        private long sequences;

        public Running(int columns) {
            sum = new double[columns];
            sumSquares = new double[columns];
        }

        public void add(float[][] sequence) {
            for (float[] frame : sequence) {
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += frame[c];
                    sumSquares[c] += (double) frame[c] * frame[c];
                }
                n++;
            }
            sequences++;
        }

        /** The statistics of one sequence. */
        public static Running of(float[][] sequence) {
            Running r = new Running(sequence[0].length);
            r.add(sequence);
            return r;
        }

        /** Sequences added so far. */
        public long sequences() {
            return sequences;
        }

        public Standardizer current() {
            float[] mean = new float[sum.length];
            float[] std = new float[sum.length];
            for (int c = 0; c < sum.length; c++) {
                double m = sum[c] / n;
                double var = Math.max(0, sumSquares[c] / n - m * m);
                mean[c] = (float) m;
                std[c] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
            }
            return new Standardizer(mean, std);
        }
    }

    /** Leaves features as they are. */
    public static Standardizer identity(int columns) {
        float[] zero = new float[columns];
        float[] one = new float[columns];
        java.util.Arrays.fill(one, 1f);
        return new Standardizer(zero, one);
    }

    /**
     * Speaker-level normalisation: each speaker's utterances standardised with that speaker's own statistics
     * (no labels used). It removes much of what distinguishes voices, but needs several utterances per speaker,
     * so it suits corpus evaluation, not a single file. Null entries (failed files) stay null.
     */
    public static List<float[][]> bySpeaker(List<String> speakers, List<float[][]> sequences) {
        java.util.Map<String, List<Integer>> groups = new java.util.TreeMap<>();
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.get(i) != null) {
                groups.computeIfAbsent(speakers.get(i), k -> new java.util.ArrayList<>()).add(i);
            }
        }
        List<float[][]> out = new java.util.ArrayList<>(sequences);
        for (List<Integer> idx : groups.values()) {
            Standardizer z = fit(idx.stream().map(sequences::get).toList());
            for (int i : idx) {
                out.set(i, z.apply(sequences.get(i)));
            }
        }
        return out;
    }

    public float[][] apply(float[][] sequence) {
        float[][] out = new float[sequence.length][];
        for (int t = 0; t < sequence.length; t++) {
            float[] row = new float[mean.length];
            for (int c = 0; c < row.length; c++) {
                row[c] = (sequence[t][c] - mean[c]) / std[c];
            }
            out[t] = row;
        }
        return out;
    }
}
