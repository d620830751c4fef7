package dev.sentio.vad.silero;

import dev.sentio.SentioException;
import dev.sentio.vad.OpenRegion;
import dev.sentio.vad.SpeechRegions;
import dev.sentio.vad.SpeechSegmenter;

/**
 * Speech regions from Silero's probabilities, as Silero's own {@code get_speech_timestamps} finds them, block by
 * block: a region opens at a chunk of probability 0.5 or more and closes once the probability has stayed below 0.35
 * for the hangover; both ends are padded. Needs 16 kHz audio (the models' rate).
 */
final class SileroSegmenter implements SpeechRegions {
    private static final float THRESHOLD = 0.5f;
    private static final float NEGATIVE_THRESHOLD = THRESHOLD - 0.15f;

    private final SileroVad vad;
    private final OpenRegion region;
    private final int pad;
    private final int hangover;
    private final float[][][][] state = {SileroVad.initialState()};
    /** The model's input: the previous chunk's last samples, then the chunk being filled. */
    private final float[] input = new float[SileroVad.CONTEXT + SileroVad.CHUNK];
    private int filled;
    private long received;
    /** Where the probability last fell below the negative threshold in the open region (-1: it has not). */
    private long silenceFrom = -1;
    private long lastSpeechEnd;

    SileroSegmenter(SileroVad vad, int sampleRate, SpeechSegmenter.Settings settings, Listener listener) {
        if (sampleRate != SileroVad.RATE) {
            throw new SentioException("the Silero VAD needs 16 kHz audio, got " + sampleRate + " Hz");
        }
        this.vad = vad;
        this.region = new OpenRegion(listener);
        this.pad = (int) Math.round(settings.padSeconds() * sampleRate);
        this.hangover = (int) Math.round(settings.hangoverSeconds() * sampleRate);
    }

    @Override
    public void push(float[] samples, int offset, int count) {
        region.checkNotFinished();
        for (int i = 0; i < count; i++) {
            input[SileroVad.CONTEXT + filled++] = samples[offset + i];
            received++;
            if (filled == SileroVad.CHUNK) {
                chunk(received - SileroVad.CHUNK, vad.probability(input, state));
                System.arraycopy(input, SileroVad.CHUNK, input, 0, SileroVad.CONTEXT);
                filled = 0;
            }
        }
    }

    private void chunk(long start, float p) {
        long end = start + SileroVad.CHUNK;
        if (p >= THRESHOLD) {
            silenceFrom = -1;
            lastSpeechEnd = end;
            if (!region.isOpen()) {
                region.open(start - pad);
            }
        } else if (region.isOpen() && p < NEGATIVE_THRESHOLD) {
            if (silenceFrom < 0) {
                silenceFrom = start;
            }
            if (end - silenceFrom >= hangover) {
                close(Math.min(received, silenceFrom + pad));
            }
        }
    }

    private void close(long end) {
        silenceFrom = -1;
        region.close(end);
    }

    @Override
    public void finish() {
        region.finish(Math.min(received, (silenceFrom >= 0 ? silenceFrom : lastSpeechEnd) + pad));
    }

    @Override
    public long speechCertainUntil() {
        return Math.min(received, lastSpeechEnd + pad);
    }
}
