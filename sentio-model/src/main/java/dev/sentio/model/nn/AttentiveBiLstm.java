package dev.sentio.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.sentio.model.nn.SequenceBatch;

/**
 * A stronger recogniser: a bidirectional LSTM whose every frame is weighed by learned attention, pooled over
 * the utterance's real frames only. Inputs are a {@link dev.sentio.model.nn.SequenceBatch}: features, the
 * same features reversed within each utterance's length (padding stays at the end, so the backward direction
 * never reads padding first), and a validity mask. Each direction is attention-pooled separately (attention
 * needs no time alignment), then both go through dropout and a dense layer.
 */
public final class AttentiveBiLstm extends AbstractBlock {
    private static final byte VERSION = 1;
    private final LSTM forward;
    private final LSTM backward;
    private final Linear forwardScore;
    private final Linear backwardScore;
    private final Dropout dropout;
    private final Linear output;
    private final int hidden;

    public AttentiveBiLstm(int classes) {
        this(classes, 64, 0.3f);
    }

    public AttentiveBiLstm(int classes, int hidden, float dropoutRate) {
        super(VERSION);
        this.hidden = hidden;
        this.forward = addChildBlock("forward", lstm(hidden));
        this.backward = addChildBlock("backward", lstm(hidden));
        this.forwardScore = addChildBlock("forwardScore", Linear.builder().setUnits(1).build());
        this.backwardScore = addChildBlock("backwardScore", Linear.builder().setUnits(1).build());
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
        this.output = addChildBlock("output", Linear.builder().setUnits(classes).build());
    }

    private static LSTM lstm(int hidden) {
        return LSTM.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray mask = inputs.get(SequenceBatch.VALID);
        NDArray f = pool(forward.forward(ps, new NDList(inputs.get(SequenceBatch.FEATURES)), training).head(),
                forwardScore, mask, ps, training);
        NDArray b = pool(backward.forward(ps, new NDList(inputs.get(SequenceBatch.REVERSED)), training).head(),
                backwardScore, mask, ps, training);
        NDArray both = f.concat(b, 1);
        both = dropout.forward(ps, new NDList(both), training).head();
        return output.forward(ps, new NDList(both), training);
    }

    /** Softmax attention over the valid frames: scores of padding frames are pushed to -1e9 first. */
    private static NDArray pool(NDArray states, Linear score, NDArray mask, ParameterStore ps, boolean training) {
        NDArray s = score.forward(ps, new NDList(states.tanh()), training).head(); // [B, T, 1]
        s = s.add(mask.sub(1).mul(1e9f));
        NDArray weights = s.softmax(1);
        return states.mul(weights).sum(new int[] {1});
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return output.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), 2L * hidden)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        forward.initialize(manager, dataType, inputShapes[0]);
        backward.initialize(manager, dataType, inputShapes[0]);
        Shape states = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), hidden);
        forwardScore.initialize(manager, dataType, states);
        backwardScore.initialize(manager, dataType, states);
        dropout.initialize(manager, dataType, new Shape(inputShapes[0].get(0), 2L * hidden));
        output.initialize(manager, dataType, new Shape(inputShapes[0].get(0), 2L * hidden));
    }
}
