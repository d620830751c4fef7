package dev.sentio.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentio.audio.WavWriter;
import dev.sentio.model.Recognizer;
import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.vad.TestSignals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint and every error status over real HTTP on loopback, with the JDK's HttpClient. */
class ServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    static Path dir;
    static SentioServer server;
    static SentioServer guarded;
    static String base;
    static byte[] voice;
    static byte[] longVoice;
    static float[] burstSamples;

    @BeforeAll
    static void start() throws IOException {
        voice = wav("voice.wav", TestSignals.voiceLike(32000, 16000, 180, 0.3));
        burstSamples = TestSignals.bursts(16000, 12, new double[][] {{1, 4.5, 140}, {6, 10, 230}});
        longVoice = wav("bursts.wav", burstSamples);
        ServerSettings settings = ServerSettings.defaults().withAddress("127.0.0.1", 0).withWork(1, 1)
                .withUploadLimits(2_000_000, 20).withStreamLimits(2, 30, 64 * 1024);
        server = new SentioServer(Recognizer.bundled(), "bundled", settings);
        base = "http://127.0.0.1:" + server.start();
        guarded = new SentioServer(Recognizer.bundled(), "bundled", settings.withToken("s3cret"));
        guarded.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        guarded.close();
    }

    static byte[] wav(String name, float[] samples) throws IOException {
        Path f = dir.resolve(name);
        WavWriter.write(f, samples, 16000);
        return Files.readAllBytes(f);
    }

    static HttpResponse<String> post(String path, byte[] body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON error with the status, never a stack trace. */
    static JsonNode error(HttpResponse<String> r, int status) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        JsonNode n = JSON.readTree(r.body());
        assertEquals(status, n.get("status").asInt());
        assertFalse(n.get("error").asText().isBlank());
        assertFalse(r.body().contains("at dev.sentio") || r.body().contains("Exception"), r.body());
        return n;
    }

    @Test
    void recognizeGivesTheLibrarysPrediction() throws Exception {
        HttpResponse<String> r = post("/v1/recognize", voice, "audio/wav");
        assertEquals(200, r.statusCode(), r.body());
        // what `curl --data-binary @file` sends
        assertEquals(200, post("/v1/recognize", voice, "application/x-www-form-urlencoded").statusCode());
        JsonNode n = JSON.readTree(r.body());
        Recognizer.Prediction expected = Recognizer.bundled().recognize(dir.resolve("voice.wav"));
        assertEquals(expected.label(), n.get("label").asText());
        assertEquals(2.0, n.get("duration").asDouble(), 1e-9);
        assertEquals("bundled", n.get("model").asText());
        for (int k = 0; k < expected.labels().size(); k++) {
            assertEquals(expected.probabilities()[k], n.get("probabilities").get(expected.labels().get(k)).floatValue(), 0f);
        }
    }

    @Test
    void multipartUploadsAndLabelSubsets() throws Exception {
        String boundary = "sentio-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(voice);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> r = post("/v1/recognize?labels=sad,angry", body.toByteArray(),
                "multipart/form-data; boundary=" + boundary);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode p = JSON.readTree(r.body()).get("probabilities");
        assertEquals(2, p.size());
        assertEquals(1.0, p.get("sad").asDouble() + p.get("angry").asDouble(), 1e-5);
        error(post("/v1/recognize?labels=sad,bored", voice, "audio/wav"), 400);
        error(post("/v1/recognize", ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII),
                "multipart/form-data; boundary=" + boundary), 400);
    }

    @Test
    void timelineSegmentsTileTheRecordingAsTheCommandLinesDo() throws Exception {
        HttpResponse<String> r = post("/v1/timeline", longVoice, "application/octet-stream");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = JSON.readTree(r.body());
        List<StreamingRecognizer.Segment> expected = StreamingRecognizer.timeline(Recognizer.bundled(),
                dir.resolve("bursts.wav"), StreamingRecognizer.Settings.defaults());
        JsonNode segments = n.get("segments");
        assertEquals(expected.size(), segments.size());
        assertEquals(0.0, segments.get(0).get("start").asDouble());
        assertEquals(12.0, segments.get(segments.size() - 1).get("end").asDouble(), 1e-9);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).label(), segments.get(i).get("label").asText());
        }
    }

    @Test
    void badUploadsGetTheirStatus() throws Exception {
        error(post("/v1/recognize", new byte[0], "audio/wav"), 400);
        error(post("/v1/recognize", "{\"audio\": 1}".getBytes(StandardCharsets.UTF_8), "application/json"), 415);
        JsonNode garbage = error(post("/v1/recognize", "RIFF-but-not-really-a-wave-file".getBytes(StandardCharsets.UTF_8),
                "application/octet-stream"), 415);
        assertFalse(garbage.get("error").asText().contains(System.getProperty("java.io.tmpdir")),
                "no server path in messages: " + garbage);
        error(post("/v1/recognize", new byte[2_000_001], "audio/wav"), 413);
        error(post("/v1/recognize", wav("long.wav", TestSignals.voiceLike(16000 * 25, 16000, 180, 0.3)), "audio/wav"), 413);
        // decodes, but a tone is not speech: no confident emotion for it
        JsonNode tone = error(post("/v1/recognize", wav("tone.wav", TestSignals.tone(32000, 16000, 440, 0.5)),
                "audio/wav"), 422);
        assertTrue(tone.get("error").asText().contains("no emotion"), tone.toString());
        error(post("/v1/recognize", wav("silence.wav", new float[32000]), "audio/wav"), 422);
        error(post("/v1/timeline", wav("silence12.wav", new float[16000 * 12]), "audio/wav"), 422);
    }

    @Test
    void theOtherEndpoints() throws Exception {
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("ok", JSON.readTree(health.body()).get("status").asText());
        JsonNode model = JSON.readTree(get("/v1/model").body());
        assertEquals(Recognizer.bundled().labels().size(), model.get("labels").size());
        assertEquals(20.0, model.get("limits").get("maxSeconds").asDouble());
        assertNotNull(model.get("features").get("nFft"), model.toString());
        JsonNode api = JSON.readTree(get("/openapi.json").body());
        assertEquals("3.0.3", api.get("openapi").asText());
        for (String p : List.of("/v1/recognize", "/v1/timeline", "/v1/stream", "/v1/model", "/health", "/metrics")) {
            assertTrue(api.get("paths").has(p), p);
        }
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Sentio"));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "nothing from a CDN");
        assertEquals(200, get("/app.js").statusCode());
        error(get("/nowhere"), 404);
        error(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/recognize")).GET().build(),
                HttpResponse.BodyHandlers.ofString()), 405);
        post("/v1/recognize", voice, "audio/wav");
        String metrics = get("/metrics").body();
        for (String m : List.of("sentio_requests_total{endpoint=\"/v1/recognize\",status=\"200\"}",
                "sentio_errors_total", "sentio_request_duration_seconds_bucket", "sentio_queue_depth",
                "sentio_audio_seconds_total", "sentio_streams_open")) {
            assertTrue(metrics.contains(m), m + " in\n" + metrics);
        }
    }

    @Test
    void aTokenGuardsTheApi() throws Exception {
        String guardedBase = "http://127.0.0.1:" + guarded.port();
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(guardedBase + "/v1/model")).build(),
                HttpResponse.BodyHandlers.ofString());
        error(none, 401);
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
        error(http.send(HttpRequest.newBuilder(URI.create(guardedBase + "/v1/recognize"))
                .header("Authorization", "Bearer wrong").POST(HttpRequest.BodyPublishers.ofByteArray(voice)).build(),
                HttpResponse.BodyHandlers.ofString()), 401);
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(guardedBase + "/v1/recognize"))
                .header("Authorization", "Bearer s3cret").POST(HttpRequest.BodyPublishers.ofByteArray(voice)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(guardedBase + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "health needs no token");
        CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () ->
                http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + guarded.port() + "/v1/stream"),
                        new Collector()).join());
        assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        WebSocket ok = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + guarded.port()
                + "/v1/stream?access_token=s3cret"), new Collector()).join();
        ok.sendClose(1000, "").join();
    }

    @Test
    void aFullQueueAnswers503WithRetryAfter() throws Exception {
        // one thread, a queue of one: of many long requests at once, some must be turned away, none lost
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/timeline"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(longVoice)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        int busy = 0;
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
            if (r.statusCode() == 503) {
                busy++;
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
                error(r, 503);
            } else {
                assertEquals(200, r.statusCode(), r.body());
                ok++;
            }
        }
        assertTrue(busy > 0 && ok >= 2, ok + " ok, " + busy + " busy");
    }

    /** Collects a WebSocket's text messages and its close. */
    static final class Collector implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        List<String> types() {
            return messages.stream().map(m -> m.get("type").asText()).toList();
        }
    }

    static WebSocket connect(Collector c) {
        return http.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/v1/stream"), c).join();
    }

    static ByteBuffer s16(float[] y, int from, int to) {
        ByteBuffer b = ByteBuffer.allocate(2 * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < to; i++) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, y[i])) * 32767));
        }
        // back to big-endian before sending: the JDK's WebSocket client masks 8 bytes at a time in the buffer's
        // byte order and so scrambles a little-endian buffer's bytes (the bytes themselves are little-endian PCM)
        return b.flip().order(ByteOrder.BIG_ENDIAN);
    }

    @Test
    void aStreamGetsEstimatesAndTheSegmentsATimelineGives() throws Exception {
        Collector c = new Collector();
        WebSocket ws = connect(c);
        ws.sendText("{\"sampleRate\": 16000, \"encoding\": \"s16le\"}", true).join();
        for (int i = 0; i < burstSamples.length; i += 1600) {
            ws.sendBinary(s16(burstSamples, i, Math.min(burstSamples.length, i + 1600)), true).join();
        }
        ws.sendText("{\"type\": \"end\"}", true).join();
        assertEquals(1000, c.closed.get(30, TimeUnit.SECONDS));
        List<String> types = c.types();
        assertEquals("ready", types.get(0));
        assertEquals("end", types.get(types.size() - 1));
        assertTrue(types.contains("estimate"), c.messages.toString());
        List<JsonNode> segments = c.messages.stream().filter(m -> m.get("type").asText().equals("segment")).toList();
        // the same segments as the timeline of the same samples (16-bit rounding aside)
        List<StreamingRecognizer.Segment> expected = StreamingRecognizer.timeline(Recognizer.bundled(),
                dir.resolve("bursts.wav"), StreamingRecognizer.Settings.defaults());
        assertEquals(expected.stream().map(StreamingRecognizer.Segment::label).toList(),
                segments.stream().map(m -> m.get("label").asText()).toList());
        assertEquals(12.0, segments.get(segments.size() - 1).get("end").asDouble(), 1e-9);
    }

    @Test
    void streamsRefuseBadInputAndEnforceTheirLimits() throws Exception {
        Collector early = new Collector();
        connect(early).sendBinary(ByteBuffer.allocate(64), true).join();
        assertEquals(1008, early.closed.get(10, TimeUnit.SECONDS));
        assertEquals("error", early.types().get(0));

        Collector notJson = new Collector();
        connect(notJson).sendText("sample rate 16000 please", true).join();
        assertEquals(1003, notJson.closed.get(10, TimeUnit.SECONDS));

        Collector odd = new Collector();
        WebSocket w = connect(odd);
        w.sendText("{\"sampleRate\": 16000, \"encoding\": \"s16le\"}", true).join();
        w.sendBinary(ByteBuffer.allocate(3), true).join();
        assertEquals(1003, odd.closed.get(10, TimeUnit.SECONDS));

        Collector huge = new Collector();
        WebSocket h = connect(huge);
        h.sendText("{\"sampleRate\": 16000, \"encoding\": \"f32le\"}", true).join();
        h.sendBinary(ByteBuffer.allocate(64 * 1024 + 4), true).join();
        assertEquals(1009, huge.closed.get(10, TimeUnit.SECONDS), "over --max-message-bytes");

        Collector tooLong = new Collector();
        WebSocket t = connect(tooLong);
        t.sendText("{\"sampleRate\": 16000, \"encoding\": \"s16le\"}", true).join();
        float[] second = TestSignals.voiceLike(16000, 16000, 180, 0.3);
        for (int s = 0; s < 31 && !tooLong.closed.isDone(); s++) {
            t.sendBinary(s16(second, 0, second.length), true);
            Thread.sleep(5);
        }
        assertEquals(1008, tooLong.closed.get(10, TimeUnit.SECONDS), "over --max-stream-seconds");

        // two streams at most: a third is refused at the handshake
        Collector a = new Collector();
        Collector b = new Collector();
        WebSocket wa = connect(a);
        WebSocket wb = connect(b);
        for (int i = 0; i < 500 && server.streams().get() != 2; i++) {
            Thread.sleep(10); // the refused streams above are closed on the server's threads
        }
        assertEquals(2, server.streams().get());
        ExecutionException third = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () ->
                http.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/v1/stream"),
                        new Collector()).get(10, TimeUnit.SECONDS));
        assertInstanceOf(WebSocketHandshakeException.class, third.getCause());
        assertEquals(503, ((WebSocketHandshakeException) third.getCause()).getResponse().statusCode());
        wa.sendClose(1000, "").join();
        wb.sendClose(1000, "").join();
    }
}
