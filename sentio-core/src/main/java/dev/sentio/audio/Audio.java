package dev.sentio.audio;

/**
 * Mono audio: float samples (nominally in [-1, 1]) at a sample rate in Hz.
 *
 * @param samples    the signal; not copied, callers must not share and mutate it
 * @param sampleRate samples per second
 */
public record Audio(float[] samples, int sampleRate) {
    public Audio {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    public int length() {
        return samples.length;
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
