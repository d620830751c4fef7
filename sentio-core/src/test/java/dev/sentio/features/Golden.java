package dev.sentio.features;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Comparison of computed values with librosa's golden JSON, which is laid out [row][frame]. */
final class Golden {
    private Golden() {
    }

    /**
     * Asserts |actual - expected| <= max(abs, rel * |expected|) for every element of a frame-major matrix;
     * returns the worst error as a fraction of its bound, for the report.
     */
    static double assertClose(String what, JsonNode expected, double[][] actualFrameMajor, double rel, double abs) {
        assertEquals(expected.get(0).size(), actualFrameMajor.length, what + ": frame count");
        double worst = 0;
        for (int r = 0; r < expected.size(); r++) {
            JsonNode row = expected.get(r);
            for (int t = 0; t < row.size(); t++) {
                double e = row.get(t).asDouble();
                double a = actualFrameMajor[t][r];
                double bound = Math.max(abs, rel * Math.abs(e));
                worst = Math.max(worst, Math.abs(a - e) / bound);
                if (!(Math.abs(a - e) <= bound)) {
                    fail(String.format("%s[%d][%d]: expected %.9g, got %.9g (bound %.3g)", what, r, t, e, a, bound));
                }
            }
        }
        return worst;
    }

    /** The same for a vector (one value per frame). */
    static double assertClose(String what, JsonNode expected, double[] actual, double rel, double abs) {
        double[][] m = new double[actual.length][1];
        for (int i = 0; i < actual.length; i++) {
            m[i][0] = actual[i];
        }
        com.fasterxml.jackson.databind.node.ArrayNode wrapped =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        wrapped.add(expected);
        return assertClose(what, wrapped, m, rel, abs);
    }

    /** The first {@code rows} x {@code frames} corner of a frame-major matrix. */
    static double[][] corner(double[][] m, int frames, int rows) {
        double[][] c = new double[frames][rows];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(m[t], 0, c[t], 0, rows);
        }
        return c;
    }
}
