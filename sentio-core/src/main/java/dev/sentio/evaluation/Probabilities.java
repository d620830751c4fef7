package dev.sentio.evaluation;

/**
 * What predictions do with a class-probability vector, in one place for inference, evaluation and calibration:
 * the softmax of scores, the most probable class, the renormalisation over a subset of the classes, and how an
 * ensemble's networks' probabilities become one.
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

    /** The arithmetic mean of several probability vectors over the same classes (how format-2 ensembles combine). */
    public static float[] mean(float[][] members) {
        float[] out = new float[members[0].length];
        for (float[] p : members) {
            for (int c = 0; c < out.length; c++) {
                out[c] += p[c] / members.length;
            }
        }
        return out;
    }

    /**
     * The geometric mean of several probability vectors, renormalised: the softmax of their mean log-probability
     * (floored at 1e-38, as {@link Calibration#temper} floors). Tempering it with T is the same as dividing every
     * network's log-probabilities by T before they are combined, so one temperature fits an ensemble as it fits one
     * network; tempering an arithmetic mean is not (that mixture is already flattened where the networks disagree).
     */
    public static float[] geometricMean(float[][] members) {
        double[] logs = new double[members[0].length];
        for (float[] p : members) {
            for (int c = 0; c < logs.length; c++) {
                logs[c] += Math.log(Math.max(p[c], 1e-38)) / members.length;
            }
        }
        return softmax(logs);
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
