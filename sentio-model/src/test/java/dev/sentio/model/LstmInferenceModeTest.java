package dev.sentio.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins a DJL 0.36 / PyTorch 2.7.1 defect that Sentio works around: the engine's LSTM gives wrong outputs
 * when gradient mode is off (plain inference), and right ones in gradient mode. The test computes the LSTM by
 * hand from the block's own parameters. If a DJL upgrade fixes the defect, the second assertion fails and the
 * workaround in SequenceClassifier can go.
 */
class LstmInferenceModeTest {
    @Test
    void gradientModeMatchesAHandWrittenLstmAndPlainInferenceDoesNot() {
        try (Model model = Model.newInstance("lstm")) {
            LSTM lstm = LSTM.builder().setStateSize(4).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
            model.setBlock(lstm);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
                trainer.initialize(new Shape(2, 3, 3));
                NDManager m = trainer.getManager();
                m.getEngine().setRandomSeed(3);
                NDArray x = m.randomNormal(new Shape(2, 3, 3));
                NDArray inGradientMode;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    inGradientMode = trainer.evaluate(new NDList(x)).head();
                }
                NDArray plain = trainer.evaluate(new NDList(x)).head();
                NDArray expected = byHand(lstm, x, m);
                assertTrue(expected.sub(inGradientMode).abs().max().getFloat() < 1e-5f, "gradient-mode LSTM is right");
                assertTrue(expected.sub(plain).abs().max().getFloat() > 1e-3f,
                        "plain-inference LSTM now matches: DJL fixed it, remove the workaround");
            }
        }
    }

    /** PyTorch's LSTM: gates i, f, g, o from W_ih x + b_ih + W_hh h + b_hh. */
    private static NDArray byHand(LSTM lstm, NDArray x, NDManager m) {
        NDArray wi = null;
        NDArray wh = null;
        NDArray bi = null;
        NDArray bh = null;
        for (var p : lstm.getParameters()) {
            String k = p.getKey();
            NDArray v = p.getValue().getArray();
            boolean input = k.contains("i2h");
            if (k.contains("WEIGHT")) {
                if (input) {
                    wi = v;
                } else {
                    wh = v;
                }
            } else if (input) {
                bi = v;
            } else {
                bh = v;
            }
        }
        int hidden = (int) wh.getShape().get(1);
        int batch = (int) x.getShape().get(0);
        int steps = (int) x.getShape().get(1);
        NDArray h = m.zeros(new Shape(batch, hidden));
        NDArray c = m.zeros(new Shape(batch, hidden));
        NDList outputs = new NDList();
        for (int t = 0; t < steps; t++) {
            NDArray g = x.get(":, " + t + ", :").matMul(wi.transpose()).add(bi).add(h.matMul(wh.transpose())).add(bh);
            NDArray i = sigmoid(g.get(":, 0:" + hidden));
            NDArray f = sigmoid(g.get(":, " + hidden + ":" + 2 * hidden));
            NDArray cell = g.get(":, " + 2 * hidden + ":" + 3 * hidden).tanh();
            NDArray o = sigmoid(g.get(":, " + 3 * hidden + ":" + 4 * hidden));
            c = f.mul(c).add(i.mul(cell));
            h = o.mul(c.tanh());
            outputs.add(h);
        }
        return NDArrays.stack(outputs, 1);
    }

    private static NDArray sigmoid(NDArray v) {
        return v.neg().exp().add(1).pow(-1);
    }
}
