package dev.sentio.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioException;
import dev.sentio.audio.AudioLoader;
import dev.sentio.audio.AudioTooLongException;
import dev.sentio.model.ModelBundle;
import dev.sentio.model.Recognizer;
import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.stream.TimelineFormat;
import dev.sentio.vad.SpeechRegions;
import dev.sentio.vad.SpeechSegmenter;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code sentio serve}: recognition over HTTP and WebSocket, and the web page, on one port. The model is loaded
 * once; each recognition thread and each stream runs its own network over it. Uploads wait in a bounded queue
 * (503 with Retry-After when it is full); every limit is enforced, every error is JSON with the right status.
 * The routes only translate requests: the work is the library's, as the command line does it.
 */
public final class SentioServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The endpoints, for the metrics' endpoint label (anything else counts as "other"). */
    private static final Set<String> ENDPOINTS = Set.of("/", "/health", "/metrics", "/openapi.json", "/v1/model",
            "/v1/recognize", "/v1/timeline", "/v1/stream");

    private final Recognizer recognizer;
    private final String modelName;
    private final ServerSettings settings;
    private final SpeechRegions.Factory regions;
    private final Supplier<Recognizer> networks;
    private final ThreadLocal<Recognizer> workerNetwork;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger streams = new AtomicInteger();
    private final ServiceMetrics metrics;
    private final long started = System.nanoTime();
    private final Javalin app;

    /** The service with the model-free speech detector for timelines and streams. */
    public SentioServer(Recognizer recognizer, String modelName, ServerSettings settings) {
        this(recognizer, SpeechSegmenter.FACTORY, modelName, settings);
    }

    /**
     * @param recognizer the model and the speech check uploads pass ({@link Recognizer#withSpeechCheck}); one with
     *                   plain weights gets a network per thread, with the same check, another is shared
     * @param regions    the speech detector of timelines and streams (e.g. the Silero VAD's)
     * @param modelName  how responses name it (e.g. its file name, or "bundled")
     */
    public SentioServer(Recognizer recognizer, SpeechRegions.Factory regions, String modelName,
                        ServerSettings settings) {
        if (recognizer.bundle().speakerNormalised()) {
            throw new SentioException("this model was trained with --speaker-norm and recognises a speaker's "
                    + "recordings together; the service recognises each recording alone: use a model trained without it");
        }
        this.recognizer = recognizer;
        this.modelName = modelName;
        this.settings = settings;
        ModelBundle bundle = recognizer.bundle();
        this.regions = regions;
        this.networks = bundle.hasPlainWeights()
                ? () -> Recognizer.of(bundle).withSpeechCheck(recognizer.speechCheck()) : () -> recognizer;
        this.workerNetwork = ThreadLocal.withInitial(networks);
        this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, settings.queue())), r -> {
            Thread t = new Thread(r, "sentio-recognition");
            t.setDaemon(true);
            return t;
        });
        this.metrics = new ServiceMetrics(() -> pool.getQueue().size(), pool::getActiveCount, streams::get);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = settings.maxBytes();
            config.jetty.multipartConfig.maxFileSize(settings.maxBytes(), io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(settings.maxBytes() + 64 * 1024,
                    io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
            config.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setMaxBinaryMessageSize(settings.maxMessageBytes());
                ws.setMaxTextMessageSize(64 * 1024);
                ws.setIdleTimeout(java.time.Duration.ofMinutes(2));
            });
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dev/sentio/server/web";
                files.location = Location.CLASSPATH;
            });
            config.requestLogger.http((ctx, ms) -> metrics.request(endpoint(ctx), ctx.status().getCode(), ms / 1000.0));
        });
        routes();
    }

    private void routes() {
        app.get("/health", ctx -> ctx.json(Map.of("status", "ok", "model", modelName,
                "uptimeSeconds", Math.round((System.nanoTime() - started) / 1e9))));
        app.get("/metrics", ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.scrape()));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(resource("openapi.json")));
        app.beforeMatched("/v1/*", this::authorize);
        app.get("/v1/model", ctx -> ctx.json(modelInfo()));
        app.post("/v1/recognize", this::recognize);
        app.post("/v1/timeline", this::timeline);
        app.wsBeforeUpgrade("/v1/stream", ctx -> {
            authorize(ctx);
            if (streams.get() >= settings.maxStreams()) {
                throw new ApiError(503, "all " + settings.maxStreams() + " streams are taken; try again later", 5);
            }
        });
        app.ws("/v1/stream", ws -> StreamSession.handle(ws, this));
        app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.getMessage(), e.retryAfter));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(), 0));
        app.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error (" + e.getClass().getSimpleName()
                + "); the server's log has more", 0));
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see /openapi.json)", 0);
            }
        });
    }

    /** Starts listening; returns the port (useful with port 0). */
    public int start() {
        try {
            app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            throw new SentioException("cannot listen on " + settings.host() + ":" + settings.port() + " ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")");
        }
        return app.port();
    }

    public int port() {
        return app.port();
    }

    public ServerSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        app.stop();
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // -- what the endpoints do

    private void recognize(Context ctx) {
        List<String> labels = labels(ctx);
        Upload upload = Upload.receive(ctx, settings.maxBytes());
        submit(ctx, upload, () -> {
            Recognizer network = workerNetwork.get();
            Audio audio = AudioLoader.loadAtMost(upload.file, settings.maxSeconds());
            Recognizer.Analysis analysis = network.analyse(audio, upload.file.toString());
            if (analysis.none() != null) {
                throw new ApiError(422, "no emotion to recognise: " + analysis.none().reason());
            }
            Recognizer.Prediction p = network.recognize(analysis).restrictedTo(labels);
            metrics.audio(audio.durationSeconds());
            ObjectNode n = JSON.createObjectNode();
            n.put("model", modelName);
            n.put("duration", Double.parseDouble(TimelineFormat.seconds(audio.durationSeconds())));
            TimelineFormat.outcome(n, p.label(), p.confidence(), p.labels(), p.probabilities(), p.reason());
            return n;
        });
    }

    private void timeline(Context ctx) {
        List<String> labels = labels(ctx);
        Upload upload = Upload.receive(ctx, settings.maxBytes());
        submit(ctx, upload, () -> {
            List<StreamingRecognizer.Segment> segments = new ArrayList<>();
            StreamingRecognizer.timeline(workerNetwork.get(), upload.file,
                    streamSettings(labels), segments::add, settings.maxSeconds());
            double duration = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end();
            metrics.audio(duration);
            if (segments.stream().noneMatch(StreamingRecognizer.Segment::speech)) {
                throw new ApiError(422, "no speech found in " + TimelineFormat.seconds(duration) + " s of audio"
                        + (segments.isEmpty() ? "" : " (" + segments.get(0).reason() + ")"));
            }
            ObjectNode n = JSON.createObjectNode();
            n.put("model", modelName);
            n.put("duration", Double.parseDouble(TimelineFormat.seconds(duration)));
            n.putPOJO("labels", labels);
            TimelineFormat.json(n, "upload", segments);
            n.remove("file");
            return n;
        });
    }

    /** Runs {@code work} on the recognition pool and answers with its JSON, or 503 when the queue is full. */
    private void submit(Context ctx, Upload upload, Supplier<ObjectNode> work) {
        CompletableFuture<ObjectNode> result;
        try {
            result = CompletableFuture.supplyAsync(() -> {
                try {
                    return work.get();
                } catch (AudioTooLongException e) {
                    throw new ApiError(413, "the audio is longer than this server's limit of "
                            + Math.round(settings.maxSeconds()) + " s");
                } catch (AudioException e) {
                    String problem = e.getMessage().replace(upload.file + ": ", "");
                    throw problem.startsWith("contains no audio samples")
                            ? new ApiError(422, "the upload " + problem)
                            : new ApiError(415, "the upload is not audio that Sentio decodes: " + problem);
                } catch (SentioException e) {
                    throw new ApiError(422, e.getMessage().replace(upload.file.toString(), "the upload"));
                } finally {
                    upload.close();
                }
            }, pool);
        } catch (RejectedExecutionException e) {
            upload.close();
            throw new ApiError(503, "busy: " + settings.threads() + " recognitions are running and "
                    + settings.queue() + " waiting; retry shortly", 1);
        }
        ctx.future(() -> result.handle((node, failure) -> {
            if (failure == null) {
                ctx.json(node);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof ApiError a) {
                    error(ctx, a.status, a.getMessage(), a.retryAfter);
                } else {
                    error(ctx, 500, "internal error (" + cause.getClass().getSimpleName() + ")", 0);
                }
            }
            return null;
        }));
    }

    /** {@code ?labels=angry,happy}: the subset to choose among, in the model's order (400 for an unknown label). */
    private List<String> labels(Context ctx) {
        String asked = ctx.queryParam("labels");
        if (asked == null || asked.isBlank()) {
            return recognizer.labels();
        }
        try {
            return recognizer.requireLabels(Arrays.stream(asked.split(",")).map(String::trim).toList());
        } catch (SentioException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    private ObjectNode modelInfo() {
        ModelBundle b = recognizer.bundle();
        ObjectNode n = JSON.createObjectNode();
        n.put("name", modelName);
        n.put("architecture", b.architecture());
        n.putPOJO("labels", b.labels());
        n.put("temperature", b.temperature());
        try {
            n.set("features", JSON.readTree(b.features().toJson()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        n.putPOJO("provenance", b.provenance());
        ObjectNode limits = n.putObject("limits");
        limits.put("maxBytes", settings.maxBytes());
        limits.put("maxSeconds", settings.maxSeconds());
        limits.put("maxStreams", settings.maxStreams());
        limits.put("maxStreamSeconds", settings.maxStreamSeconds());
        limits.put("maxMessageBytes", settings.maxMessageBytes());
        return n;
    }

    /** With a token set: {@code Authorization: Bearer <token>}, or {@code ?access_token=} (WebSockets). */
    private void authorize(Context ctx) {
        if (settings.token() == null) {
            return;
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim()
                : ctx.queryParam("access_token");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                settings.token().getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, given == null ? "this server needs a token: Authorization: Bearer <token>"
                    : "wrong token");
        }
    }

    private static void error(Context ctx, int status, String message, int retryAfter) {
        if (retryAfter > 0) {
            ctx.header("Retry-After", Integer.toString(retryAfter));
        }
        ctx.status(status).json(Map.of("error", message, "status", status));
    }

    private static String endpoint(Context ctx) {
        String path = ctx.path();
        return ENDPOINTS.contains(path) ? path : path.startsWith("/") && path.indexOf('.') > 0 ? "static" : "other";
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SentioServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // -- for StreamSession

    Recognizer newNetwork() {
        return networks.get();
    }

    /** How timelines and streams find speech and which labels they choose among. */
    StreamingRecognizer.Settings streamSettings(List<String> labels) {
        return StreamingRecognizer.Settings.defaults().withLabels(labels).withRegions(regions);
    }

    List<String> labels() {
        return recognizer.labels();
    }

    List<String> requireLabels(List<String> subset) {
        return recognizer.requireLabels(subset);
    }

    AtomicInteger streams() {
        return streams;
    }

    ServiceMetrics metrics() {
        return metrics;
    }
}
