package dev.sentio.features;

import java.util.List;

/**
 * Frame-wise features: {@code values[frame][column]}, float32 as librosa's, with a name per column.
 *
 * @param names      column names, e.g. contrast_0, chroma_11, mfcc_12, mfcc_0_d1
 * @param values     one row per frame
 * @param sampleRate rate of the signal the frames were cut from
 * @param hopLength  samples between frames
 */
public record FeatureMatrix(List<String> names, float[][] values, int sampleRate, int hopLength) {
    public int frames() {
        return values.length;
    }

    public int columns() {
        return names.size();
    }
}
