package dev.sentio.vad;

/**
 * The bookkeeping every {@link SpeechRegions} detector shares: whether a region is open, where it began, and that
 * a region never starts before the previous one ended. It tells the listener.
 */
public final class OpenRegion {
    private final SpeechRegions.Listener listener;
    private boolean open;
    private long start;
    private long previousEnd;
    private boolean finished;

    public OpenRegion(SpeechRegions.Listener listener) {
        this.listener = listener;
    }

    public boolean isOpen() {
        return open;
    }

    /** Opens a region at {@code at} (no earlier than the previous region's end) and reports it. */
    public void open(long at) {
        open = true;
        start = Math.max(previousEnd, at);
        listener.speechStarted(start);
    }

    /** The stream has ended: an open region ends at {@code end}. Later calls do nothing. */
    public void finish(long end) {
        if (finished) {
            return;
        }
        finished = true;
        if (open) {
            close(end);
        }
    }

    /** Refuses audio after {@link #finish}. */
    public void checkNotFinished() {
        if (finished) {
            throw new IllegalStateException("push after finish");
        }
    }

    /** Closes the open region at {@code end} and reports it. */
    public void close(long end) {
        open = false;
        previousEnd = end;
        listener.speechEnded(start, end);
    }
}
