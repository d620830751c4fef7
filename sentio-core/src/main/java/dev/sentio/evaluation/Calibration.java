package dev.sentio.evaluation;

import java.util.List;

/**
 * How far confidences are from being probabilities: predictions binned by their confidence (15 equal-width
 * bins, as usual for the expected calibration error), each bin's mean confidence against its accuracy.
 * ECE = sum over bins of (bin size / total) x |accuracy - mean confidence|.
 */
public final class Calibration {
    public static final int BINS = 15;
    private final long[] count = new long[BINS];
    private final double[] confidence = new double[BINS];
    private final long[] correct = new long[BINS];

    /** One prediction: its confidence (the chosen label's probability) and whether it was right. */
    public void add(double p, boolean right) {
        int bin = Math.min(BINS - 1, Math.max(0, (int) Math.ceil(p * BINS) - 1));
        count[bin]++;
        confidence[bin] += p;
        correct[bin] += right ? 1 : 0;
    }

    public void addAll(Calibration other) {
        for (int b = 0; b < BINS; b++) {
            count[b] += other.count[b];
            confidence[b] += other.confidence[b];
            correct[b] += other.correct[b];
        }
    }

    public long total() {
        long n = 0;
        for (long c : count) {
            n += c;
        }
        return n;
    }

    /** The expected calibration error; NaN with no predictions. */
    public double ece() {
        long n = total();
        if (n == 0) {
            return Double.NaN;
        }
        double e = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                e += Math.abs(correct[b] / (double) count[b] - confidence[b] / count[b]) * count[b] / n;
            }
        }
        return e;
    }

    /** Mean confidence of all predictions. */
    public double meanConfidence() {
        double s = 0;
        for (double c : confidence) {
            s += c;
        }
        return s / total();
    }

    /** Per bin: [count, mean confidence, accuracy] (NaN for empty bins), for reliability diagrams. */
    public List<double[]> bins() {
        List<double[]> out = new java.util.ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            out.add(new double[] {count[b], count[b] == 0 ? Double.NaN : confidence[b] / count[b],
                    count[b] == 0 ? Double.NaN : correct[b] / (double) count[b]});
        }
        return out;
    }

    /** Saved form: [counts, confidence sums, correct counts]. */
    public double[][] state() {
        double[][] s = new double[3][BINS];
        for (int b = 0; b < BINS; b++) {
            s[0][b] = count[b];
            s[1][b] = confidence[b];
            s[2][b] = correct[b];
        }
        return s;
    }

    public static Calibration of(double[][] state) {
        Calibration c = new Calibration();
        for (int b = 0; b < BINS; b++) {
            c.count[b] = (long) state[0][b];
            c.confidence[b] = state[1][b];
            c.correct[b] = (long) state[2][b];
        }
        return c;
    }

    /**
     * The temperature T that minimises the negative log-likelihood of {@code labels} under the probabilities
     * {@code p} tempered to p^(1/T) (renormalised: the same as dividing the logits by T). Temperature scaling
     * keeps every prediction's ranking and changes only how sure it is.
     */
    public static double fitTemperature(float[][] p, int[] labels) {
        return fitTemperature(p, labels, null);
    }

    /**
     * As above, each prediction's log-likelihood weighted by {@code weights} (null: all the same), e.g. so that
     * every corpus counts the same whatever its size.
     */
    public static double fitTemperature(float[][] p, int[] labels, double[] weights) {
        // golden-section search on log T in [log 0.05, log 20]; the NLL is unimodal in T
        double lo = Math.log(0.05);
        double hi = Math.log(20);
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = nll(p, labels, weights, Math.exp(a));
        double fb = nll(p, labels, weights, Math.exp(b));
        for (int i = 0; i < 60; i++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = nll(p, labels, weights, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = nll(p, labels, weights, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    private static double nll(float[][] p, int[] labels, double[] weights, double t) {
        double s = 0;
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            double w = weights == null ? 1 : weights[i];
            s -= w * Math.log(Math.max(1e-30, temper(p[i], t)[labels[i]]));
            total += w;
        }
        return s / total;
    }

    /** p^(1/T), renormalised; computed in logs so that tiny probabilities neither vanish nor overflow. */
    public static float[] temper(float[] p, double t) {
        double[] logs = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            logs[k] = Math.log(Math.max(p[k], 1e-38)) / t;
        }
        return Probabilities.softmax(logs);
    }
}
