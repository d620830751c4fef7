package dev.sentio.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sentio.SentioException;

import java.io.ByteArrayInputStream;

/**
 * Coverage-guided fuzzing of the model-file reader (a service may be pointed at a file it did not write): any bytes
 * give a model, or a {@link SentioException} naming the problem; never another exception, a hang or an
 * OutOfMemoryError. A model that reads must also build its plain-Java network or refuse with a message. Seeds (a
 * tiny generated model) and crashers live in {@code ModelBundleFuzzTestInputs/read}; {@code tools/fuzz.sh bundle}
 * fuzzes with {@link ModelBundleFuzzTarget}.
 */
class ModelBundleFuzzTest {
    static void check(byte[] data) {
        try {
            ModelBundle b = ModelBundle.read(new ByteArrayInputStream(data), "fuzzed model");
            if (b.plainWeights() != null) {
                // what Recognizer.of does, without its feature extractor (slow to build, and not reading the file)
                dev.sentio.model.nn.PlainNetwork.of(b.architecture(), PlainWeights.decode(b.plainWeights()));
            }
        } catch (SentioException expected) {
            // the problem, named
        } catch (IllegalArgumentException expected) {
            // weights that do not fit the architecture: Recognizer.of turns this into a SentioException that says so
        }
    }

    @FuzzTest(maxDuration = "30s")
    void read(byte[] data) {
        check(data);
    }
}
