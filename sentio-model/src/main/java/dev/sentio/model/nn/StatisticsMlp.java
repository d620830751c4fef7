package dev.sentio.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.sentio.model.nn.SequenceBatch;

/**
 * Utterance statistics into a small perceptron: the mean and standard deviation of every feature column over
 * the utterance's real frames (padding masked out), then two ReLU layers with dropout. It sees no frame order,
 * which makes it hard to over-fit to one voice's timing; the statistics of frame-level descriptors are what
 * openSMILE-style emotion recognisers build on. Inputs are a {@link SequenceBatch}. Built with
 * {@code pooledInput}, it takes utterances that are already one row each (the {@code functionals} model, whose
 * features are {@link dev.sentio.features.Functionals}) and feeds that row to the same layers.
 */
public final class StatisticsMlp extends AbstractBlock {
    private static final byte VERSION = 1;
    private final Linear first;
    private final Linear second;
    private final Dropout firstDropout;
    private final Dropout secondDropout;
    private final Linear output;
    private final int hidden;
    private final boolean pooledInput;

    public StatisticsMlp(int classes, boolean pooledInput) {
        this(classes, 256, 0.5f, pooledInput);
    }

    public StatisticsMlp(int classes, int hidden, float dropoutRate, boolean pooledInput) {
        super(VERSION);
        this.hidden = hidden;
        this.pooledInput = pooledInput;
        this.first = addChildBlock("first", Linear.builder().setUnits(hidden).build());
        this.firstDropout = addChildBlock("firstDropout", Dropout.builder().optRate(dropoutRate).build());
        this.second = addChildBlock("second", Linear.builder().setUnits(hidden / 2).build());
        this.secondDropout = addChildBlock("secondDropout", Dropout.builder().optRate(dropoutRate).build());
        this.output = addChildBlock("output", Linear.builder().setUnits(classes).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray frames = inputs.get(SequenceBatch.FEATURES);
        NDArray x = pooledInput ? frames.get(":, 0, :") : statistics(frames, inputs.get(SequenceBatch.VALID));
        x = Activation.relu(first.forward(ps, new NDList(x), training).head());
        x = firstDropout.forward(ps, new NDList(x), training).head();
        x = Activation.relu(second.forward(ps, new NDList(x), training).head());
        x = secondDropout.forward(ps, new NDList(x), training).head();
        return output.forward(ps, new NDList(x), training);
    }

    /** [B, T, C] frames and [B, T, 1] validity into [B, 2C]: masked mean, then masked standard deviation. */
    static NDArray statistics(NDArray frames, NDArray valid) {
        NDArray count = valid.sum(new int[] {1});                       // [B, 1]
        NDArray mean = frames.mul(valid).sum(new int[] {1}).div(count);  // [B, C]
        NDArray centred = frames.sub(mean.expandDims(1)).mul(valid);
        NDArray sd = centred.square().sum(new int[] {1}).div(count).add(1e-5f).sqrt();
        return mean.concat(sd, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return output.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), hidden / 2)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long columns = inputShapes[0].get(2);
        first.initialize(manager, dataType, new Shape(batch, pooledInput ? columns : 2 * columns));
        firstDropout.initialize(manager, dataType, new Shape(batch, hidden));
        second.initialize(manager, dataType, new Shape(batch, hidden));
        secondDropout.initialize(manager, dataType, new Shape(batch, hidden / 2));
        output.initialize(manager, dataType, new Shape(batch, hidden / 2));
    }
}
