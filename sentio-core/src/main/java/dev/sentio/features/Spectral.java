package dev.sentio.features;

/** librosa's scalar conversions and small matrix helpers shared by the features. */
public final class Spectral {
    public static final double AMIN = 1e-10;
    public static final double TOP_DB = 80.0;
    private static final double TEN_OVER_LN10 = 10.0 / Math.log(10.0);

    private Spectral() {
    }

    /**
     * {@code librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=80)} in place: 10 log10(max(amin, S)),
     * floored at the maximum over the whole matrix minus top_db.
     */
    public static double[][] powerToDb(double[][] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : s) {
            for (int i = 0; i < row.length; i++) {
                row[i] = TEN_OVER_LN10 * Math.log(Math.max(AMIN, row[i]));
                max = Math.max(max, row[i]);
            }
        }
        double floor = max - TOP_DB;
        for (double[] row : s) {
            for (int i = 0; i < row.length; i++) {
                if (row[i] < floor) {
                    row[i] = floor;
                }
            }
        }
        return s;
    }

    /** {@code acc += w * x}, element by element: the inner loop of every filterbank product over frames. */
    static void addScaled(double[] acc, double w, double[] x) {
        for (int t = 0; t < acc.length; t++) {
            acc[t] += w * x[t];
        }
    }

    /** {@code acc += v * x + w * y}: two rows a pass halve the loads and stores of {@code acc}. */
    static void addScaled(double[] acc, double v, double[] x, double w, double[] y) {
        for (int t = 0; t < acc.length; t++) {
            acc[t] += v * x[t] + w * y[t];
        }
    }

    /**
     * {@code acc += sum_k weights[k] * rows[k]} over k in [from, to): one filterbank or DCT row applied to a
     * [row][frame] matrix, two rows a pass.
     */
    static void addWeightedRows(double[] acc, double[] weights, double[][] rows, int from, int to) {
        int k = from;
        for (; k + 1 < to; k += 2) {
            addScaled(acc, weights[k], rows[k], weights[k + 1], rows[k + 1]);
        }
        if (k < to) {
            addScaled(acc, weights[k], rows[k]);
        }
    }

    /** The largest magnitude in each column (frame) of a [row][frame] matrix: {@code np.abs(m).max(axis=0)}. */
    static double[] maxAbsPerFrame(double[][] m) {
        double[] max = new double[m[0].length];
        for (double[] row : m) {
            for (int t = 0; t < max.length; t++) {
                max[t] = Math.max(max[t], Math.abs(row[t]));
            }
        }
        return max;
    }
}
