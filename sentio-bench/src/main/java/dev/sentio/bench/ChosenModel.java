package dev.sentio.bench;

import dev.sentio.model.Recognizer;

import java.nio.file.Path;

/** The model a report measures: {@code -Dsentio.model=FILE}, else the bundled one. */
final class ChosenModel {
    private ChosenModel() {
    }

    static Recognizer open() {
        String model = System.getProperty("sentio.model");
        return model == null ? Recognizer.bundled() : Recognizer.load(Path.of(model));
    }
}
