package dev.sentio;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (corpora and golden values); tests that need it are skipped, with a reason, without it. */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String configured = System.getProperty("sentio.shared");
        Path p = configured != null ? Path.of(configured) : Path.of("..", "shared");
        return p.toAbsolutePath().normalize();
    }

    /** The shared folder's {@code sub} path, or the test is skipped when it is absent. */
    public static Path require(String sub) {
        Path p = root().resolve(sub);
        Assumptions.assumeTrue(Files.exists(p),
                "skipped: " + p + " is absent (the shared corpora and golden values live beside the repo in CI)");
        return p;
    }
}
