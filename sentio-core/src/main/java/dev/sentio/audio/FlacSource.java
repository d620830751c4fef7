package dev.sentio.audio;

import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

import java.io.IOException;
import java.io.InputStream;
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
        this.decoder = new FLACDecoder(in);
        checkMetadataLengths(file);
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

    /** Metadata block types whose contents hold lengths that jflac allocates arrays by. */
    private static final int VORBIS_COMMENT = 4;
    private static final int PICTURE = 6;

    /**
     * Walks the metadata blocks before jflac does: jflac allocates each block, and each picture's and comment's
     * parts, by the lengths the file declares, so a few hundred crafted bytes could make it allocate gigabytes (found
     * by fuzzing). Every length must fit inside its block and every block inside the file.
     */
    static void checkMetadataLengths(Path file) throws IOException {
        try (java.nio.channels.SeekableByteChannel ch = java.nio.file.Files.newByteChannel(file)) {
            long size = ch.size();
            long at = 0;
            java.nio.ByteBuffer head = read(ch, 0, 10);
            if (head.remaining() == 10 && head.get(0) == 'I' && head.get(1) == 'D' && head.get(2) == '3') {
                // an ID3v2 tag before the stream: its size is 4 syncsafe bytes
                at = 10 + ((head.get(6) & 0x7f) << 21 | (head.get(7) & 0x7f) << 14 | (head.get(8) & 0x7f) << 7
                        | (head.get(9) & 0x7f));
            }
            at += 4; // "fLaC"
            for (boolean last = false; !last; ) {
                java.nio.ByteBuffer h = read(ch, at, 4);
                if (h.remaining() < 4) {
                    return; // truncated: jflac reports it
                }
                int flags = h.get(0) & 0xff;
                last = (flags & 0x80) != 0;
                long length = (h.get(1) & 0xffL) << 16 | (h.get(2) & 0xffL) << 8 | (h.get(3) & 0xffL);
                long start = at + 4;
                if (start + length > size) {
                    throw new AudioException(file, "corrupt FLAC header: a metadata block of " + length
                            + " bytes runs past the end of the file");
                }
                int type = flags & 0x7f;
                if (type == PICTURE) {
                    checkPicture(file, ch, start, length);
                } else if (type == VORBIS_COMMENT) {
                    checkComments(file, ch, start, length);
                }
                at = start + length;
            }
        }
    }

    private static void checkPicture(Path file, java.nio.channels.SeekableByteChannel ch, long start, long length)
            throws IOException {
        long at = start + 4; // picture type
        for (int part = 0; part < 3; part++) { // MIME type, description, then (after 16 bytes of sizes) the data
            java.nio.ByteBuffer b = read(ch, at, 4);
            long n = b.remaining() < 4 ? Long.MAX_VALUE : b.getInt(0) & 0xffffffffL;
            at += 4 + n + (part == 1 ? 16 : 0);
            if (n > length || at > start + length) {
                throw new AudioException(file, "corrupt FLAC header: a picture's parts are longer than its block");
            }
        }
    }

    private static void checkComments(Path file, java.nio.channels.SeekableByteChannel ch, long start, long length)
            throws IOException {
        long end = start + length;
        java.nio.ByteBuffer b = read(ch, start, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long at = start + 4 + (b.remaining() < 4 ? end : b.getInt(0) & 0xffffffffL); // past the vendor string
        java.nio.ByteBuffer c = read(ch, at, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long count = at + 4 > end || c.remaining() < 4 ? 0 : c.getInt(0) & 0xffffffffL;
        at += 4;
        for (long k = 0; k < count && at <= end; k++) {
            java.nio.ByteBuffer l = read(ch, at, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            at += 4 + (l.remaining() < 4 ? end : l.getInt(0) & 0xffffffffL);
        }
        if (at > end || count > length / 4) {
            throw new AudioException(file, "corrupt FLAC header: its comments are longer than their block");
        }
    }

    private static java.nio.ByteBuffer read(java.nio.channels.SeekableByteChannel ch, long at, int n) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n);
        if (at >= 0 && at < ch.size()) {
            ch.position(at);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill
            }
        }
        return b.flip();
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
