package dev.sentio.server;

/** A request that fails with an HTTP status and a message for the client (sent as JSON, never a stack trace). */
final class ApiError extends RuntimeException {
    final int status;
    /** Seconds, for 503's Retry-After; 0 for none. */
    final int retryAfter;

    ApiError(int status, String message) {
        this(status, message, 0);
    }

    ApiError(int status, String message, int retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }
}
