package dev.sentio.features;

/** Features computed from the framed waveform rather than the spectrogram. */
public final class FrameFeatures {
    private FrameFeatures() {
    }

    /** {@code librosa.feature.rms(y, frame_length, hop_length, center=True, pad_mode='constant')}. */
    public static double[] rms(float[] y, int frameLength, int hopLength) {
        int frames = Spectrogram.frameCount(y.length, frameLength, hopLength);
        int pad = frameLength / 2;
        if (frameLength % hopLength == 0 && pad % hopLength == 0) {
            return rmsFromBlocks(y, frameLength, hopLength, frames, pad);
        }
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

    /** Frames made of whole hops: sum the squares once per hop-sized block, then each frame adds its blocks. */
    private static double[] rmsFromBlocks(float[] y, int frameLength, int hopLength, int frames, int pad) {
        int blocksPerFrame = frameLength / hopLength;
        int padBlocks = pad / hopLength;
        // block j covers signal samples [(j - padBlocks) * hop, ... + hop)
        int blocks = frames - 1 + blocksPerFrame;
        double[] blockSum = new double[blocks];
        for (int j = 0; j < blocks; j++) {
            int from = Math.max(0, (j - padBlocks) * hopLength);
            int to = Math.min(y.length, (j - padBlocks + 1) * hopLength);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += (double) y[i] * y[i];
            }
            blockSum[j] = sum;
        }
        double[] out = new double[frames];
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (int j = t; j < t + blocksPerFrame; j++) {
                sum += blockSum[j];
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
        // changes[j]: sign changes between consecutive samples of the padded signal up to position j; each frame
        // is then one difference, so a sample is looked at once, not once per frame that holds it
        int padded = (frames - 1) * hopLength + frameLength;
        int[] changes = new int[padded];
        int previous = negative(edge(y, -pad));
        // signs as 0 and 1, so that a change is their xor: the loop has no branch to mispredict on a noisy signal
        for (int j = 1; j < padded; j++) {
            int current = negative(edge(y, j - pad));
            changes[j] = changes[j - 1] + (current ^ previous);
            previous = current;
        }
        double[] out = new double[frames];
        for (int t = 0; t < frames; t++) {
            int start = t * hopLength;
            out[t] = (changes[start + frameLength - 1] - changes[start]) / (double) frameLength;
        }
        return out;
    }

    private static float edge(float[] y, int i) {
        return y[Math.max(0, Math.min(y.length - 1, i))];
    }

    /** 1 where librosa counts the sample as negative (|v| > 1e-10 and v < 0), else 0. */
    private static int negative(float v) {
        return v < -1e-10 ? 1 : 0;
    }
}
