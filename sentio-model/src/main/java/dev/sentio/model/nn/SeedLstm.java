package dev.sentio.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The seed network: LSTM(64, return sequences) -> LSTM(64) -> dense softmax over the labels (logits here;
 * the loss applies the softmax). Inputs are a {@link dev.sentio.model.nn.SequenceBatch}; this block reads the
 * features and the last-frame selector. Padding comes after the real frames and the LSTM runs forwards, so the
 * state read at the last real frame never saw padding.
 */
public final class SeedLstm extends AbstractBlock {
    private static final byte VERSION = 1;
    private final LSTM lstm;
    private final Linear output;
    private final int hidden;

    public SeedLstm(int classes) {
        this(classes, 64);
    }

    public SeedLstm(int classes, int hidden) {
        super(VERSION);
        this.hidden = hidden;
        this.lstm = addChildBlock("lstm", LSTM.builder().setStateSize(hidden).setNumLayers(2).optBatchFirst(true)
                .optReturnState(false).build());
        this.output = addChildBlock("output", Linear.builder().setUnits(classes).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray states = lstm.forward(ps, new NDList(inputs.get(0)), training).head();
        NDArray last = states.mul(inputs.get(dev.sentio.model.nn.SequenceBatch.LAST_FRAME)).sum(new int[] {1});
        return output.forward(ps, new NDList(last), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return output.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), hidden)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        lstm.initialize(manager, dataType, inputShapes[0]);
        output.initialize(manager, dataType, new Shape(inputShapes[0].get(0), hidden));
    }
}
