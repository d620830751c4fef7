package dev.sentio.model.nn;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.sentio.SentioException;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.Networks;
import dev.sentio.model.Recognizer;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A bundle's network run on DJL's PyTorch engine from its DJL parameters: for model files without plain weights,
 * and for checking the plain-Java networks against the engine (both give the same probabilities to float rounding,
 * ModelBundleTest).
 */
public final class DjlNetwork implements PlainNetwork, AutoCloseable {
    private final Model model;

    private DjlNetwork(Model model) {
        this.model = model;
    }

    /** Member {@code k} of the bundle's networks on the engine. */
    public static DjlNetwork of(ModelBundle bundle, int k) {
        Model model = Model.newInstance("sentio");
        Block block = Networks.create(bundle.architecture(), bundle.labels().size());
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, SequenceBatch.initialShapes(bundle.members().get(k).width()));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bundle.members().get(k).parameters()))) {
            block.loadParameters(model.getNDManager(), in);
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            model.close();
            throw new SentioException("the model's parameters do not fit its architecture '" + bundle.architecture()
                    + "' (" + e.getMessage() + ")");
        }
        return new DjlNetwork(model);
    }

    /** A recognizer whose networks run on the engine (any bundle, with or without plain weights). */
    public static Recognizer recognizer(ModelBundle bundle) {
        List<PlainNetwork> networks = new ArrayList<>();
        try {
            for (int k = 0; k < bundle.members().size(); k++) {
                networks.add(of(bundle, k));
            }
        } catch (SentioException e) {
            networks.forEach(n -> ((DjlNetwork) n).close());
            throw e;
        }
        return Recognizer.of(bundle, networks);
    }

    @Override
    public synchronized float[] probabilities(float[][] frames) {
        // gradient mode, as SequenceClassifier predicts: PyTorch's LSTM gave wrong outputs without it on some processors
        try (NDManager m = model.getNDManager().newSubManager();
             GradientCollector gradientMode = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDList inputs = SequenceBatch.of(m, Collections.singletonList(frames));
            NDArray p = model.getBlock().forward(new ParameterStore(m, false), inputs, false).head().softmax(1);
            return p.toFloatArray();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
