package dev.sentio.cli;

import dev.sentio.features.FeatureConfig;
import picocli.CommandLine.Option;

import java.util.List;

/** Options that change which feature columns a command computes, on top of its defaults. */
final class FeatureChoice {
    @Option(names = "--features", split = ",", paramLabel = "LIST",
            description = "Columns, in order, from: contrast, chroma, mfcc, mel, rms, zcr, yin (F0 in Hz, librosa.yin), "
                    + "prosody (with functionals only: pitch in semitones, HNR, jitter, shimmer, loudness, alpha "
                    + "ratio, Hammarberg index, spectral slopes and voiced rhythm, one row per utterance).")
    List<String> features;

    @Option(names = "--deltas", paramLabel = "ORDER", description = "No deltas (0), deltas (1) or deltas and delta-deltas (2).")
    Integer deltas;

    @Option(names = "--n-mfcc", paramLabel = "N", description = "MFCC coefficients.")
    Integer nMfcc;

    @Option(names = "--pooling", paramLabel = "P", description = "For the functionals model: functionals, or "
            + "functionals-cmn (each frame column's mean over the utterance removed first: recording conditions out).")
    String pooling;

    @Option(names = "--normalize", paramLabel = "HOW", description = "Waveform normalisation first: none or peak.")
    String normalize;

    @Option(names = "--trim-db", paramLabel = "DB", description = "Trim leading and trailing audio this many dB "
            + "below the loudest frame (librosa.effects.trim).")
    Double trimDb;

    @Option(names = "--denoise", description = "The seed's noise reduction (noisereduce-style spectral gating) "
            + "before the features.")
    boolean denoise;

    FeatureConfig apply(FeatureConfig c) {
        if (features != null || deltas != null) {
            c = c.withFeatures(features != null ? features : c.features(), deltas != null ? deltas : c.deltaOrder());
        }
        if (pooling != null) {
            c = c.withPooling(pooling);
        }
        if (normalize != null || trimDb != null || denoise) {
            FeatureConfig.Preprocessing p = c.preprocessing();
            c = c.withPreprocessing(new FeatureConfig.Preprocessing(normalize != null ? normalize : p.normalize(),
                    trimDb != null ? trimDb : p.trimTopDb(), p.fixedSeconds(), p.denoise() || denoise));
        }
        return nMfcc != null ? c.withMfcc(nMfcc) : c;
    }
}
