package dev.sentio.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Utterance-level functionals of frame-wise features, the openSMILE way of summarising a recording: per column
 * the mean, standard deviation, skewness, kurtosis, 10th, 50th and 90th percentiles, and the mean absolute and
 * root-mean-square change from one frame to the next. Moments are population moments; percentiles interpolate
 * linearly between order statistics, as {@code numpy.percentile} does by default.
 */
public final class Functionals {
    /** The functionals of each column, in output order. */
    public static final List<String> NAMES = List.of("mean", "sd", "skew", "kurtosis", "p10", "median", "p90",
            "dabs", "drms");
    private static final double[] PERCENTILES = {0.1, 0.5, 0.9};
    /** Below this variance a column counts as constant: its skewness and kurtosis are reported as 0. */
    private static final double FLAT = 1e-12;

    private Functionals() {
    }

    /** One row of {@code NAMES.size()} values per column, column by column. */
    public static float[] of(float[][] frames) {
        if (frames.length == 0) {
            throw new IllegalArgumentException("functionals need at least one frame");
        }
        int n = frames.length;
        int columns = frames[0].length;
        float[] out = new float[columns * NAMES.size()];
        double[] column = new double[n];
        for (int c = 0; c < columns; c++) {
            double mean = 0;
            for (int t = 0; t < n; t++) {
                column[t] = frames[t][c];
                mean += column[t];
            }
            mean /= n;
            double m2 = 0;
            double m3 = 0;
            double m4 = 0;
            for (double v : column) {
                double d = v - mean;
                double d2 = d * d;
                m2 += d2;
                m3 += d2 * d;
                m4 += d2 * d2;
            }
            m2 /= n;
            m3 /= n;
            m4 /= n;
            double changeAbs = 0;
            double changeSquares = 0;
            for (int t = 1; t < n; t++) {
                double d = column[t] - column[t - 1];
                changeAbs += Math.abs(d);
                changeSquares += d * d;
            }
            int changes = Math.max(1, n - 1);
            Arrays.sort(column);
            int o = c * NAMES.size();
            out[o] = (float) mean;
            out[o + 1] = (float) Math.sqrt(m2);
            out[o + 2] = m2 > FLAT ? (float) (m3 / Math.pow(m2, 1.5)) : 0f;
            out[o + 3] = m2 > FLAT ? (float) (m4 / (m2 * m2)) : 0f;
            for (int p = 0; p < PERCENTILES.length; p++) {
                out[o + 4 + p] = (float) percentileOfSorted(column, PERCENTILES[p]);
            }
            out[o + 7] = (float) (changeAbs / changes);
            out[o + 8] = (float) Math.sqrt(changeSquares / changes);
        }
        return out;
    }

    /** {@code numpy.percentile(x, 100 q)} of ascending values: linear between the two nearest ranks. */
    static double percentileOfSorted(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(sorted.length - 1, below + 1);
        double frac = rank - below;
        return sorted[below] + frac * (sorted[above] - sorted[below]);
    }

    /** The names of {@link #of}'s values: {@code <column>_<functional>}, e.g. mfcc_0_mean, rms_p90. */
    public static List<String> names(List<String> columns) {
        List<String> names = new ArrayList<>(columns.size() * NAMES.size());
        for (String column : columns) {
            for (String f : NAMES) {
                names.add(column + "_" + f);
            }
        }
        return names;
    }
}
