package dev.sentio.vad;

import java.util.ArrayDeque;

/**
 * Finds the speech regions of a stream, block by block, without a model: the frames of {@link VoiceActivity}
 * (40 ms, hop 20 ms; level and periodicity at a speech pitch). A region opens once a few frames in a short span are
 * voiced and loud (within {@link VoiceActivity#RANGE_DB} of the loudest frame of the last seconds, so that a quiet
 * background does not count), and closes when no such frame has come for the hangover; both ends are padded to
 * take in the unvoiced sounds around the voiced ones. A region is only a candidate: the recogniser still checks it
 * ({@link VoiceActivity#assess}) before it gives an emotion. Memory does not grow with the stream.
 */
public final class SpeechSegmenter implements SpeechRegions {
    /**
     * @param hangoverSeconds  silence (no loud voiced frame) that ends a region; pauses shorter than this stay inside
     * @param padSeconds       added before the first and after the last voiced frame of a region
     * @param onsetFrames      voiced frames, within {@code onsetWindow} frames, that open a region
     * @param onsetWindow      see above
     * @param loudestSeconds   how far back the loudest frame is looked for
     * @param floorSeconds     how far back the background level (the quietest frame) is looked for
     * @param marginDb         how far above the background a voiced frame must be
     */
    public record Settings(double hangoverSeconds, double padSeconds, int onsetFrames, int onsetWindow,
                           double loudestSeconds, double floorSeconds, double marginDb) {
        public Settings {
            // a region's end is padded past its last voiced frame: the silence that ends it must cover the pad
            if (!(hangoverSeconds > padSeconds) || hangoverSeconds > 10) {
                throw new dev.sentio.SentioException(String.format(java.util.Locale.ROOT,
                        "the hangover must be over %.2f s (the padding) and at most 10 s, got %s", padSeconds,
                        hangoverSeconds));
            }
        }

        public static Settings defaults() {
            return new Settings(0.5, 0.15, 3, 10, 10, 1.0, 10);
        }

        public Settings withHangover(double seconds) {
            return new Settings(seconds, padSeconds, onsetFrames, onsetWindow, loudestSeconds, floorSeconds, marginDb);
        }
    }

    /** The default detector, for users that take a {@link SpeechRegions.Factory}. */
    public static final SpeechRegions.Factory FACTORY = SpeechSegmenter::new;

    private final Settings settings;
    private final OpenRegion region;
    private final FrameAnalyser analyser;
    private final int length;
    private final int hop;
    private final int pad;
    private final int hangoverFrames;
    private final int loudestFrames;
    private float[] buffer;
    private int buffered;
    /** The stream position of {@code buffer[0]}, which is where the next frame starts. */
    private long bufferStart;
    private long frame;
    private final int floorFrames;
    private final ArrayDeque<long[]> loudest = new ArrayDeque<>();
    private final ArrayDeque<long[]> quietest = new ArrayDeque<>();
    private final boolean[] recentVoiced;
    private long lastVoiced = -1;
    private long received;

    public SpeechSegmenter(int sampleRate, Settings settings, SpeechRegions.Listener listener) {
        this.settings = settings;
        this.region = new OpenRegion(listener);
        this.analyser = new FrameAnalyser(sampleRate);
        this.length = analyser.length();
        this.hop = analyser.hop();
        this.pad = (int) Math.round(settings.padSeconds() * sampleRate);
        this.hangoverFrames = (int) Math.ceil(settings.hangoverSeconds() / VoiceActivity.HOP_SECONDS);
        this.loudestFrames = (int) Math.ceil(settings.loudestSeconds() / VoiceActivity.HOP_SECONDS);
        this.floorFrames = (int) Math.ceil(settings.floorSeconds() / VoiceActivity.HOP_SECONDS);
        this.recentVoiced = new boolean[settings.onsetWindow()];
        this.buffer = new float[Math.max(4 * length, 4096)];
    }

    /** While a region is open: its last voiced frame, padded. */
    @Override
    public long speechCertainUntil() {
        return Math.min(received, lastVoiced * hop + length + pad);
    }

    @Override
    public void push(float[] samples, int offset, int count) {
        region.checkNotFinished();
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, buffer.length - buffered);
            System.arraycopy(samples, offset + done, buffer, buffered, n);
            buffered += n;
            done += n;
            received += n;
            int at = 0;
            while (buffered - at >= length) {
                frame(at);
                at += hop;
            }
            System.arraycopy(buffer, at, buffer, 0, buffered - at);
            buffered -= at;
            bufferStart += at;
        }
    }

    @Override
    public void finish() {
        region.finish(Math.min(received, lastVoiced * hop + length + pad));
    }

    private void frame(int at) {
        analyser.analyse(buffer, at, length);
        double level = analyser.level();
        double peak = slide(loudest, level, loudestFrames);
        double background = -slide(quietest, -level, floorFrames);
        boolean active = level > VoiceActivity.FLOOR_DB && level > peak - VoiceActivity.RANGE_DB
                && level > background + settings.marginDb();
        boolean voiced = active && analyser.correlation() >= VoiceActivity.VOICED_CORRELATION;
        int slot = (int) (frame % recentVoiced.length);
        recentVoiced[slot] = voiced;
        if (voiced) {
            if (!region.isOpen() && count(recentVoiced) >= settings.onsetFrames()) {
                long first = frame;
                for (int back = recentVoiced.length - 1; back >= 0; back--) {
                    long f = frame - back;
                    if (f >= 0 && recentVoiced[(int) (f % recentVoiced.length)]) {
                        first = f;
                        break;
                    }
                }
                region.open(first * hop - pad);
            }
            lastVoiced = frame;
        } else if (region.isOpen() && frame - lastVoiced > hangoverFrames) {
            region.close(lastVoiced * hop + length + pad);
        }
        frame++;
    }

    /** Adds this frame's value to a sliding window of {@code frames} and returns the window's largest value. */
    private double slide(ArrayDeque<long[]> window, double value, int frames) {
        while (!window.isEmpty() && Double.longBitsToDouble(window.peekLast()[1]) <= value) {
            window.pollLast();
        }
        window.addLast(new long[] {frame, Double.doubleToLongBits(value)});
        while (window.peekFirst()[0] <= frame - frames) {
            window.pollFirst();
        }
        return Double.longBitsToDouble(window.peekFirst()[1]);
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }
}
