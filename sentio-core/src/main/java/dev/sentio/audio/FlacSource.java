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
