package dev.sentio.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/** What /metrics reports, in Prometheus's text format; a registry of its own per server. */
final class ServiceMetrics {
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("sentio_requests_total")
            .help("HTTP requests by endpoint and status").labelNames("endpoint", "status").register(registry);
    private final Counter errors = Counter.builder().name("sentio_errors_total")
            .help("Requests that failed (status 400 and up) by endpoint and status").labelNames("endpoint", "status")
            .register(registry);
    private final Histogram latency = Histogram.builder().name("sentio_request_duration_seconds")
            .help("Time from request to response by endpoint").labelNames("endpoint")
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).register(registry);
    private final Counter audio = Counter.builder().name("sentio_audio_seconds_total")
            .help("Seconds of audio recognised (uploads and streams)").register(registry);
    private final Counter rejected = Counter.builder().name("sentio_rejected_total")
            .help("Requests turned away with 503 because the work queue or the stream limit was full").register(registry);

    ServiceMetrics(IntSupplier queueDepth, IntSupplier busy, IntSupplier streams) {
        GaugeWithCallback.builder().name("sentio_queue_depth").help("Uploads waiting for a recognition thread")
                .callback(cb -> cb.call(queueDepth.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("sentio_busy_threads").help("Recognition threads at work")
                .callback(cb -> cb.call(busy.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("sentio_streams_open").help("WebSocket streams open")
                .callback(cb -> cb.call(streams.getAsInt())).register(registry);
    }

    void request(String endpoint, int status, double seconds) {
        String code = Integer.toString(status);
        requests.labelValues(endpoint, code).inc();
        if (status >= 400) {
            errors.labelValues(endpoint, code).inc();
        }
        if (status == 503) {
            rejected.inc();
        }
        latency.labelValues(endpoint).observe(seconds);
    }

    void audio(double seconds) {
        audio.inc(seconds);
    }

    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
