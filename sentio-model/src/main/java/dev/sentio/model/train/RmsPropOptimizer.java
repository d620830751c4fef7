package dev.sentio.model.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import dev.sentio.model.PlainWeights;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RMSprop (Hinton; Keras' and PyTorch's form, without momentum or centring), written with plain NDArray
 * operations because DJL's PyTorch engine has no fused RMSprop update:
 * {@code ms = rho * ms + (1 - rho) * g^2;  w -= lr * g / (sqrt(ms) + epsilon)}, where g is the gradient after
 * rescaling, clipping and weight decay. The seed trained with lr 1e-3, rho 0.9.
 */
public final class RmsPropOptimizer extends Optimizer {
    private final ParameterTracker learningRate;
    private final float rho;
    private final float epsilon;
    private final Map<String, Map<Device, NDArray>> meanSquares = new ConcurrentHashMap<>();

    private RmsPropOptimizer(Builder builder) {
        super(builder);
        this.learningRate = builder.learningRate;
        this.rho = builder.rho;
        this.epsilon = builder.epsilon;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float lr = learningRate.getNewValue(parameterId, updateCount(parameterId));
        NDArray ms = withDefaultState(meanSquares, parameterId, weight.getDevice(), k -> weight.zerosLike());
        try (NDArray g = effectiveGradient(weight, grad); NDArray g2 = g.square()) {
            ms.muli(rho).addi(g2.muli(1 - rho));
            try (NDArray root = ms.sqrt(); NDArray step = g.div(root.addi(epsilon))) {
                weight.subi(step.muli(lr));
            }
        }
        // DJL passes a copy of the gradient and counts on the optimizer to clear the weight's own one (its built-in
        // PyTorch optimizers do); left alone, gradients would add up over every step
        if (weight.hasGradient()) {
            try (NDArray own = weight.getGradient()) {
                own.muli(0);
            }
        }
    }

    /**
     * The running mean squares (for checkpoints), by each parameter's stable name: parameter ids are random per
     * network instance, so {@code names} maps id to name.
     */
    Map<String, PlainWeights.Tensor> state(Map<String, String> names) {
        Map<String, PlainWeights.Tensor> state = new TreeMap<>();
        meanSquares.forEach((id, perDevice) -> perDevice.values().stream().findFirst().ifPresent(a ->
                state.put(names.get(id), new PlainWeights.Tensor(a.getShape().getShape(), a.toFloatArray()))));
        return state;
    }

    /** Restores what {@link #state} gave, creating the arrays with {@code manager}; {@code ids}: name to id. */
    void restore(NDManager manager, Map<String, PlainWeights.Tensor> state, Map<String, String> ids) {
        state.forEach((name, tensor) -> {
            String id = ids.get(name);
            if (id == null) {
                throw new IllegalArgumentException("optimizer state for a parameter the network lacks: " + name);
            }
            NDArray a = manager.create(tensor.values(), new Shape(tensor.shape()));
            meanSquares.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).put(a.getDevice(), a);
        });
    }

    private NDArray effectiveGradient(NDArray weight, NDArray grad) {
        NDArray g = grad.mul(rescaleGrad);
        if (clipGrad > 0) {
            NDArray clipped = g.clip(-clipGrad, clipGrad);
            g.close();
            g = clipped;
        }
        float decay = getWeightDecay();
        if (decay > 0) {
            try (NDArray d = weight.mul(decay)) {
                g.addi(d);
            }
        }
        return g;
    }

    /** Builds an {@link RmsPropOptimizer}; defaults are Keras': lr 1e-3, rho 0.9, epsilon 1e-7. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private ParameterTracker learningRate = Tracker.fixed(1e-3f);
        private float rho = 0.9f;
        private float epsilon = 1e-7f;

        public Builder optLearningRateTracker(ParameterTracker tracker) {
            this.learningRate = tracker;
            return this;
        }

        public Builder optRho(float value) {
            this.rho = value;
            return this;
        }

        public Builder optEpsilon(float value) {
            this.epsilon = value;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public RmsPropOptimizer build() {
            if (!(rho > 0 && rho < 1) || !(epsilon > 0)) {
                throw new IllegalArgumentException("RMSprop needs 0 < rho < 1 and epsilon > 0, got " + rho + ", " + epsilon);
            }
            return new RmsPropOptimizer(this);
        }
    }
}
