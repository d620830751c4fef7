package dev.sentio.audio;

import java.io.Closeable;
import java.io.IOException;

/**
 * A decoder that streams an audio file block by block, already mixed down to mono, so that no file needs
 * to sit in memory as bytes and floats at once.
 */
interface PcmSource extends Closeable {
    int sampleRate();

    int channels();

    /** Mono frames the header announces, or -1 when unknown. */
    long declaredFrames();

    /** Fills {@code mono} from the start with the next frames; returns how many, or -1 at the end. */
    int read(float[] mono) throws IOException;
}
