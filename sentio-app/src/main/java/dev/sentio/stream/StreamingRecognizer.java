package dev.sentio.stream;

import dev.sentio.SentioException;
import dev.sentio.audio.AudioStream;
import dev.sentio.audio.StreamingResampler;
import dev.sentio.evaluation.Probabilities;
import dev.sentio.model.Recognizer;
import dev.sentio.vad.SpeechRegions;
import dev.sentio.vad.SpeechSegmenter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Emotions over time in continuous audio, from a file or a live source: push PCM blocks of any size at the
 * source's rate, receive {@link Segment}s as they become final. Memory does not grow with the recording.
 *
 * <ol>
 *   <li>The audio is resampled on the fly to the model's rate ({@link StreamingResampler}).</li>
 *   <li>{@link SpeechSegmenter} (or another {@link SpeechRegions} detector) finds speech regions; what lies between
 *       them is reported as {@code none}.</li>
 *   <li>A region is recognised in windows ({@link Settings#windowSeconds()} long, a new one every
 *       {@link Settings#hopSeconds()}; a region shorter than a window is one window, and the last window of a
 *       longer one ends with it). Each window is recognised exactly as {@link Recognizer#recognize(float[], int)}
 *       recognises those samples: its features are the whole-signal features of the window, so the 80 dB floor of
 *       {@code power_to_db} and the tuning estimate are the window's own.</li>
 *   <li>Each window's probabilities are averaged with its neighbours' in the region (a moving average over three
 *       windows), which steadies the label; consecutive windows with the same label merge into one segment, whose
 *       probabilities are the mean of theirs. A window whose audio fails the speech check gets {@code none}.</li>
 * </ol>
 * Not thread-safe: one stream per instance (a {@link Recognizer} may be shared).
 */
public final class StreamingRecognizer {
    /**
     * @param windowSeconds the length of the windows a long speech region is recognised in
     * @param hopSeconds    the step between windows
     * @param speech        how speech regions are found
     * @param labels        the labels to choose among (null: all the model's), renormalised
     * @param estimateEverySeconds how often, inside speech, a provisional estimate of the current emotion is made
     *                      for {@link Listener#estimate} (0: never, as a timeline of a file needs none)
     * @param regions       the speech detector ({@link SpeechSegmenter#FACTORY} by default)
     */
    public record Settings(double windowSeconds, double hopSeconds, SpeechSegmenter.Settings speech,
                           List<String> labels, double estimateEverySeconds, SpeechRegions.Factory regions) {
        public Settings {
            if (!(windowSeconds > 0) || !(hopSeconds > 0) || hopSeconds > windowSeconds) {
                throw new IllegalArgumentException("need 0 < hop <= window, got window " + windowSeconds
                        + " s, hop " + hopSeconds + " s");
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_WINDOW, DEFAULT_HOP, SpeechSegmenter.Settings.defaults(), null, 0,
                    SpeechSegmenter.FACTORY);
        }

        public Settings withLabels(List<String> subset) {
            return new Settings(windowSeconds, hopSeconds, speech, subset, estimateEverySeconds, regions);
        }

        public Settings withWindow(double window, double hop) {
            return new Settings(window, hop, speech, labels, estimateEverySeconds, regions);
        }

        public Settings withSpeech(SpeechSegmenter.Settings s) {
            return new Settings(windowSeconds, hopSeconds, s, labels, estimateEverySeconds, regions);
        }

        public Settings withRegions(SpeechRegions.Factory detector) {
            return new Settings(windowSeconds, hopSeconds, speech, labels, estimateEverySeconds, detector);
        }

        public Settings withEstimates(double everySeconds) {
            return new Settings(windowSeconds, hopSeconds, speech, labels, everySeconds, regions);
        }
    }

    /** Window length and hop by default (seconds); BENCHMARKS.md has the measurements behind them. */
    public static final double DEFAULT_WINDOW = 2.0;
    public static final double DEFAULT_HOP = 1.0;

    /** The reason given to audio between speech regions. */
    public static final String NO_SPEECH = "no speech";

    /**
     * A stretch of the recording with one outcome.
     *
     * @param start         seconds from the start of the stream
     * @param end           seconds (exclusive)
     * @param label         the emotion, or {@link Recognizer#NONE}
     * @param confidence    the label's probability (NaN for none)
     * @param labels        the labels the probabilities are for
     * @param probabilities one per label (empty for none)
     * @param reason        why there is no emotion (null when there is one)
     */
    public record Segment(double start, double end, String label, float confidence, List<String> labels,
                          float[] probabilities, String reason) {
        public boolean speech() {
            return reason == null;
        }

        public double duration() {
            return end - start;
        }
    }

    /** Where results go; called on the thread that pushes audio. */
    public interface Listener {
        /** A segment, final; segments come in order and tile the stream. */
        void segment(Segment segment);

        /** A provisional estimate of the emotion of the speech now being heard, at {@code seconds}. */
        default void estimate(double seconds, Recognizer.Prediction prediction) {
        }
    }

    private final Recognizer recognizer;
    private final Settings settings;
    private final Listener listener;
    private final int rate;
    private final StreamingResampler resampler;
    private final SpeechRegions segmenter;
    private final List<String> labels;
    private final int window;
    private final int hop;
    /** Model-rate samples kept for the windows still to come. */
    private final SampleHistory history = new SampleHistory();
    /** Where the next segment starts (samples): the end of everything reported so far. */
    private long reported;
    private Region region;
    private long lastEstimate;
    private boolean finished;

    public StreamingRecognizer(Recognizer recognizer, int inputRate, Settings settings, Listener listener) {
        this.recognizer = recognizer;
        this.settings = settings;
        this.listener = listener;
        Integer modelRate = recognizer.bundle().features().sampleRate();
        this.rate = modelRate == null ? inputRate : modelRate;
        this.resampler = new StreamingResampler(inputRate, rate);
        this.labels = settings.labels() == null ? recognizer.labels() : recognizer.requireLabels(settings.labels());
        this.window = (int) Math.round(settings.windowSeconds() * rate);
        this.hop = (int) Math.round(settings.hopSeconds() * rate);
        this.segmenter = settings.regions().create(rate, settings.speech(), new SpeechRegions.Listener() {
            @Override
            public void speechStarted(long start) {
                if (start > reported) {
                    listener.segment(none(reported, start, NO_SPEECH));
                }
                region = new Region(start);
            }

            @Override
            public void speechEnded(long start, long end) {
                region.end(end);
                region = null;
                reported = end;
            }
        });
    }

    /**
     * The timeline of a file, decoded block by block ({@link AudioStream}): memory stays bounded however long it is.
     * Errors name the file.
     */
    public static void timeline(Recognizer recognizer, Path file, Settings settings, Listener listener) {
        timeline(recognizer, file, settings, listener, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #timeline(Recognizer, Path, Settings, Listener)}, but audio past {@code maxSeconds} is refused with
     * {@link dev.sentio.audio.AudioTooLongException} (a service's limit; segments already given stay given).
     */
    public static void timeline(Recognizer recognizer, Path file, Settings settings, Listener listener,
                                double maxSeconds) {
        try (AudioStream in = AudioStream.open(file)) {
            StreamingRecognizer stream = new StreamingRecognizer(recognizer, in.sampleRate(), settings, listener);
            float[] block = new float[BLOCK];
            double limit = maxSeconds * in.sampleRate();
            for (int n; (n = in.read(block)) >= 0; ) {
                if (in.position() > limit) {
                    throw new dev.sentio.audio.AudioTooLongException(file, maxSeconds);
                }
                stream.push(block, 0, n);
            }
            if (in.position() == 0) {
                throw new dev.sentio.audio.AudioException(file, "contains no audio samples (zero length)");
            }
            stream.finish();
        } catch (dev.sentio.audio.AudioException e) {
            throw e;
        } catch (SentioException | IllegalArgumentException e) {
            throw new SentioException(file + ": " + e.getMessage(), e);
        }
    }

    /** The segments of a file (see {@link #timeline(Recognizer, Path, Settings, Listener)}). */
    public static List<Segment> timeline(Recognizer recognizer, Path file, Settings settings) {
        List<Segment> segments = new ArrayList<>();
        timeline(recognizer, file, settings, segments::add);
        return segments;
    }

    /** Samples decoded at a time for a file. */
    private static final int BLOCK = 8192;

    /** Seconds of audio pushed so far. */
    public double position() {
        return history.end() / (double) rate;
    }

    public void push(float[] block, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("push after finish");
        }
        float[] atRate = resampler.push(block, offset, length);
        feed(atRate);
    }

    /** The stream has ended: the open speech region and the silence after it are reported. */
    public void finish() {
        if (finished) {
            return;
        }
        feed(resampler.finish());
        finished = true;
        segmenter.finish();
        long end = history.end();
        if (end > reported) {
            listener.segment(none(reported, end, NO_SPEECH));
            reported = end;
        }
    }

    private void feed(float[] samples) {
        history.append(samples);
        segmenter.push(samples, 0, samples.length);
        if (region != null) {
            // only windows that surely lie inside the region: where it ends is known only later
            region.advance(segmenter.speechCertainUntil());
            estimate();
        }
        // keep what an open region's next window needs, and the last second, where a region found late begins
        long keep = history.end() - rate;
        if (region != null) {
            // (the last window of a region ends with it, and may start up to a hop before the next full one)
            keep = Math.min(keep, Math.max(region.start, region.nextWindow - hop));
        }
        history.discardBefore(keep);
    }

    private void estimate() {
        double every = settings.estimateEverySeconds();
        long now = history.end();
        if (every <= 0 || now - lastEstimate < every * rate || now - region.start < rate / 2) {
            return;
        }
        lastEstimate = now;
        long from = Math.max(region.start, now - window);
        Recognizer.Prediction p = recognize(from, now, false);
        listener.estimate(now / (double) rate, p);
    }

    /**
     * A window recognised. With a speaker-normalised model, each window is standardised with the statistics of
     * this recording's speech windows so far, itself included: adaptation to one speaker's or session's voice and
     * channel, without labels. The first windows have little to go on (the very first is all zeros, the model's
     * "average" input), so their answers are closer to uniform.
     *
     * @param final_ whether the window counts towards those statistics (a provisional estimate does not)
     */
    private Recognizer.Prediction recognize(long from, long to, boolean final_) {
        if (!recognizer.bundle().speakerNormalised()) {
            return recognizer.recognize(history.slice(from, to), rate).restrictedTo(labels);
        }
        Recognizer.Analysis a = recognizer.analyse(history.slice(from, to), rate);
        if (a.none() != null) {
            return a.none().restrictedTo(labels);
        }
        if (running == null) {
            running = new dev.sentio.model.data.Standardizer.Running(a.features()[0].length);
        }
        if (final_) {
            running.add(a.features());
        }
        dev.sentio.model.data.Standardizer own;
        if (final_ || running.sequences() > 0) {
            own = running.current();
        } else {
            own = dev.sentio.model.data.Standardizer.Running.of(a.features()).current();
        }
        return recognizer.recognizeAdapted(a, own).restrictedTo(labels);
    }

    private dev.sentio.model.data.Standardizer.Running running;

    private Segment none(long from, long to, String reason) {
        return new Segment(from / (double) rate, to / (double) rate, Recognizer.NONE, Float.NaN, labels,
                new float[0], reason);
    }

    /** A window's outcome: its centre (samples) and probabilities, or the reason it has no emotion. */
    private record Window(double centre, float[] probabilities, String reason) {
    }

    /** An open speech region: its windows so far, the run of windows with one label, and what is reported. */
    private final class Region {
        final long start;
        long nextWindow;
        /** The last three windows (older ones are reported). */
        final List<Window> recent = new ArrayList<>();
        /** The run being built: where it starts, its label, and the sum of its smoothed probabilities. */
        long runStart;
        String runLabel;
        String runReason;
        float[] runSum;
        int runCount;

        Region(long start) {
            this.start = start;
            this.nextWindow = start;
            this.runStart = start;
        }

        /** Recognises every full window that the audio up to {@code available} holds. */
        void advance(long available) {
            while (nextWindow + window <= available) {
                add(nextWindow, nextWindow + window);
                nextWindow += hop;
            }
        }

        void end(long end) {
            advance(end);
            if (recent.isEmpty()) {
                add(start, end);
            } else if (nextWindow - hop + window < end) {
                add(Math.max(start, end - window), end);
            }
            // the last window has no successor: smooth it over what it has
            decide(recent.size() - 1, end);
            closeRun(end);
        }

        private void add(long from, long to) {
            Recognizer.Prediction p = recognize(from, to, true);
            recent.add(new Window((from + to) / 2.0, p.speech() ? p.probabilities() : null, p.reason()));
            if (recent.size() >= 2) {
                // the window before this one now has both neighbours: its label is final
                Window previous = recent.get(recent.size() - 2);
                decide(recent.size() - 2, Math.round((previous.centre() + recent.get(recent.size() - 1).centre()) / 2));
            }
            if (recent.size() > 3) {
                recent.remove(0);
            }
        }

        /** Window {@code i} of {@link #recent}, whose stretch ends at {@code coreEnd}, joins or ends the run. */
        private void decide(int i, long coreEnd) {
            Window w = recent.get(i);
            String reason = w.reason();
            float[] smoothed = null;
            String label;
            if (reason != null) {
                label = Recognizer.NONE;
            } else {
                smoothed = new float[labels.size()];
                int n = 0;
                for (int k = Math.max(0, i - 1); k <= Math.min(recent.size() - 1, i + 1); k++) {
                    float[] p = recent.get(k).probabilities();
                    if (p != null) {
                        for (int c = 0; c < smoothed.length; c++) {
                            smoothed[c] += p[c];
                        }
                        n++;
                    }
                }
                for (int c = 0; c < smoothed.length; c++) {
                    smoothed[c] /= n;
                }
                label = labels.get(Probabilities.argMax(smoothed));
            }
            if (runLabel != null && !runLabel.equals(label)) {
                closeRun(runEnd);
            }
            if (runLabel == null) {
                runLabel = label;
                runReason = reason;
                runSum = new float[labels.size()];
                runCount = 0;
            }
            if (smoothed != null) {
                for (int c = 0; c < smoothed.length; c++) {
                    runSum[c] += smoothed[c];
                }
                runCount++;
            }
            runEnd = coreEnd;
        }

        long runEnd;

        private void closeRun(long end) {
            if (runLabel == null) {
                return;
            }
            if (runReason != null) {
                listener.segment(none(runStart, end, runReason));
            } else {
                float[] mean = new float[runSum.length];
                for (int c = 0; c < mean.length; c++) {
                    mean[c] = runSum[c] / runCount;
                }
                int best = labels.indexOf(runLabel);
                listener.segment(new Segment(runStart / (double) rate, end / (double) rate, runLabel, mean[best],
                        labels, mean, null));
            }
            runStart = end;
            runLabel = null;
        }
    }
}
