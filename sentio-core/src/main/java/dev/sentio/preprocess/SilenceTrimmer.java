package dev.sentio.preprocess;

import dev.sentio.features.FrameFeatures;

/**
 * {@code librosa.effects.trim(y, top_db, ref=np.max, frame_length, hop_length)}: frames whose mean-square
 * energy is more than {@code top_db} below the loudest frame's are silent; leading and trailing silent frames
 * are cut.
 */
public final class SilenceTrimmer {
    private SilenceTrimmer() {
    }

    /** [start, end) sample indices of the non-silent part; [0, 0) when every frame is silent. */
    public static int[] trimIndices(float[] y, double topDb, int frameLength, int hopLength) {
        double[] rms = FrameFeatures.rms(y, frameLength, hopLength);
        double[] db = new double[rms.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < rms.length; t++) {
            double mse = rms[t] * rms[t];
            db[t] = 10 * Math.log10(Math.max(1e-10, mse));
            max = Math.max(max, mse);
        }
        double refDb = 10 * Math.log10(Math.max(1e-10, max));
        int first = -1;
        int last = -1;
        for (int t = 0; t < db.length; t++) {
            if (db[t] - refDb > -topDb) {
                if (first < 0) {
                    first = t;
                }
                last = t;
            }
        }
        if (first < 0) {
            return new int[] {0, 0};
        }
        int start = first * hopLength;
        int end = Math.min(y.length, (last + 1) * hopLength);
        return new int[] {start, end};
    }

    public static float[] trim(float[] y, double topDb, int frameLength, int hopLength) {
        int[] idx = trimIndices(y, topDb, frameLength, hopLength);
        return java.util.Arrays.copyOfRange(y, idx[0], idx[1]);
    }
}
