package dev.sentio.model.nn;

import ai.djl.nn.Block;
import dev.sentio.model.PlainWeights;
import dev.sentio.model.train.SequenceClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sentio's two ways of running a network give the right probabilities on any processor: the plain-Java forward
 * pass ({@code predict}) against a hand-written LSTM, and DJL's batched, padded forward pass (evaluation and
 * validation during training) against the plain-Java one, for every architecture.
 */
class PlainNetworkTest {
    /** A hand-written PyTorch LSTM step in double: gates i, f, g, o from W_ih x + b_ih + W_hh h + b_hh. */
    private static double[][] lstmByHand(double[][] wi, double[][] wh, double[] bi, double[] bh, double[][] xs) {
        int hidden = wh[0].length;
        double[] h = new double[hidden];
        double[] c = new double[hidden];
        double[][] out = new double[xs.length][];
        for (int t = 0; t < xs.length; t++) {
            double[] g = new double[4 * hidden];
            for (int k = 0; k < g.length; k++) {
                g[k] = bi[k] + bh[k];
                for (int i = 0; i < xs[t].length; i++) {
                    g[k] += wi[k][i] * xs[t][i];
                }
                for (int j = 0; j < hidden; j++) {
                    g[k] += wh[k][j] * h[j];
                }
            }
            double[] next = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double in = 1 / (1 + Math.exp(-g[j]));
                double forget = 1 / (1 + Math.exp(-g[hidden + j]));
                double cell = Math.tanh(g[2 * hidden + j]);
                double o = 1 / (1 + Math.exp(-g[3 * hidden + j]));
                c[j] = forget * c[j] + in * cell;
                next[j] = o * Math.tanh(c[j]);
            }
            h = next;
            out[t] = next;
        }
        return out;
    }

    private static float[] flat(double[][] m) {
        float[] f = new float[m.length * m[0].length];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[0].length; c++) {
                f[r * m[0].length + c] = (float) m[r][c];
            }
        }
        return f;
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static double[][] gaussian(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = r.nextGaussian() * 0.7;
            }
        }
        return m;
    }

    @Test
    void plainLstmEqualsAHandWrittenOne() {
        Random r = new Random(5);
        int inputs = 3;
        int hidden = 4;
        double[][] wi = gaussian(r, 4 * hidden, inputs);
        double[][] wh = gaussian(r, 4 * hidden, hidden);
        double[] bi = gaussian(r, 1, 4 * hidden)[0];
        double[] bh = gaussian(r, 1, 4 * hidden)[0];
        double[][] xs = gaussian(r, 9, inputs);
        Map<String, PlainWeights.Tensor> w = Map.of(
                "01lstm_l_0_i2h_WEIGHT", new PlainWeights.Tensor(new long[] {4 * hidden, inputs}, flat(wi)),
                "01lstm_l_0_h2h_WEIGHT", new PlainWeights.Tensor(new long[] {4 * hidden, hidden}, flat(wh)),
                "01lstm_l_0_i2h_BIAS", new PlainWeights.Tensor(new long[] {4 * hidden}, floats(bi)),
                "01lstm_l_0_h2h_BIAS", new PlainWeights.Tensor(new long[] {4 * hidden}, floats(bh)));
        float[][] frames = new float[xs.length][];
        for (int t = 0; t < xs.length; t++) {
            frames[t] = floats(xs[t]);
        }
        float[][] plain = PlainLayers.Lstm.of(w, "lstm", 0).run(frames);
        double[][] expected = lstmByHand(wi, wh, bi, bh, xs);
        for (int t = 0; t < xs.length; t++) {
            assertArrayEquals(floats(expected[t]), plain[t], 1e-5f, "frame " + t);
        }
    }

    private static SequenceClassifier.Data sequences(int n, int columns, long seed) {
        Random r = new Random(seed);
        List<float[][]> seqs = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            // lengths vary, so DJL's batches carry padding that the plain pass never sees
            float[][] s = new float[3 + r.nextInt(30)][columns];
            for (float[] frame : s) {
                for (int c = 0; c < columns; c++) {
                    frame[c] = (float) r.nextGaussian() + (c == labels[i] ? 1 : 0);
                }
            }
            seqs.add(s);
        }
        return new SequenceClassifier.Data(seqs, labels);
    }

    private static Block block(String architecture) {
        switch (architecture) {
            case "seed":
                return new SeedLstm(3, 16);
            case "attentive":
                return new AttentiveBiLstm(3, 16, 0.3f);
            case "statistics":
                return new StatisticsMlp(3, 32, 0.5f, false);
            default:
                return new StatisticsMlp(3, 32, 0.5f, true);
        }
    }

    /** Evaluation's DJL forward pass (batches of up to 64, padded) equals the plain-Java pass of each utterance. */
    @ParameterizedTest
    @ValueSource(strings = {"seed", "attentive", "statistics", "functionals"})
    void djlForwardPassEqualsThePlainOne(String architecture) {
        int columns = 5;
        SequenceClassifier.Data data = sequences(90, columns, 1);
        if (architecture.equals("functionals")) {
            data = new SequenceClassifier.Data(data.sequences().stream().map(s -> new float[][] {s[0]}).toList(),
                    data.labels());
        }
        SequenceClassifier.Settings s = new SequenceClassifier.Settings(2, 2, 2, 16, 5e-3f, 3);
        try (SequenceClassifier c = SequenceClassifier.train(block(architecture), 3, data, data, s, e -> { })) {
            PlainNetwork plain = PlainNetwork.of(architecture, PlainWeights.decode(c.plainWeights()));
            float[][] djl = c.probabilities(data.sequences());
            for (int i = 0; i < djl.length; i++) {
                float[] p = plain.probabilities(data.sequences().get(i));
                assertArrayEquals(djl[i], p, 2e-5f, architecture + ", utterance " + i);
                double total = 0;
                for (float v : p) {
                    total += v;
                }
                assertEquals(1.0, total, 1e-5);
            }
        }
    }

    @Test
    void weightsThatDoNotFitTheArchitectureAreRefused() {
        try (SequenceClassifier c = SequenceClassifier.train(block("statistics"), 3, sequences(6, 5, 1),
                sequences(3, 5, 2), new SequenceClassifier.Settings(1, 1, 1, 8, 1e-3f, 1), e -> { })) {
            Map<String, PlainWeights.Tensor> w = PlainWeights.decode(c.plainWeights());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlainNetwork.of("seed", w));
            assertTrue(e.getMessage().startsWith("no parameter 'lstm_l_0_i2h_WEIGHT' in the weights (they hold ["), e.getMessage());
        }
    }
}
