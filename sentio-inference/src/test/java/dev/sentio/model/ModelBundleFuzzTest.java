package dev.sentio.model;

import dev.sentio.SentioException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What the fuzzer checks in the model-file reader (a service may be pointed at a file it did not write), as tests:
 * any bytes give a model, or a {@link SentioException} naming the problem; never another exception, a hang or an
 * OutOfMemoryError. A model that reads must also build its plain-Java network or refuse it with a message. The
 * files in {@code ModelBundleFuzzTestInputs/read} are the seed (a tiny generated model) and what fuzzing found;
 * {@code tools/fuzz.sh bundle} fuzzes with {@link ModelBundleFuzzTarget}.
 */
class ModelBundleFuzzTest {
    static void check(byte[] data) {
        try {
            ModelBundle b = ModelBundle.read(new ByteArrayInputStream(data), "fuzzed model");
            if (b.hasPlainWeights()) {
                // what Recognizer.of does, without its feature extractor (slow to build, and not reading the file)
                for (ModelBundle.Member m : b.members()) {
                    dev.sentio.model.nn.PlainNetwork.of(b.architecture(), PlainWeights.decode(m.plainWeights()));
                }
            }
        } catch (SentioException expected) {
            // the problem, named
        } catch (IllegalArgumentException expected) {
            // weights that do not fit the architecture: Recognizer.of turns this into a SentioException that says so
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny.sentio", "crash-malformed-entry-name"})
    void seedAndCrashersReadOrFailCleanly(String name) throws IOException {
        try (InputStream in = ModelBundleFuzzTest.class.getResourceAsStream("ModelBundleFuzzTestInputs/read/" + name)) {
            assertNotNull(in, name);
            check(in.readAllBytes());
        }
    }
}
