package dev.sentio.model.nn;

import dev.sentio.model.PlainWeights;

import java.util.Map;

/**
 * A trained network's inference in plain Java: one utterance's standardised frames in, class probabilities out,
 * with no deep-learning engine loaded. Every architecture Sentio ships has one, each pinned to its DJL block's
 * forward pass by a test; unlike a native kernel, its answer does not depend on the processor.
 */
public interface PlainNetwork {
    /** The architectures Sentio trains and runs. */
    java.util.List<String> ARCHITECTURES = java.util.List.of("seed", "attentive", "statistics", "functionals");

    /** Refuses a name that no architecture has, before any work is done. */
    static void requireKnown(String architecture) {
        if (!ARCHITECTURES.contains(architecture)) {
            throw new dev.sentio.SentioException("unknown model architecture '" + architecture
                    + "': use " + String.join(", ", ARCHITECTURES));
        }
    }

    /** Class probabilities of one utterance's standardised frames [frames][columns]. */
    float[] probabilities(float[][] frames);

    /**
     * The network of {@code architecture} from its weights.
     *
     * @throws IllegalArgumentException when the weights do not fit the architecture
     */
    static PlainNetwork of(String architecture, Map<String, PlainWeights.Tensor> weights) {
        // the names are ARCHITECTURES
        switch (architecture) {
            case "seed":
                return new PlainSeedLstm(weights);
            case "attentive":
                return new PlainAttentiveBiLstm(weights);
            case "statistics":
                return new PlainStatisticsMlp(weights, false);
            case "functionals":
                return new PlainStatisticsMlp(weights, true);
            default:
                throw new IllegalArgumentException("no plain-Java network for '" + architecture + "'");
        }
    }
}
