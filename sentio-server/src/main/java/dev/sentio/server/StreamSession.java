package dev.sentio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sentio.SentioException;
import dev.sentio.model.Recognizer;
import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.stream.TimelineFormat;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code /v1/stream} WebSocket: the client's first message declares the audio
 * ({@code {"sampleRate": 48000, "encoding": "f32le" | "s16le", "labels": [...]}}), binary messages carry mono PCM,
 * {@code {"type": "end"}} ends it. The server answers {@code ready}, then {@code estimate}s of the emotion being
 * heard and {@code segment}s as they become final (as {@code sentio timeline} gives them), and {@code end}.
 * Problems end the stream with an {@code error} message and a close code (1008 policy, 1003 bad data).
 */
final class StreamSession implements StreamingRecognizer.Listener {
    private static final Map<String, StreamSession> OPEN = new ConcurrentHashMap<>();

    private final SentioServer server;
    private final WsContext ws;
    private StreamingRecognizer stream;
    private Recognizer network;
    private int rate;
    private boolean float32;
    private long samples;

    private StreamSession(SentioServer server, WsContext ws) {
        this.server = server;
        this.ws = ws;
    }

    static void handle(WsConfig config, SentioServer server) {
        config.onConnect(ctx -> {
            if (server.streams().incrementAndGet() > server.settings().maxStreams()) {
                server.streams().decrementAndGet();
                ctx.closeSession(1013, "all streams are taken; try again later");
                return;
            }
            ctx.enableAutomaticPings();
            OPEN.put(ctx.sessionId(), new StreamSession(server, ctx));
        });
        config.onMessage(ctx -> {
            StreamSession s = OPEN.get(ctx.sessionId());
            if (s != null) {
                s.guard(() -> s.text(ctx.message()));
            }
        });
        config.onBinaryMessage(ctx -> {
            StreamSession s = OPEN.get(ctx.sessionId());
            if (s != null) {
                s.guard(() -> s.audio(ctx.data(), ctx.offset(), ctx.length()));
            }
        });
        config.onClose(ctx -> {
            if (OPEN.remove(ctx.sessionId()) != null) {
                server.streams().decrementAndGet();
            }
        });
        config.onError(ctx -> {
            if (OPEN.remove(ctx.sessionId()) != null) {
                server.streams().decrementAndGet();
            }
        });
    }

    private void text(String message) {
        JsonNode m;
        try {
            m = SentioServer.JSON.readTree(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Refusal(1003, "not JSON: " + e.getOriginalMessage());
        }
        if (stream == null) {
            configure(m);
        } else if ("end".equals(m.path("type").asText())) {
            stream.finish();
            ObjectNode end = SentioServer.JSON.createObjectNode().put("type", "end")
                    .put("seconds", Double.parseDouble(TimelineFormat.seconds(samples / (double) rate)));
            send(end);
            close(1000, "done");
        } else {
            throw new Refusal(1008, "after the first message only binary PCM and {\"type\": \"end\"} are expected");
        }
    }

    private void configure(JsonNode m) {
        int r = m.path("sampleRate").asInt(0);
        String encoding = m.path("encoding").asText("f32le");
        if (r < 8000 || r > 192000) {
            throw new Refusal(1008, "the first message must declare \"sampleRate\" (8000-192000 Hz), got "
                    + m.path("sampleRate"));
        }
        if (!encoding.equals("f32le") && !encoding.equals("s16le")) {
            throw new Refusal(1008, "\"encoding\" must be f32le or s16le, got " + encoding);
        }
        List<String> labels = server.labels();
        if (m.has("labels")) {
            List<String> asked = new ArrayList<>();
            m.get("labels").forEach(l -> asked.add(l.asText()));
            try {
                labels = server.requireLabels(asked);
            } catch (SentioException e) {
                throw new Refusal(1008, e.getMessage());
            }
        }
        rate = r;
        float32 = encoding.equals("f32le");
        network = server.newNetwork();
        stream = new StreamingRecognizer(network, rate, server.streamSettings(labels)
                .withEstimates(dev.sentio.stream.LiveSession.ESTIMATE_EVERY), this);
        ObjectNode ready = SentioServer.JSON.createObjectNode().put("type", "ready").put("sampleRate", rate)
                .put("encoding", encoding);
        ready.putPOJO("labels", labels);
        send(ready);
    }

    private void audio(byte[] data, int offset, int length) {
        if (stream == null) {
            throw new Refusal(1008, "declare the audio first: {\"sampleRate\": ..., \"encoding\": \"f32le\"}");
        }
        int width = float32 ? 4 : 2;
        if (length % width != 0) {
            throw new Refusal(1003, "a binary message must hold whole " + width + "-byte samples, got " + length + " bytes");
        }
        int n = length / width;
        if ((samples + n) / (double) rate > server.settings().maxStreamSeconds()) {
            throw new Refusal(1008, "the stream is longer than this server's limit of "
                    + Math.round(server.settings().maxStreamSeconds()) + " s");
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        float[] block = new float[n];
        for (int i = 0; i < n; i++) {
            float v = float32 ? b.getFloat() : b.getShort() / 32768f;
            if (!Float.isFinite(v)) {
                throw new Refusal(1003, "the audio holds NaN or infinite samples");
            }
            block[i] = v;
        }
        samples += n;
        server.metrics().audio(n / (double) rate);
        stream.push(block, 0, n);
    }

    @Override
    public void segment(StreamingRecognizer.Segment segment) {
        ObjectNode n = SentioServer.JSON.createObjectNode().put("type", "segment");
        TimelineFormat.json(n, segment);
        send(n);
    }

    @Override
    public void estimate(double seconds, Recognizer.Prediction p) {
        ObjectNode n = SentioServer.JSON.createObjectNode().put("type", "estimate")
                .put("time", Double.parseDouble(TimelineFormat.seconds(seconds)));
        TimelineFormat.outcome(n, p.label(), p.confidence(), p.labels(), p.probabilities(), p.reason());
        send(n);
    }

    /** Runs a message's work; a refusal, or anything unexpected, ends the stream with a reason. */
    private void guard(Runnable work) {
        try {
            work.run();
        } catch (Refusal r) {
            fail(r.code, r.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            fail(1011, "internal error (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void fail(int code, String message) {
        send(SentioServer.JSON.createObjectNode().put("type", "error").put("error", message));
        close(code, message);
    }

    private void send(ObjectNode message) {
        if (ws.session.isOpen()) {
            ws.send(message.toString());
        }
    }

    private void close(int code, String reason) {
        // a close reason is at most 123 bytes
        ws.closeSession(code, reason.length() > 120 ? reason.substring(0, 120) : reason);
    }

    /** A client error that ends the stream with a WebSocket close code. */
    private static final class Refusal extends RuntimeException {
        final int code;

        Refusal(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
