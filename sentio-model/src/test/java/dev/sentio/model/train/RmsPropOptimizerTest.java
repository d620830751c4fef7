package dev.sentio.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class RmsPropOptimizerTest {
    @Test
    void twoStepsMatchTheFormula() {
        RmsPropOptimizer rms = RmsPropOptimizer.builder().optLearningRateTracker(Tracker.fixed(0.1f))
                .optRho(0.9f).optEpsilon(1e-7f).build();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f, 2f});
            double[] ms = {0, 0};
            double[] expected = {1, 2};
            float[][] grads = {{0.5f, -1f}, {0.25f, 2f}};
            for (float[] g : grads) {
                rms.update("w", w, m.create(g));
                for (int i = 0; i < 2; i++) {
                    ms[i] = 0.9 * ms[i] + 0.1 * g[i] * g[i];
                    expected[i] -= 0.1 * g[i] / (Math.sqrt(ms[i]) + 1e-7);
                }
            }
            assertArrayEquals(new float[] {(float) expected[0], (float) expected[1]}, w.toFloatArray(), 1e-5f);
        }
    }

    /** DJL hands optimizers a copy of the gradient: the weight's own gradient must be cleared, or steps add up. */
    @Test
    void clearsTheWeightsOwnGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f, 2f});
            w.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector gc = m.getEngine().newGradientCollector()) {
                gc.backward(w.mul(3).sum());
            }
            assertArrayEquals(new float[] {3f, 3f}, w.getGradient().toFloatArray());
            RmsPropOptimizer.builder().build().update("w", w, w.getGradient().duplicate());
            assertArrayEquals(new float[] {0f, 0f}, w.getGradient().toFloatArray());
        }
    }
}
