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
}
