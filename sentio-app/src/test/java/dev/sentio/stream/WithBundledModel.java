package dev.sentio.stream;

import dev.sentio.model.Recognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests that recognise with the bundled model, loaded once per test class. */
abstract class WithBundledModel {
    static Recognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = Recognizer.bundled();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }
}
