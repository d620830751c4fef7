package dev.sentio.evaluation;

/**
 * What predictions do with a class-probability vector, in one place for inference, evaluation and calibration:
 * the softmax of scores, the most probable class, and the renormalisation over a subset of the classes.
 */
public final class Probabilities {
    private Probabilities() {
    }

    /** exp(x_k - max) / sum, in double, so that large scores neither overflow nor lose the small probabilities. */
    public static float[] softmax(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double total = 0;
        double[] e = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            e[k] = Math.exp(x[k] - max);
            total += e[k];
        }
        float[] out = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = (float) (e[k] / total);
        }
        return out;
    }

    /** The index of the largest value (the first of equals). */
    public static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The probabilities of the classes {@code kept} (indices into {@code p}), renormalised to sum to one. */
    public static float[] restrict(float[] p, int[] kept) {
        float[] out = new float[kept.length];
        double total = 0;
        for (int k : kept) {
            total += p[k];
        }
        for (int k = 0; k < kept.length; k++) {
            out[k] = total > 0 ? (float) (p[kept[k]] / total) : 1f / kept.length;
        }
        return out;
    }
}
