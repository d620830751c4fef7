package dev.sentio.cli;

import dev.sentio.features.FeatureConfig;
import picocli.CommandLine.Option;

import java.util.List;

/** Options that change which feature columns a command computes, on top of its defaults. */
final class FeatureChoice {
    @Option(names = "--features", split = ",", paramLabel = "LIST",
            description = "Columns, in order, from: contrast, chroma, mfcc, mel, rms, zcr, yin (F0 in Hz, librosa.yin).")
    List<String> features;

    @Option(names = "--deltas", paramLabel = "ORDER", description = "No deltas (0), deltas (1) or deltas and delta-deltas (2).")
    Integer deltas;

    @Option(names = "--n-mfcc", paramLabel = "N", description = "MFCC coefficients.")
    Integer nMfcc;

    FeatureConfig apply(FeatureConfig c) {
        if (features != null || deltas != null) {
            c = c.withFeatures(features != null ? features : c.features(), deltas != null ? deltas : c.deltaOrder());
        }
        return nMfcc != null ? c.withMfcc(nMfcc) : c;
    }
}
