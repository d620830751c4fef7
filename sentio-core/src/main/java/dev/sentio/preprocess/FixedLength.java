package dev.sentio.preprocess;

import java.util.Arrays;

/** Zero-pads at the end or crops to an exact length ({@code np.pad(x, (0, n - len(x)))} / {@code x[:n]}). */
public final class FixedLength {
    private FixedLength() {
    }

    public static float[] padOrCrop(float[] y, int length) {
        return Arrays.copyOf(y, length);
    }
}
