package dev.sentio.audio;

import dev.sentio.SentioException;

import java.nio.file.Path;

/** An audio file that cannot be decoded; the message names the file and the problem. */
public class AudioException extends SentioException {
    public AudioException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public AudioException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
