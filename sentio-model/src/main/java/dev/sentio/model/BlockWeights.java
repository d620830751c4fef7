package dev.sentio.model;

import ai.djl.nn.Block;

import java.util.LinkedHashMap;
import java.util.Map;

/** A DJL block's parameters as {@link PlainWeights} tensors, for bundles that predict without an engine. */
public final class BlockWeights {
    private BlockWeights() {
    }

    /** The block's parameters by their names in the block (e.g. {@code 01first_weight}), in the block's order. */
    public static Map<String, PlainWeights.Tensor> of(Block block) {
        Map<String, PlainWeights.Tensor> tensors = new LinkedHashMap<>();
        for (var p : block.getParameters()) {
            tensors.put(p.getKey(), new PlainWeights.Tensor(p.getValue().getArray().getShape().getShape(),
                    p.getValue().getArray().toFloatArray()));
        }
        return tensors;
    }
}
