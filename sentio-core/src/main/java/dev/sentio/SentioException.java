package dev.sentio;

/**
 * A problem the user can act on: bad input, a bad parameter, a damaged file. The message is one line that
 * names the thing at fault and what is wrong with it, so front ends print it as is, without a stack trace.
 */
public class SentioException extends RuntimeException {
    public SentioException(String message) {
        super(message);
    }

    public SentioException(String message, Throwable cause) {
        super(message, cause);
    }
}
