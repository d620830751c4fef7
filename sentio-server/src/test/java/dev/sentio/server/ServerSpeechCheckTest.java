package dev.sentio.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sentio.audio.WavWriter;
import dev.sentio.model.Recognizer;
import dev.sentio.vad.SpeechRegions;
import dev.sentio.vad.TestSignals;
import dev.sentio.vad.VoiceActivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service uses the speech check and detector it is given (as {@code sentio serve --vad silero} gives the
 * Silero VAD's), on every worker thread: here ones that find no speech anywhere turn away what the default passes.
 */
class ServerSpeechCheckTest {
    @TempDir
    Path dir;

    /** A detector that never finds speech. */
    static final SpeechRegions.Factory DEAF = (rate, settings, listener) -> new SpeechRegions() {
        @Override
        public void push(float[] samples, int offset, int count) {
        }

        @Override
        public void finish() {
        }

        @Override
        public long speechCertainUntil() {
            return 0;
        }
    };

    @Test
    void uploadsMeetTheCheckTheServiceWasGiven() throws Exception {
        Path voice = dir.resolve("voice.wav");
        WavWriter.write(voice, TestSignals.bursts(16000, 12, new double[][] {{1, 4.5, 140}, {6, 10, 230}}), 16000);
        ServerSettings settings = ServerSettings.defaults().withAddress("127.0.0.1", 0).withWork(2, 2);
        Recognizer strict = Recognizer.bundled().withSpeechCheck((samples, rate) ->
                new VoiceActivity.Verdict(false, "the test's check hears nothing", 0, Double.NaN, 0, 0, 0));
        try (SentioServer plain = new SentioServer(Recognizer.bundled(), "bundled", settings);
             SentioServer deaf = new SentioServer(strict, DEAF, "bundled", settings)) {
            String plainBase = "http://127.0.0.1:" + plain.start();
            String deafBase = "http://127.0.0.1:" + deaf.start();
            byte[] body = Files.readAllBytes(voice);
            assertEquals(200, post(plainBase + "/v1/recognize", body).statusCode());
            assertEquals(200, post(plainBase + "/v1/timeline", body).statusCode());
            // both worker threads, each with its own network, keep the check
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = post(deafBase + "/v1/recognize", body);
                assertEquals(422, r.statusCode(), r.body());
                JsonNode n = ServerTest.JSON.readTree(r.body());
                assertTrue(n.get("error").asText().contains("the test's check hears nothing"), r.body());
            }
            HttpResponse<String> t = post(deafBase + "/v1/timeline", body);
            assertEquals(422, t.statusCode(), t.body());
            assertTrue(t.body().contains("no speech found"), t.body());
        }
    }

    static HttpResponse<String> post(String url, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "audio/wav")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
