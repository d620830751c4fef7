package dev.sentio.audio;

import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;

/** FLAC through jflac-codec, frame by frame. jflac neither trims nor pads samples. */
final class FlacSource implements PcmSource {
    private final Path file;
    private final InputStream in;
    private final FLACDecoder decoder;
    private final StreamInfo info;
    private final float scale;
    private float[] pending = new float[0];
    private int pendingStart;
    private int pendingEnd;

    FlacSource(Path file, InputStream in) throws IOException {
        this.file = file;
        this.in = in;
        try {
            this.decoder = new FLACDecoder(onlyStreamInfo(file, in));
        } catch (java.io.EOFException e) {
            throw new AudioException(file, "truncated: the file ends inside the FLAC header");
        }
        decoder.addFrameListener(new ResyncGuard());
        try {
            decoder.readMetadata();
        } catch (IOException | RuntimeException e) {
            throw new AudioException(file, "corrupt FLAC header (" + describe(e) + ")");
        }
        this.info = decoder.getStreamInfo();
        if (info == null) {
            throw new AudioException(file, "corrupt FLAC header: no STREAMINFO block");
        }
        WavReader.checkLayout(file, info.getChannels(), info.getSampleRate());
        int bits = info.getBitsPerSample();
        if (bits < 4 || bits > 32) {
            throw new AudioException(file, "corrupt FLAC header: " + bits + " bits per sample");
        }
        this.scale = (float) Math.pow(2, -(bits - 1));
    }

    /** STREAMINFO's type and its fixed length. */
    private static final int STREAMINFO = 0;
    private static final int STREAMINFO_LENGTH = 34;

    /**
     * The stream as jflac gets it: "fLaC", the STREAMINFO block (marked last), then the audio frames; every other
     * metadata block (pictures, comments, seek tables, ...) is skipped here by its declared length. jflac allocates
     * each block, and each picture's and comment's parts, by the lengths the file declares, so a few hundred crafted
     * bytes made it allocate gigabytes (found by fuzzing); nothing decoding needs lives in those blocks.
     */
    private static InputStream onlyStreamInfo(Path file, InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[4];
        data.readFully(magic);
        byte[] info = null;
        for (boolean last = false; !last; ) {
            int flags = data.readUnsignedByte();
            last = (flags & 0x80) != 0;
            int length = data.readUnsignedByte() << 16 | data.readUnsignedShort();
            if ((flags & 0x7f) == STREAMINFO) {
                if (info != null || length != STREAMINFO_LENGTH) {
                    throw new AudioException(file, "corrupt FLAC header: STREAMINFO block of " + length + " bytes"
                            + (info != null ? ", twice" : " (it has " + STREAMINFO_LENGTH + ")"));
                }
                info = new byte[STREAMINFO_LENGTH];
                data.readFully(info);
            } else if (info == null) {
                throw new AudioException(file, "corrupt FLAC header: the first metadata block is not STREAMINFO");
            } else {
                data.skipNBytes(length);
            }
        }
        byte[] head = new byte[4 + 4 + STREAMINFO_LENGTH];
        System.arraycopy(magic, 0, head, 0, 4);
        head[4] = (byte) (0x80 | STREAMINFO);
        head[7] = STREAMINFO_LENGTH;
        System.arraycopy(info, 0, head, 8, STREAMINFO_LENGTH);
        return new SequenceInputStream(new ByteArrayInputStream(head), in);
    }

    /**
     * jflac looks for the next frame after a bad one in a loop that some damaged streams never leave (a 10 kB file
     * kept it busy for minutes; found by fuzzing). Every honest retry moves on by at least a byte, so more bad frames
     * than bytes read means it is stuck: this stops it.
     */
    private final class ResyncGuard implements org.jflac.FrameListener {
        private long badInARow;

        @Override
        public void processMetadata(org.jflac.metadata.Metadata metadata) {
        }

        @Override
        public void processFrame(Frame frame) {
            badInARow = 0;
        }

        @Override
        public void processError(String message) {
            if (++badInARow > decoder.getTotalBytesRead() + 64) {
                throw new IllegalStateException("no valid frame after " + badInARow + " attempts: " + message);
            }
        }
    }

    @Override
    public int sampleRate() {
        return info.getSampleRate();
    }

    @Override
    public int channels() {
        return info.getChannels();
    }

    @Override
    public long declaredFrames() {
        long total = info.getTotalSamples();
        return total > 0 ? total : -1;
    }

    @Override
    public int read(float[] mono) throws IOException {
        if (pendingStart == pendingEnd && !decodeNextFrame()) {
            return -1;
        }
        int n = Math.min(mono.length, pendingEnd - pendingStart);
        System.arraycopy(pending, pendingStart, mono, 0, n);
        pendingStart += n;
        return n;
    }

    private boolean decodeNextFrame() throws IOException {
        Frame frame;
        try {
            frame = decoder.readNextFrame();
        } catch (IOException | RuntimeException e) {
            throw new AudioException(file, "corrupt or truncated FLAC stream after "
                    + decoder.getSamplesDecoded() + " samples (" + describe(e) + ")");
        }
        if (frame == null) {
            long declared = declaredFrames();
            if (declared > 0 && decoder.getSamplesDecoded() < declared) {
                throw new AudioException(file, "truncated: the FLAC stream ends after " + decoder.getSamplesDecoded()
                        + " of " + declared + " samples");
            }
            return false;
        }
        int n = frame.header.blockSize;
        int channels = frame.header.channels;
        ChannelData[] data = decoder.getChannelData();
        if (pending.length < n) {
            pending = new float[n];
        }
        for (int i = 0; i < n; i++) {
            float sum = 0f;
            for (int c = 0; c < channels; c++) {
                sum += data[c].getOutput()[i] * scale;
            }
            pending[i] = channels == 1 ? sum : sum / channels;
        }
        pendingStart = 0;
        pendingEnd = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
