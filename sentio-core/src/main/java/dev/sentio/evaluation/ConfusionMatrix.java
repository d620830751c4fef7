package dev.sentio.evaluation;

import java.util.List;

/**
 * Counts of (true label, predicted label) and the figures derived from them: WA (accuracy), UAR (mean
 * per-class recall over the classes present in the truth), macro-F1, per-class precision and recall.
 */
public final class ConfusionMatrix {
    private final List<String> labels;
    private final long[][] counts;

    public ConfusionMatrix(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.counts = new long[labels.size()][labels.size()];
    }

    /** A matrix holding these counts [truth][predicted] (e.g. read back from a saved fold). */
    public static ConfusionMatrix of(List<String> labels, long[][] counts) {
        ConfusionMatrix m = new ConfusionMatrix(labels);
        if (counts.length != labels.size()) {
            throw new IllegalArgumentException(counts.length + " rows of counts for " + labels.size() + " labels");
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != labels.size()) {
                throw new IllegalArgumentException("row " + i + " has " + counts[i].length + " counts for "
                        + labels.size() + " labels");
            }
            System.arraycopy(counts[i], 0, m.counts[i], 0, counts[i].length);
        }
        return m;
    }

    public void add(int truth, int predicted) {
        counts[truth][predicted]++;
    }

    /** Adds every count of {@code other} (same labels), e.g. to pool folds. */
    public void addAll(ConfusionMatrix other) {
        if (!other.labels.equals(labels)) {
            throw new IllegalArgumentException("confusion matrices over different labels: " + labels + " vs " + other.labels);
        }
        addByLabel(other);
    }

    /** Adds every count of {@code other}, whose labels are some of these, matched by name (folds tested on
     *  different label sets, pooled). */
    public void addByLabel(ConfusionMatrix other) {
        int[] at = new int[other.labels.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = labels.indexOf(other.labels.get(i));
            if (at[i] < 0) {
                throw new IllegalArgumentException("label " + other.labels.get(i) + " is not among " + labels);
            }
        }
        for (int i = 0; i < at.length; i++) {
            for (int j = 0; j < at.length; j++) {
                counts[at[i]][at[j]] += other.counts[i][j];
            }
        }
    }

    public List<String> labels() {
        return labels;
    }

    /** A copy of the counts [truth][predicted]. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Utterances whose true class is i (row i's total). */
    public long support(int i) {
        long s = 0;
        for (long c : counts[i]) {
            s += c;
        }
        return s;
    }

    private long columnSum(int j) {
        long s = 0;
        for (long[] row : counts) {
            s += row[j];
        }
        return s;
    }

    /** Weighted accuracy: correct / all. */
    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < counts.length; i++) {
            correct += counts[i][i];
        }
        long n = total();
        return n == 0 ? Double.NaN : correct / (double) n;
    }

    /** Recall of class i, NaN when the class never occurs in the truth. */
    public double recall(int i) {
        long n = support(i);
        return n == 0 ? Double.NaN : counts[i][i] / (double) n;
    }

    /** Precision of class i; 0 when the class is never predicted but occurs, NaN when it does neither. */
    public double precision(int i) {
        long predicted = columnSum(i);
        if (predicted == 0) {
            return support(i) == 0 ? Double.NaN : 0.0;
        }
        return counts[i][i] / (double) predicted;
    }

    public double f1(int i) {
        double p = precision(i);
        double r = recall(i);
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return Double.NaN;
        }
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /** Unweighted average recall over the classes present in the truth. */
    public double uar() {
        return meanIgnoringNaN(this::recall);
    }

    public double macroF1() {
        return meanIgnoringNaN(this::f1);
    }

    private double meanIgnoringNaN(java.util.function.IntToDoubleFunction perClass) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < counts.length; i++) {
            double v = perClass.applyAsDouble(i);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
