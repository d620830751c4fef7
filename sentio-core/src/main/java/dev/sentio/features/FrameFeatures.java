package dev.sentio.features;

/** Features computed from the framed waveform rather than the spectrogram. */
public final class FrameFeatures {
    private FrameFeatures() {
    }

    /** {@code librosa.feature.rms(y, frame_length, hop_length, center=True, pad_mode='constant')}. */
    public static double[] rms(float[] y, int frameLength, int hopLength) {
        int frames = Spectrogram.frameCount(y.length, frameLength, hopLength);
        int pad = frameLength / 2;
        double[] out = new double[frames];
        for (int t = 0; t < frames; t++) {
            int start = t * hopLength - pad;
            int lo = Math.max(0, start);
            int hi = Math.min(y.length, start + frameLength);
            double sum = 0;
            for (int i = lo; i < hi; i++) {
                sum += (double) y[i] * y[i];
            }
            out[t] = Math.sqrt(sum / frameLength);
        }
        return out;
    }

    /**
     * {@code librosa.feature.zero_crossing_rate(y, frame_length, hop_length, center=True)}: edge padding,
     * |y| <= 1e-10 counts as zero, zero counts as positive, crossings / frame_length.
     */
    public static double[] zeroCrossingRate(float[] y, int frameLength, int hopLength) {
        int frames = Spectrogram.frameCount(y.length, frameLength, hopLength);
        int pad = frameLength / 2;
        double[] out = new double[frames];
        for (int t = 0; t < frames; t++) {
            int start = t * hopLength - pad;
            int crossings = 0;
            boolean previous = negative(edge(y, start));
            for (int i = 1; i < frameLength; i++) {
                boolean current = negative(edge(y, start + i));
                if (current != previous) {
                    crossings++;
                }
                previous = current;
            }
            out[t] = crossings / (double) frameLength;
        }
        return out;
    }

    private static float edge(float[] y, int i) {
        return y[Math.max(0, Math.min(y.length - 1, i))];
    }

    private static boolean negative(float v) {
        return Math.abs(v) > 1e-10 && v < 0;
    }
}
