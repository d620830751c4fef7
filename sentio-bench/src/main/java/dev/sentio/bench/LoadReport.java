package dev.sentio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.audio.WavWriter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Load on a running {@code sentio serve} over loopback (a benchmark, bounded in time, never a test):
 * {@code POST /v1/recognize} with 2 s clips cut from corpus files at 1, 4, 16 and 64 concurrent clients (each
 * sends its next request when the last is answered): throughput, p50/p99 latency, 503s and other errors; then 32
 * WebSocket streams at real-time pace (each a 20 s recording sent in 100 ms blocks): how late the last segment
 * comes after the end of the audio; then a soak at 4 clients with the server's RSS sampled every 10 s.
 * {@code java -cp benchmarks.jar dev.sentio.bench.LoadReport URL SERVER_PID CORPUS_DIR [SECONDS_PER_LEVEL]
 * [SOAK_SECONDS]}; {@code tools/bench-serve.sh} starts the server and runs it.
 */
public final class LoadReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 16000;

    private LoadReport() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long pid = Long.parseLong(args[1]);
        Path corpus = Path.of(args[2]);
        double perLevel = args.length > 3 ? Double.parseDouble(args[3]) : 20;
        double soak = args.length > 4 ? Double.parseDouble(args[4]) : 600;
        List<byte[]> clips = clips(corpus, 20);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
        System.out.printf(Locale.ROOT, "server %s (pid %d); %d different 2 s clips from %s%n%n", url, pid, clips.size(),
                corpus);
        System.out.println("| clients | requests/s | p50 ms | p99 ms | max ms | 200 | 503 | other errors |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int clients : new int[] {1, 4, 16, 64}) {
            Level l = level(http, url, clips, clients, perLevel, null);
            System.out.println(l.row(clients));
        }
        System.out.println();
        streams(http, url, corpus, 32);
        System.out.println();
        List<long[]> rss = new ArrayList<>();
        Level soaked = level(http, url, clips, 4, soak, () -> rss.add(new long[] {System.nanoTime(), rss(pid)}));
        System.out.printf(Locale.ROOT, "soak: %.0f s at 4 clients: %s%n", soak, soaked.row(4));
        long first = rss.get(0)[1];
        long min = rss.stream().mapToLong(r -> r[1]).min().orElse(0);
        long max = rss.stream().mapToLong(r -> r[1]).max().orElse(0);
        long last = rss.get(rss.size() - 1)[1];
        System.out.printf(Locale.ROOT, "server RSS every 10 s (%d samples): first %d MB, min %d MB, max %d MB, last %d MB%n",
                rss.size(), first >> 10, min >> 10, max >> 10, last >> 10);
        StringBuilder series = new StringBuilder("RSS MB:");
        rss.forEach(r -> series.append(' ').append(r[1] >> 10));
        System.out.println(series);
        System.exit(0);
    }

    /** 2 s clips from the corpus's first files with at least 2 s of audio, as 16-bit WAV bytes. */
    static List<byte[]> clips(Path corpus, int n) throws IOException {
        List<byte[]> clips = new ArrayList<>();
        Path tmp = Files.createTempFile("sentio-clip", ".wav");
        try (Stream<Path> s = Files.walk(corpus)) {
            for (Path f : s.filter(AudioLoader::hasAudioExtension).sorted().toList()) {
                Audio a = AudioLoader.load(f, RATE);
                if (a.length() >= 2 * RATE) {
                    WavWriter.write(tmp, Arrays.copyOf(a.samples(), 2 * RATE), RATE);
                    clips.add(Files.readAllBytes(tmp));
                    if (clips.size() == n) {
                        break;
                    }
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return clips;
    }

    record Level(int requests, double seconds, List<Double> latencies, int ok, int busy, int other) {
        String row(int clients) {
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return String.format(Locale.ROOT, "| %d | %.1f | %.0f | %.0f | %.0f | %d | %d | %d |", clients,
                    requests / seconds, pct(sorted, 0.5), pct(sorted, 0.99),
                    sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), ok, busy, other);
        }
    }

    static double pct(List<Double> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    /** {@code clients} closed loops for {@code seconds}; {@code every10s} runs every 10 s meanwhile. */
    static Level level(HttpClient http, String url, List<byte[]> clips, int clients, double seconds, Runnable every10s)
            throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                for (int i = client; System.nanoTime() < end; i++) {
                    byte[] clip = clips.get(i % clips.size());
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/recognize"))
                                .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(clip))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (r.statusCode() == 200 || r.statusCode() == 422) { // 422: a clip without speech
                            latencies.add(ms);
                            ok.incrementAndGet();
                        } else if (r.statusCode() == 503) {
                            busy.incrementAndGet();
                            Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
                        } else {
                            other.incrementAndGet();
                        }
                    } catch (IOException e) {
                        other.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            if (every10s != null) {
                every10s.run();
            }
        }
        if (every10s != null) {
            every10s.run();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Level(ok.get(), elapsed, latencies, ok.get(), busy.get(), other.get());
    }

    /** {@code n} streams at once, each a 20 s recording (corpus files one after another) at real-time pace. */
    static void streams(HttpClient http, String url, Path corpus, int n) throws Exception {
        float[] recording = recording(corpus, 20);
        List<CompletableFuture<double[]>> all = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(n);
        for (int s = 0; s < n; s++) {
            all.add(CompletableFuture.supplyAsync(() -> stream(http, url, recording), senders));
        }
        List<Double> lags = new ArrayList<>();
        int segments = 0;
        int failed = 0;
        for (CompletableFuture<double[]> f : all) {
            double[] r = f.get(120, TimeUnit.SECONDS);
            if (r == null) {
                failed++;
            } else {
                lags.add(r[0]);
                segments += (int) r[1];
            }
        }
        senders.shutdown();
        Collections.sort(lags);
        System.out.printf(Locale.ROOT, "%d WebSocket streams at once, each 20 s of speech at real-time pace in 100 ms "
                        + "blocks: %d completed, %d failed, %d segments; the end answered %.0f ms (median) / %.0f ms "
                        + "(max) after the last block%n", n, lags.size(), failed, segments, pct(lags, 0.5) * 1000,
                lags.isEmpty() ? 0 : lags.get(lags.size() - 1) * 1000);
    }

    static float[] recording(Path corpus, double seconds) throws IOException {
        float[] y = new float[(int) (seconds * RATE)];
        int at = 0;
        try (Stream<Path> s = Files.walk(corpus)) {
            for (Path f : s.filter(AudioLoader::hasAudioExtension).sorted().toList()) {
                float[] u = AudioLoader.load(f, RATE).samples();
                int n = Math.min(u.length, y.length - at);
                System.arraycopy(u, 0, y, at, n);
                at += n + RATE / 2;
                if (at >= y.length) {
                    break;
                }
            }
        }
        return y;
    }

    /** @return {seconds from the last block to the end message, segments}, or null when the stream failed */
    static double[] stream(HttpClient http, String url, float[] y) {
        CompletableFuture<Long> ended = new CompletableFuture<>();
        AtomicInteger segments = new AtomicInteger();
        try {
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(url.replace("http", "ws") + "/v1/stream"),
                    new WebSocket.Listener() {
                        final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                try {
                                    JsonNode m = JSON.readTree(text.toString());
                                    String type = m.get("type").asText();
                                    if (type.equals("segment")) {
                                        segments.incrementAndGet();
                                    } else if (type.equals("end")) {
                                        ended.complete(System.nanoTime());
                                    } else if (type.equals("error")) {
                                        ended.completeExceptionally(new IOException(m.get("error").asText()));
                                    }
                                } catch (IOException e) {
                                    ended.completeExceptionally(e);
                                }
                                text.setLength(0);
                            }
                            w.request(1);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket w, Throwable error) {
                            ended.completeExceptionally(error);
                        }
                    }).get(30, TimeUnit.SECONDS);
            ws.sendText("{\"sampleRate\": 16000, \"encoding\": \"s16le\"}", true).get();
            int block = RATE / 10;
            long start = System.nanoTime();
            for (int i = 0, k = 0; i < y.length; i += block, k++) {
                ByteBuffer b = ByteBuffer.allocate(2 * Math.min(block, y.length - i)).order(ByteOrder.LITTLE_ENDIAN);
                for (int j = i; j < Math.min(y.length, i + block); j++) {
                    b.putShort((short) Math.round(Math.max(-1, Math.min(1, y[j])) * 32767));
                }
                // big-endian again before sending: the JDK client masks in the buffer's byte order
                ws.sendBinary(b.flip().order(ByteOrder.BIG_ENDIAN), true).get();
                long due = start + (long) ((k + 1) * 0.1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            long last = System.nanoTime();
            ws.sendText("{\"type\": \"end\"}", true).get();
            long end = ended.get(60, TimeUnit.SECONDS);
            return new double[] {(end - last) / 1e9, segments.get()};
        } catch (Exception e) {
            return null;
        }
    }

    /** The process's resident set size in kB, from /proc. */
    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
