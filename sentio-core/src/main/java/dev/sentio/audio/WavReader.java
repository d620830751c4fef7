package dev.sentio.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** WAV (RIFF, RF64/BW64): PCM 8/16/24/32-bit, IEEE float 32/64 and WAVE_FORMAT_EXTENSIBLE. */
final class WavReader {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_MULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;

    private WavReader() {
    }

    static PcmSource open(Path file, InputStream raw, long fileSize) throws IOException {
        ChunkInput in = new ChunkInput(file, raw, false);
        String riff = in.id();
        in.u32();
        in.id(); // WAVE, checked by the sniffer
        long consumed = 12;
        long ds64DataSize = -1;
        PcmEncoding encoding = null;
        int channels = 0;
        int sampleRate = 0;
        while (true) {
            String id = in.idOrNull();
            if (id == null) {
                throw new AudioException(file, encoding == null ? "not a valid WAV file: no 'fmt ' chunk"
                        : "not a valid WAV file: no 'data' chunk");
            }
            long size = in.u32();
            consumed += 8;
            if (id.equals("ds64")) {
                in.u64();
                ds64DataSize = in.u64();
                in.skip(size - 16 + (size & 1));
            } else if (id.equals("fmt ")) {
                if (size < 16) {
                    throw new AudioException(file, "corrupt WAV header: 'fmt ' chunk of " + size + " bytes");
                }
                int tag = in.u16();
                channels = in.u16();
                sampleRate = (int) Math.min(in.u32(), Integer.MAX_VALUE);
                in.u32();
                in.u16();
                int bits = in.u16();
                long rest = size - 16;
                if (tag == FORMAT_EXTENSIBLE && size >= 40) {
                    in.u16();
                    int validBits = in.u16();
                    in.u32();
                    byte[] guid = in.bytes(16);
                    tag = (guid[0] & 0xFF) | (guid[1] & 0xFF) << 8;
                    rest -= 24;
                    if (validBits == 0) {
                        validBits = bits;
                    }
                }
                in.skip(rest + (size & 1));
                if (tag != FORMAT_PCM && tag != FORMAT_FLOAT && tag != FORMAT_ALAW && tag != FORMAT_MULAW) {
                    throw new AudioException(file, "unsupported WAV codec (format tag 0x"
                            + Integer.toHexString(tag) + "); PCM, IEEE float and G.711 mu-law and A-law are decoded");
                }
                encoding = tag == FORMAT_MULAW || tag == FORMAT_ALAW
                        ? new PcmEncoding(bits, false, false, false, tag == FORMAT_MULAW ? PcmEncoding.MU_LAW : PcmEncoding.A_LAW)
                        : new PcmEncoding(bits, tag == FORMAT_FLOAT, false, bits == 8);
                if (!encoding.supported()) {
                    throw new AudioException(file, "unsupported WAV sample format: " + encoding.describe());
                }
            } else if (id.equals("data")) {
                if (encoding == null) {
                    throw new AudioException(file, "corrupt WAV header: 'data' chunk before 'fmt ' chunk");
                }
                checkLayout(file, channels, sampleRate);
                long dataBytes = size;
                if (size == UNKNOWN_SIZE && ds64DataSize >= 0 && !riff.equals("RIFF")) {
                    dataBytes = ds64DataSize;
                } else if (size == UNKNOWN_SIZE || size == 0) {
                    dataBytes = -1; // written by a streaming recorder that never went back to fill in the size
                }
                long available = fileSize - consumed;
                if (dataBytes > available) {
                    throw new AudioException(file, "truncated or corrupt: the data chunk declares " + dataBytes
                            + " bytes but only " + available + " follow");
                }
                return new InterleavedPcmSource(file, in.stream(), encoding, channels, sampleRate, dataBytes);
            } else {
                in.skip(size + (size & 1));
            }
            consumed += size + (size & 1);
        }
    }

    static void checkLayout(Path file, int channels, int sampleRate) {
        if (channels < 1 || channels > 64) {
            throw new AudioException(file, "corrupt header: " + channels + " channels");
        }
        if (sampleRate < 1 || sampleRate > 1_536_000) {
            throw new AudioException(file, "corrupt header: sample rate " + sampleRate + " Hz");
        }
    }
}
