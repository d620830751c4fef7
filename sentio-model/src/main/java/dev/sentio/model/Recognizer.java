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
import dev.sentio.model.train.SequenceBatch;

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
    private final Model model;
    private final NDManager manager;

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

    private Recognizer(ModelBundle bundle) {
        this.bundle = bundle;
        this.extractor = new FeatureExtractor(bundle.features());
        this.model = Model.newInstance("sentio");
        Block block = Networks.create(bundle.architecture(), bundle.labels().size());
        model.setBlock(block);
        this.manager = model.getNDManager();
        int columns = bundle.standardizer().mean().length;
        block.initialize(manager, DataType.FLOAT32, SequenceBatch.initialShapes(columns));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bundle.parameters()))) {
            block.loadParameters(manager, in);
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            model.close();
            throw new SentioException("the model's parameters do not fit its architecture '" + bundle.architecture()
                    + "' (" + e.getMessage() + ")");
        }
    }

    public static Recognizer load(Path modelFile) {
        return new Recognizer(ModelBundle.load(modelFile));
    }

    /** The default model that ships inside Sentio. */
    public static Recognizer bundled() {
        try (InputStream in = Recognizer.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new SentioException("this build of Sentio carries no bundled model (" + BUNDLED + ")");
            }
            return new Recognizer(ModelBundle.read(in, "bundled model"));
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
        // DJL 0.36's LSTM is wrong with gradient mode off (see LstmInferenceModeTest): infer in gradient mode
        try (NDManager m = manager.newSubManager(); GradientCollector gradientMode = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDList inputs = SequenceBatch.of(m, java.util.Collections.singletonList(z));
            NDArray p = model.getBlock().forward(new ParameterStore(m, false), inputs, false).head().softmax(1);
            float[] probabilities = p.toFloatArray();
            int best = 0;
            for (int i = 1; i < probabilities.length; i++) {
                if (probabilities[i] > probabilities[best]) {
                    best = i;
                }
            }
            return new Prediction(bundle.labels().get(best), probabilities[best], bundle.labels(), probabilities);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
