package dev.sentio.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import dev.sentio.model.train.RmsPropOptimizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DJL's PyTorch engine loads from the bundled native jar with the network off (DJL_OFFLINE, ai.djl.offline),
 * and the seed's two-layer LSTM learns a toy sequence task on the CPU with Sentio's RMSprop.
 */
class DjlOfflineSmokeTest {
    @Test
    void seedShapedLstmLearnsOffline() {
        assertEquals("true", System.getProperty("ai.djl.offline"), "tests must run with ai.djl.offline=true");
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals("PyTorch", engine.getEngineName());
        // LSTM(64) x 2, the last time step, a dense layer: the seed network's shape
        SequentialBlock model = new SequentialBlock()
                .add(LSTM.builder().setStateSize(64).setNumLayers(2).optBatchFirst(true).optReturnState(false).build())
                .add(x -> new NDList(x.singletonOrThrow().get(":, -1, :")))
                .add(Linear.builder().setUnits(2).build());
        try (NDManager manager = NDManager.newBaseManager(); Model m = Model.newInstance("smoke")) {
            m.setBlock(model);
            manager.getEngine().setRandomSeed(7);
            // class 1: sequences whose first feature rises over time; class 0: falls
            int batch = 32;
            int steps = 20;
            float[] data = new float[batch * steps * 4];
            float[] labels = new float[batch];
            java.util.Random r = new java.util.Random(1);
            for (int b = 0; b < batch; b++) {
                labels[b] = b % 2;
                for (int t = 0; t < steps; t++) {
                    for (int f = 0; f < 4; f++) {
                        float trend = f == 0 ? (labels[b] == 1 ? t : steps - t) / (float) steps : 0f;
                        data[(b * steps + t) * 4 + f] = trend + 0.1f * (float) r.nextGaussian();
                    }
                }
            }
            NDArray x = manager.create(data, new Shape(batch, steps, 4));
            NDArray y = manager.create(labels);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(RmsPropOptimizer.builder().optLearningRateTracker(Tracker.fixed(0.01f)).build());
            try (Trainer trainer = m.newTrainer(config)) {
                trainer.initialize(new Shape(batch, steps, 4));
                float first = 0;
                float last = 0;
                for (int epoch = 0; epoch < 40; epoch++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray loss = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(y), new NDList(out));
                        gc.backward(loss);
                        last = loss.getFloat();
                        if (epoch == 0) {
                            first = last;
                        }
                    }
                    trainer.step();
                }
                assertTrue(last < first * 0.5f, "loss fell from " + first + " to " + last);
            }
        }
    }
}
