package dev.sentio.app;

import dev.sentio.features.FeatureConfig;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Tiny models trained on {@code TestSignals.toyCorpus} for tests (a few seconds each). */
public final class ToyModels {
    private ToyModels() {
    }

    /** Trains {@code architecture} on the toy corpus {@code manifest} (temperature 2.5) into {@code dir}. */
    public static Path train(Path manifest, Path dir, String architecture, boolean speakerNorm) {
        return train(manifest, dir, architecture, speakerNorm, 1);
    }

    /** As above, an ensemble of {@code networks}. */
    public static Path train(Path manifest, Path dir, String architecture, boolean speakerNorm, int networks) {
        Path out = dir.resolve(architecture + (speakerNorm ? "-norm" : "") + (networks > 1 ? "-x" + networks : "")
                + ".sentio");
        return train(manifest, out, architecture, speakerNorm, networks, c -> c, null);
    }

    /**
     * The functionals model with these features, into {@code out}; with {@code views}, {@code networks} for each
     * view (the features are then all the views').
     */
    public static Path train(Path manifest, Path out, String architecture, boolean speakerNorm, int networks,
                             UnaryOperator<FeatureConfig> features, List<List<String>> views) {
        Path dir = out.getParent();
        TrainingSetup setup = new TrainingSetup(dir, 16000, 1, dir.resolve("cache"), List.of(), "class", null,
                List.of(0.0), false);
        Training.run(new Training.Request(manifest.toString(), architecture, 8, out, null, 2.5, speakerNorm, false,
                features, setup, networks, null, views), Progress.to(new PrintWriter(new StringWriter())));
        return out;
    }
}
