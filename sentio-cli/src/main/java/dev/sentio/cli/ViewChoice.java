package dev.sentio.cli;

import dev.sentio.SentioException;
import dev.sentio.features.FeatureConfig;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;

/** Late fusion: groups of an ensemble's networks that each read only some of the features. */
final class ViewChoice {
    @Option(names = "--views", split = ",", paramLabel = "VIEW", description = "Train --ensemble networks for each "
            + "view, each reading only that view's features, and combine them all by their geometric mean (late "
            + "fusion); a view is features joined by +, e.g. contrast+chroma+mfcc+rms+zcr,prosody. The model's "
            + "features are then all the views' features, in order (leave --features out).")
    List<String> views;

    /** The views as feature lists (null: none asked for). */
    List<List<String>> views() {
        return views == null ? null : views.stream().map(v -> Arrays.stream(v.split("\\+")).map(String::trim)
                .filter(f -> !f.isEmpty()).toList()).toList();
    }

    /** The other feature options; the views set the features themselves, so --features conflicts with them. */
    FeatureConfig apply(FeatureConfig c, FeatureChoice choice) {
        if (views != null && choice.features != null) {
            throw new SentioException("--views sets the model's features (all the views' features, in order): "
                    + "leave --features out");
        }
        return choice.apply(c);
    }
}
