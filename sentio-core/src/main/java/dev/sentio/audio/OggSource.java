package dev.sentio.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Ogg files (browsers' and messengers' recordings): Vorbis through JOrbis, Opus through Concentus (both pure
 * Java), pages and packets through JOrbis's jogg. The first logical stream is decoded; Opus at 48 kHz, its
 * pre-skip dropped and its end trimmed to the last page's granule position, as the Ogg Opus spec (RFC 7845) says.
 */
final class OggSource implements PcmSource {
    private static final int READ_BYTES = 8192;
    /** The longest Opus packet: 120 ms at 48 kHz. */
    private static final int OPUS_MAX_FRAME = 5760;
    private static final int OPUS_RATE = 48000;

    private final Path file;
    private final InputStream in;
    private final SyncState sync = new SyncState();
    private final StreamState stream = new StreamState();
    private final Page page = new Page();
    private final Packet packet = new Packet();
    private final Codec codec;
    private float[] pending = new float[0];
    private int pendingAt;
    private int pendingLength;
    private boolean ended;
    private int serial;
    private boolean streamStarted;

    /** One codec's decoding of packets into mono samples. */
    private interface Codec {
        int sampleRate();

        int channels();

        /** Decodes one audio packet, adding its mono samples to the pending ones. */
        void decode(Packet p) throws IOException;
    }

    OggSource(Path file, InputStream in) throws IOException {
        this.file = file;
        this.in = in;
        sync.init();
        if (!nextPacket()) {
            throw new AudioException(file, "corrupt Ogg file: no packet in its first page");
        }
        if (startsWith(packet, "OpusHead")) {
            codec = new Opus();
        } else if (packet.bytes >= 7 && packet.packet_base[packet.packet] == 1
                && ContainerFormat.ascii(packet.packet_base, packet.packet + 1, 6).equals("vorbis")) {
            codec = new Vorbis();
        } else {
            throw new AudioException(file, "unsupported Ogg codec (neither Vorbis nor Opus; Speex and FLAC in Ogg "
                    + "are not decoded)");
        }
        WavReader.checkLayout(file, codec.channels(), codec.sampleRate());
    }

    @Override
    public int sampleRate() {
        return codec.sampleRate();
    }

    @Override
    public int channels() {
        return codec.channels();
    }

    @Override
    public long declaredFrames() {
        return -1;
    }

    @Override
    public int read(float[] mono) throws IOException {
        while (pendingAt == pendingLength) {
            if (ended) {
                return -1;
            }
            pendingAt = 0;
            pendingLength = 0;
            if (!nextPacket()) {
                ended = true;
            } else {
                codec.decode(packet);
            }
        }
        int n = Math.min(mono.length, pendingLength - pendingAt);
        System.arraycopy(pending, pendingAt, mono, 0, n);
        pendingAt += n;
        return n;
    }

    /** The next packet of the first logical stream into {@link #packet}; false at the end of the file. */
    private boolean nextPacket() throws IOException {
        while (true) {
            if (streamStarted) {
                int got = stream.packetout(packet);
                if (got == 1) {
                    return true;
                }
                // got == -1: a gap in the data (a lost page); the decoder carries on with the next packet
                if (got == -1) {
                    continue;
                }
            }
            int paged = sync.pageout(page);
            if (paged == 1) {
                if (!streamStarted) {
                    serial = page.serialno();
                    stream.init(serial);
                    streamStarted = true;
                }
                if (page.serialno() == serial) {
                    stream.pagein(page);
                }
                continue;
            }
            if (paged == 0) {
                int at = sync.buffer(READ_BYTES);
                int read = in.read(sync.data, at, READ_BYTES);
                if (read <= 0) {
                    return false;
                }
                sync.wrote(read);
            }
            // paged == -1: bytes skipped to regain sync; go on
        }
    }

    /** The last page's granule position says where the audio ends; the rest of its last packet is padding. */
    private static long endOf(Packet p) {
        return p.e_o_s != 0 && p.granulepos >= 0 ? p.granulepos : Long.MAX_VALUE;
    }

    private static boolean startsWith(Packet p, String magic) {
        return p.bytes >= magic.length() && ContainerFormat.ascii(p.packet_base, p.packet, magic.length()).equals(magic);
    }

    private void add(float sample) {
        if (pendingLength == pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.max(4096, 2 * pending.length));
        }
        pending[pendingLength++] = sample;
    }

    private final class Vorbis implements Codec {
        private final Info info = new Info();
        private final Comment comment = new Comment();
        private final DspState dsp = new DspState();
        private final Block block;
        private final float[][][] pcm = new float[1][][];
        private final int[] index;

        Vorbis() throws IOException {
            info.init();
            comment.init();
            for (int header = 0; header < 3; header++) {
                if (header > 0 && !nextPacket()) {
                    throw new AudioException(file, "corrupt Ogg Vorbis file: it ends inside its headers");
                }
                if (info.synthesis_headerin(comment, packet) < 0) {
                    throw new AudioException(file, "corrupt Ogg Vorbis header (packet " + (header + 1) + " of 3)");
                }
            }
            dsp.synthesis_init(info);
            block = new Block(dsp);
            index = new int[info.channels];
        }

        @Override
        public int sampleRate() {
            return info.rate;
        }

        @Override
        public int channels() {
            return info.channels;
        }

        /** Samples decoded so far. */
        private long position;

        @Override
        public void decode(Packet p) {
            if (block.synthesis(p) == 0) {
                dsp.synthesis_blockin(block);
            }
            long end = endOf(p);
            int samples;
            while ((samples = dsp.synthesis_pcmout(pcm, index)) > 0) {
                float[][] channelData = pcm[0];
                for (int i = 0; i < samples && position < end; i++, position++) {
                    float sum = 0;
                    for (int c = 0; c < info.channels; c++) {
                        sum += channelData[c][index[c] + i];
                    }
                    add(sum / info.channels);
                }
                dsp.synthesis_read(samples);
            }
        }
    }

    private final class Opus implements Codec {
        private final int channels;
        private final OpusDecoder decoder;
        private final short[] pcm;
        private final float gain;
        /** Samples still to drop from the start (the encoder's look-ahead). */
        private int skip;
        /** Samples decoded and kept so far, counted from the stream's granule origin. */
        private long position;

        Opus() throws IOException {
            byte[] b = packet.packet_base;
            int o = packet.packet;
            if (packet.bytes < 19) {
                throw new AudioException(file, "corrupt Ogg Opus header (OpusHead of " + packet.bytes + " bytes)");
            }
            channels = b[o + 9] & 0xFF;
            skip = (b[o + 10] & 0xFF) | (b[o + 11] & 0xFF) << 8;
            int gainQ8 = (short) ((b[o + 16] & 0xFF) | (b[o + 17] << 8));
            int family = b[o + 18] & 0xFF;
            if (family != 0 || channels < 1 || channels > 2) {
                throw new AudioException(file, "unsupported Ogg Opus channel mapping (family " + family + ", "
                        + channels + " channels); mono and stereo are decoded");
            }
            gain = (float) Math.pow(10, gainQ8 / (20.0 * 256));
            if (!nextPacket() || !startsWith(packet, "OpusTags")) {
                throw new AudioException(file, "corrupt Ogg Opus file: no OpusTags header");
            }
            try {
                decoder = new OpusDecoder(OPUS_RATE, channels);
            } catch (OpusException e) {
                throw new AudioException(file, "cannot decode Opus (" + e.getMessage() + ")");
            }
            pcm = new short[OPUS_MAX_FRAME * channels];
        }

        @Override
        public int sampleRate() {
            return OPUS_RATE;
        }

        @Override
        public int channels() {
            return channels;
        }

        @Override
        public void decode(Packet p) throws IOException {
            int samples;
            try {
                samples = decoder.decode(p.packet_base, p.packet, p.bytes, pcm, 0, OPUS_MAX_FRAME, false);
            } catch (OpusException | RuntimeException e) {
                throw new AudioException(file, "corrupt Opus packet (" + FlacSource.describe(e) + ")");
            }
            long end = endOf(p);
            for (int i = 0; i < samples; i++, position++) {
                if (position >= end) {
                    break;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += pcm[i * channels + c];
                }
                add(gain * sum / (channels * 32768f));
            }
        }
    }

    @Override
    public void close() throws IOException {
        sync.clear();
        in.close();
    }
}
