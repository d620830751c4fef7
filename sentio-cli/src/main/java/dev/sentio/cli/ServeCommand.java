package dev.sentio.cli;

import dev.sentio.SentioException;
import dev.sentio.model.Recognizer;
import dev.sentio.server.SentioServer;
import dev.sentio.server.ServerSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code sentio serve}: the HTTP and WebSocket service with its web page, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve recognition over HTTP and WebSocket, with a web page at /: POST /v1/recognize, "
                + "POST /v1/timeline, GET /v1/stream (WebSocket), GET /v1/model, /health, /metrics, /openapi.json."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file from 'sentio train' (default: the "
            + "bundled model); loaded once. Requests choose labels with ?labels=.")
    Path model;

    @Option(names = "--host", defaultValue = ServerSettings.LOOPBACK, paramLabel = "ADDRESS",
            description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "Port (0: any free one). "
            + "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--threads", paramLabel = "N", description = "Recognitions at once (default: all cores).")
    Integer threads;

    @Option(names = "--queue", paramLabel = "N", description = "Uploads that may wait for a thread; past it, 503 "
            + "with Retry-After (default: 4 per thread).")
    Integer queue;

    @Option(names = "--max-bytes", defaultValue = "50M", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Largest upload (413 past it), e.g. 50M, 1G. Default: ${DEFAULT-VALUE}.")
    long maxBytes;

    @Option(names = "--max-seconds", defaultValue = "600", paramLabel = "S",
            description = "Longest audio in an upload (413 past it). Default: ${DEFAULT-VALUE}.")
    double maxSeconds;

    @Option(names = "--max-streams", defaultValue = "32", paramLabel = "N",
            description = "WebSocket streams open at once (503 past it). Default: ${DEFAULT-VALUE}.")
    int maxStreams;

    @Option(names = "--max-stream-seconds", defaultValue = "3600", paramLabel = "S",
            description = "Longest audio one stream may send. Default: ${DEFAULT-VALUE}.")
    double maxStreamSeconds;

    @Option(names = "--max-message-bytes", defaultValue = "1M", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Largest WebSocket message. Default: ${DEFAULT-VALUE}.")
    long maxMessageBytes;

    @CommandLine.Mixin
    VadOptions detector;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding a token: /v1 then needs "
            + "Authorization: Bearer <token> (WebSocket: ?access_token=).")
    Path tokenFile;

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings defaults = ServerSettings.defaults();
        int t = threads != null ? threads : defaults.threads();
        ServerSettings settings = defaults.withAddress(host, port).withWork(t, queue != null ? queue : 4 * t)
                .withUploadLimits(maxBytes, maxSeconds)
                .withStreamLimits(maxStreams, maxStreamSeconds, (int) Math.min(Integer.MAX_VALUE, maxMessageBytes))
                .withToken(token());
        Recognizer recognizer = detector.apply(ModelOptions.open(model));
        String name = model == null ? "bundled" : model.getFileName().toString();
        SentioServer server = new SentioServer(recognizer, detector.regions(), name, settings);
        int bound = server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            recognizer.close();
            detector.close();
            stopped.countDown();
        }, "sentio-serve-stop"));
        var err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "sentio: serving %s on http://%s:%d/ (%d threads, queue %d, speech check %s%s); "
                + "Ctrl-C stops%n", name, host.contains(":") ? "[" + host + "]" : host, bound, settings.threads(),
                settings.queue(), detector.vad, settings.token() != null ? ", token required" : "");
        err.flush();
        stopped.await();
        return 0;
    }

    private String token() {
        if (tokenFile == null) {
            return null;
        }
        try {
            return Files.readString(tokenFile).trim();
        } catch (IOException e) {
            throw new SentioException(tokenFile + ": cannot read the token (" + e.getMessage() + ")");
        }
    }

    /** 1024, 64K, 50M, 1G (binary multiples). */
    static final class ByteSize implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim().toUpperCase(Locale.ROOT);
            long unit = v.endsWith("K") ? 1L << 10 : v.endsWith("M") ? 1L << 20 : v.endsWith("G") ? 1L << 30 : 1;
            String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
            try {
                long n = Long.parseLong(digits.trim());
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                return Math.multiplyExact(n, unit);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size such as 1048576, 64K, 50M or 1G");
            }
        }
    }
}
