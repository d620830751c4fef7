package dev.sentio.audio;

import java.nio.file.Path;
import java.util.Locale;

/** Audio longer than a caller's limit (e.g. a service's {@code --max-seconds}); decoding stopped there. */
public final class AudioTooLongException extends AudioException {
    private final double maxSeconds;

    public AudioTooLongException(Path file, double maxSeconds) {
        super(file, String.format(Locale.ROOT, "longer than the limit of %.0f s of audio", maxSeconds));
        this.maxSeconds = maxSeconds;
    }

    public double maxSeconds() {
        return maxSeconds;
    }
}
