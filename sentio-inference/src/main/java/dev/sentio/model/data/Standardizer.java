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
        int columns = sequences.get(0)[0].length;
        double[] sum = new double[columns];
        double[] sumSquares = new double[columns];
        long n = 0;
        for (float[][] seq : sequences) {
            for (float[] frame : seq) {
                for (int c = 0; c < columns; c++) {
                    sum[c] += frame[c];
                    sumSquares[c] += (double) frame[c] * frame[c];
                }
                n++;
            }
        }
        float[] mean = new float[columns];
        float[] std = new float[columns];
        for (int c = 0; c < columns; c++) {
            double m = sum[c] / n;
            double var = Math.max(0, sumSquares[c] / n - m * m);
            mean[c] = (float) m;
            std[c] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
        return new Standardizer(mean, std);
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
