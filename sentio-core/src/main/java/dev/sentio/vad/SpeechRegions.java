package dev.sentio.vad;

/**
 * A detector of speech regions in a stream, fed block by block: {@link SpeechSegmenter} (model-free, the default)
 * or another (a neural VAD). Regions are reported through a {@link Listener} as soon as they are certain.
 */
public interface SpeechRegions {
    /** What a detector finds, in samples from the stream's start. */
    interface Listener {
        /** A region begins at {@code start}; it is reported as soon as it is certain, a little after. */
        void speechStarted(long start);

        /** The region that began at {@code start} ends at {@code end} (exclusive). */
        void speechEnded(long start, long end);
    }

    /** Makes a detector for one stream. */
    interface Factory {
        SpeechRegions create(int sampleRate, SpeechSegmenter.Settings settings, Listener listener);
    }

    /** The regions {@code {start, end}} a detector finds in {@code y}, fed in blocks of the given sizes in turn. */
    static java.util.List<long[]> find(Factory factory, int sampleRate, SpeechSegmenter.Settings settings, float[] y,
                                       int... blockSizes) {
        java.util.List<long[]> found = new java.util.ArrayList<>();
        SpeechRegions detector = factory.create(sampleRate, settings, new Listener() {
            @Override
            public void speechStarted(long start) {
            }

            @Override
            public void speechEnded(long start, long end) {
                found.add(new long[] {start, end});
            }
        });
        TestSignals.inBlocks(y, blockSizes, detector::push);
        detector.finish();
        return found;
    }

    void push(float[] samples, int offset, int count);

    /** The stream has ended: an open region ends with it. */
    void finish();

    /**
     * While a region is open: it surely lasts until here, whenever it ends; what comes after may still fall
     * outside it.
     */
    long speechCertainUntil();
}
