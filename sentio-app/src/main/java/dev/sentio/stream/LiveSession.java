package dev.sentio.stream;

import dev.sentio.model.Recognizer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Recognition of a live source until it ends or {@link #stop()} is called: segments as they become final and
 * provisional estimates go to the listener; the session keeps what its summary needs, and measures each speech
 * segment's latency (from the moment the block holding the segment's end was captured to the moment the segment was
 * final).
 */
public final class LiveSession {
    /** How often an estimate of the current emotion is made while speech goes on (seconds). */
    public static final double ESTIMATE_EVERY = 0.5;
    /** Samples read from the source at a time: 20 ms at 16 kHz, as audio devices deliver them. */
    private static final double BLOCK_SECONDS = 0.02;

    private final Recognizer recognizer;
    private final StreamingRecognizer.Settings settings;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Map<String, Double> secondsPerLabel = new LinkedHashMap<>();
    private final List<Double> latencies = new ArrayList<>();
    private int segments;
    private double heard;

    public LiveSession(Recognizer recognizer, StreamingRecognizer.Settings settings) {
        this.recognizer = recognizer;
        this.settings = settings.withEstimates(ESTIMATE_EVERY);
    }

    /** Ends {@link #run} at the next block (from another thread, e.g. on Ctrl-C). */
    public void stop() {
        stopped.set(true);
    }

    /** Reads the source to its end (or {@link #stop()}), then reports what remains open. */
    public void run(LiveSource source, StreamingRecognizer.Listener listener) {
        ArrayDeque<double[]> captured = new ArrayDeque<>(); // {stream seconds at a block's end, nanoTime}
        StreamingRecognizer.Listener tracking = new StreamingRecognizer.Listener() {
            @Override
            public void segment(StreamingRecognizer.Segment s) {
                segments++;
                // blocks that ended before this segment's end will not be needed again
                while (captured.size() > 1 && captured.peekFirst()[0] < s.end() - 1e-9) {
                    captured.pollFirst();
                }
                if (s.speech()) {
                    secondsPerLabel.merge(s.label(), s.duration(), Double::sum);
                    if (!stopped.get() && !captured.isEmpty() && captured.peekFirst()[0] >= s.end() - 1e-9) {
                        latencies.add((System.nanoTime() - captured.peekFirst()[1]) / 1e9);
                    }
                } else {
                    secondsPerLabel.merge(Recognizer.NONE, s.duration(), Double::sum);
                }
                listener.segment(s);
            }

            @Override
            public void estimate(double seconds, Recognizer.Prediction p) {
                listener.estimate(seconds, p);
            }
        };
        StreamingRecognizer stream = new StreamingRecognizer(recognizer, source.sampleRate(), settings, tracking);
        float[] block = new float[(int) Math.round(BLOCK_SECONDS * source.sampleRate())];
        long pushed = 0;
        while (!stopped.get()) {
            int n = source.read(block);
            if (n < 0) {
                break;
            }
            pushed += n;
            captured.addLast(new double[] {pushed / (double) source.sampleRate(), System.nanoTime()});
            stream.push(block, 0, n);
        }
        stream.finish();
        heard = stream.position();
    }

    /** Seconds of audio heard. */
    public double heard() {
        return heard;
    }

    public int segments() {
        return segments;
    }

    /** Seconds of each label (and none), in order of first appearance. */
    public Map<String, Double> secondsPerLabel() {
        return secondsPerLabel;
    }

    /** Latency of each speech segment that became final while the source was live (seconds). */
    public List<Double> latencies() {
        return latencies;
    }
}
