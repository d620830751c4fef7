package dev.sentio.features;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Comparison of computed values with librosa's golden JSON, which is laid out [row][frame]. */
final class Golden {
    private Golden() {
    }

    /**
     * Asserts |actual - expected| <= max(abs, rel * |expected|) for every element of a [row][frame] matrix, the
     * layout of librosa and of Sentio's features; returns the worst error as a fraction of its bound, for the report.
     */
    static double assertClose(String what, JsonNode expected, double[][] actual, double rel, double abs) {
        assertEquals(expected.size(), actual.length, what + ": row count");
        double worst = 0;
        for (int r = 0; r < expected.size(); r++) {
            JsonNode row = expected.get(r);
            assertEquals(row.size(), actual[r].length, what + ": frame count");
            for (int t = 0; t < row.size(); t++) {
                double e = row.get(t).asDouble();
                double a = actual[r][t];
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
        com.fasterxml.jackson.databind.node.ArrayNode wrapped =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        wrapped.add(expected);
        return assertClose(what, wrapped, new double[][] {actual}, rel, abs);
    }

    /** The first {@code rows} x {@code frames} corner of a [row][frame] matrix. */
    static double[][] corner(double[][] m, int rows, int frames) {
        double[][] c = new double[rows][frames];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(m[r], 0, c[r], 0, frames);
        }
        return c;
    }
}
