package dev.sentio.model;

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
import dev.sentio.audio.Audio;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.model.nn.PlainNetwork;
import dev.sentio.model.nn.SequenceBatch;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Emotions from audio with a trained model: a file or float samples in, a probability per label out.
 * Decoding, resampling, features and standardisation are the model's own (from its bundle). Safe to share
 * between threads (calls are serialised).
 */
public final class Recognizer implements AutoCloseable {
    /** Where the model shipped with Sentio lives on the classpath. */
    public static final String BUNDLED = "/dev/sentio/model/default.sentio";

    private final ModelBundle bundle;
    private final FeatureExtractor extractor;
    /** The network in plain Java, when the bundle carries plain weights (every bundle Sentio writes does): no
     *  engine is loaded at all, and the answer does not depend on a native kernel's choice for this processor. */
    private final PlainNetwork plain;
    /** Otherwise (a bundle without plain weights, or asked for) the DJL network, built on a background thread:
     *  loading PyTorch's native library takes most of a cold start, and the first file's decoding and features can
     *  run meanwhile. */
    private final java.util.concurrent.CompletableFuture<Model> network;

    /**
     * A prediction.
     *
     * @param label         the most probable label
     * @param confidence    its probability
     * @param labels        all labels, in the model's order
     * @param probabilities one per label
     */
    public record Prediction(String label, float confidence, List<String> labels, float[] probabilities) {
    }

    private Recognizer(ModelBundle bundle, boolean engineFree) {
        this.bundle = bundle;
        this.extractor = new FeatureExtractor(bundle.features());
        if (engineFree && bundle.plainWeights() != null) {
            try {
                this.plain = PlainNetwork.of(bundle.architecture(), PlainWeights.decode(bundle.plainWeights()));
            } catch (IllegalArgumentException e) {
                throw new SentioException("the model's plain weights do not fit its architecture '"
                        + bundle.architecture() + "' (" + e.getMessage() + ")");
            }
            this.network = null;
            return;
        }
        this.plain = null;
        this.network = java.util.concurrent.CompletableFuture.supplyAsync(() -> network(bundle), runnable -> {
            Thread t = new Thread(runnable, "sentio-model-loader");
            t.setDaemon(true);
            t.start();
        });
    }

    private static Model network(ModelBundle bundle) {
        Model model = Model.newInstance("sentio");
        Block block = Networks.create(bundle.architecture(), bundle.labels().size());
        model.setBlock(block);
        int columns = bundle.standardizer().mean().length;
        block.initialize(model.getNDManager(), DataType.FLOAT32, SequenceBatch.initialShapes(columns));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bundle.parameters()))) {
            block.loadParameters(model.getNDManager(), in);
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            model.close();
            throw new SentioException("the model's parameters do not fit its architecture '" + bundle.architecture()
                    + "' (" + e.getMessage() + ")");
        }
        return model;
    }

    /** The network, once built; a model file whose weights do not fit fails here, with its message. */
    private Model model() {
        try {
            return network.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof SentioException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Reads a model file; its network is built in the background, and a file that does not fit fails here. */
    public static Recognizer load(Path modelFile) {
        return load(modelFile, true);
    }

    /**
     * @param engineFree predict in plain Java when the bundle carries plain weights; false always runs the network
     *                   on DJL (both give the same probabilities to float rounding, ModelBundleTest)
     */
    public static Recognizer load(Path modelFile, boolean engineFree) {
        Recognizer r = new Recognizer(ModelBundle.load(modelFile), engineFree);
        if (r.network != null) {
            r.model();
        }
        return r;
    }

    /** The default model that ships inside Sentio. */
    public static Recognizer bundled() {
        try (InputStream in = Recognizer.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new SentioException("this build of Sentio carries no bundled model (" + BUNDLED + ")");
            }
            // the bundled model is known to fit: its network is left to build while the caller gets to work
            return new Recognizer(ModelBundle.read(in, "bundled model"), true);
        } catch (IOException e) {
            throw new SentioException("cannot read the bundled model (" + e.getMessage() + ")");
        }
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public List<String> labels() {
        return bundle.labels();
    }

    /** Decodes the file (its errors name it) and recognises the emotion. */
    public Prediction recognize(Path audioFile) {
        return predict(extractor.extract(audioFile).values());
    }

    public Prediction recognize(float[] samples, int sampleRate) {
        return predict(extractor.extract(new Audio(samples, sampleRate)).values());
    }

    private synchronized Prediction predict(float[][] frames) {
        float[][] z = bundle.standardizer().apply(frames);
        if (plain != null) {
            return prediction(plain.probabilities(z));
        }
        // gradient mode, as SequenceClassifier predicts: PyTorch's LSTM gave wrong outputs without it on some processors
        Model model = model();
        try (NDManager m = model.getNDManager().newSubManager();
             GradientCollector gradientMode = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDList inputs = SequenceBatch.of(m, java.util.Collections.singletonList(z));
            NDArray p = model.getBlock().forward(new ParameterStore(m, false), inputs, false).head().softmax(1);
            return prediction(p.toFloatArray());
        }
    }

    private Prediction prediction(float[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return new Prediction(bundle.labels().get(best), probabilities[best], bundle.labels(), probabilities);
    }

    @Override
    public void close() {
        if (network != null) {
            network.thenAccept(Model::close);
        }
    }
}
