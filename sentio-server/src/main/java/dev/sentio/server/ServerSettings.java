package dev.sentio.server;

import dev.sentio.SentioException;

/**
 * How the service runs and what it accepts.
 *
 * @param host             the address to bind (loopback by default: exposing the service is a decision)
 * @param port             0 picks a free port
 * @param threads          recognitions at once (each on its own network)
 * @param queue            uploads waiting for a thread; past it, 503 with Retry-After
 * @param maxBytes         the largest upload accepted (413 past it)
 * @param maxSeconds       the longest audio accepted in an upload (413 past it)
 * @param maxStreams       WebSocket streams open at once (503 past it)
 * @param maxStreamSeconds the longest audio one stream may send
 * @param maxMessageBytes  the largest WebSocket message
 * @param token            when set, /v1 needs {@code Authorization: Bearer <token>} (or {@code ?access_token=} for
 *                         WebSockets, which browsers cannot give headers); null for none
 */
public record ServerSettings(String host, int port, int threads, int queue, long maxBytes, double maxSeconds,
                             int maxStreams, double maxStreamSeconds, int maxMessageBytes, String token) {
    public static final String LOOPBACK = "127.0.0.1";

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new SentioException("--port must be 0-65535, got " + port);
        }
        if (threads < 1 || queue < 0 || maxStreams < 0) {
            throw new SentioException("--threads must be at least 1, and the queue and stream limits not negative");
        }
        if (maxBytes < 1 || !(maxSeconds > 0) || !(maxStreamSeconds > 0) || maxMessageBytes < 1024) {
            throw new SentioException("the limits must be positive (--max-bytes, --max-seconds, --max-stream-seconds; "
                    + "--max-message-bytes at least 1024)");
        }
        if (token != null && token.isBlank()) {
            throw new SentioException("the token is empty: give a --token-file with a token in it, or none");
        }
    }

    /** Loopback port 8080, a thread per core, 50 MB and 10 minutes per upload, 32 streams of up to an hour. */
    public static ServerSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerSettings(LOOPBACK, 8080, cores, 4 * cores, 50L << 20, 600, 32, 3600, 1 << 20, null);
    }

    public ServerSettings withAddress(String newHost, int newPort) {
        return new ServerSettings(newHost, newPort, threads, queue, maxBytes, maxSeconds, maxStreams, maxStreamSeconds,
                maxMessageBytes, token);
    }

    public ServerSettings withWork(int newThreads, int newQueue) {
        return new ServerSettings(host, port, newThreads, newQueue, maxBytes, maxSeconds, maxStreams, maxStreamSeconds,
                maxMessageBytes, token);
    }

    public ServerSettings withUploadLimits(long newMaxBytes, double newMaxSeconds) {
        return new ServerSettings(host, port, threads, queue, newMaxBytes, newMaxSeconds, maxStreams, maxStreamSeconds,
                maxMessageBytes, token);
    }

    public ServerSettings withStreamLimits(int newMaxStreams, double newMaxStreamSeconds, int newMaxMessageBytes) {
        return new ServerSettings(host, port, threads, queue, maxBytes, maxSeconds, newMaxStreams, newMaxStreamSeconds,
                newMaxMessageBytes, token);
    }

    public ServerSettings withToken(String newToken) {
        return new ServerSettings(host, port, threads, queue, maxBytes, maxSeconds, maxStreams, maxStreamSeconds,
                maxMessageBytes, newToken);
    }
}
