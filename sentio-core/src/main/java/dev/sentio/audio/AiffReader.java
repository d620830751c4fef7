package dev.sentio.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** AIFF and AIFF-C (uncompressed: NONE, twos, sowt, fl32, fl64; G.711: ulaw, alaw). */
final class AiffReader {
    private AiffReader() {
    }

    static PcmSource open(Path file, InputStream raw, long fileSize) throws IOException {
        ChunkInput in = new ChunkInput(file, raw, true);
        in.id();
        in.u32();
        boolean aifc = in.id().equals("AIFC");
        long consumed = 12;
        PcmEncoding encoding = null;
        int channels = 0;
        int sampleRate = 0;
        long frames = 0;
        while (true) {
            String id = in.idOrNull();
            if (id == null) {
                throw new AudioException(file, encoding == null ? "not a valid AIFF file: no 'COMM' chunk"
                        : "not a valid AIFF file: no 'SSND' chunk");
            }
            long size = in.u32();
            consumed += 8;
            if (id.equals("COMM")) {
                if (size < 18) {
                    throw new AudioException(file, "corrupt AIFF header: 'COMM' chunk of " + size + " bytes");
                }
                channels = in.u16();
                frames = in.u32();
                int bits = in.u16();
                double rate = extended80(in.bytes(10));
                sampleRate = (int) Math.round(rate);
                long rest = size - 18;
                String compression = "NONE";
                if (aifc && rest >= 4) {
                    compression = ContainerFormat.ascii(in.bytes(4), 0, 4);
                    rest -= 4;
                }
                in.skip(rest + (size & 1));
                encoding = encodingOf(file, compression, (bits + 7) / 8 * 8);
            } else if (id.equals("SSND")) {
                if (encoding == null) {
                    throw new AudioException(file, "corrupt AIFF header: 'SSND' chunk before 'COMM' chunk");
                }
                WavReader.checkLayout(file, channels, sampleRate);
                long offset = in.u32();
                in.u32();
                in.skip(offset);
                long dataBytes = Math.min(size - 8 - offset, frames * channels * encoding.bytesPerSample());
                long available = fileSize - consumed - 8 - offset;
                if (dataBytes < 0 || dataBytes > available) {
                    throw new AudioException(file, "truncated or corrupt: the sound data declares " + dataBytes
                            + " bytes but only " + available + " follow");
                }
                return new InterleavedPcmSource(file, in.stream(), encoding, channels, sampleRate, dataBytes);
            } else {
                in.skip(size + (size & 1));
            }
            consumed += size + (size & 1);
        }
    }

    private static PcmEncoding encodingOf(Path file, String compression, int bits) {
        PcmEncoding e;
        switch (compression) {
            case "NONE":
            case "twos":
                e = new PcmEncoding(bits, false, true, false);
                break;
            case "sowt":
                e = new PcmEncoding(bits, false, false, false);
                break;
            case "ulaw":
            case "ULAW":
                e = PcmEncoding.g711(PcmEncoding.MU_LAW);
                break;
            case "alaw":
            case "ALAW":
                e = PcmEncoding.g711(PcmEncoding.A_LAW);
                break;
            case "fl32":
            case "FL32":
                e = new PcmEncoding(32, true, true, false);
                break;
            case "fl64":
            case "FL64":
                e = new PcmEncoding(64, true, true, false);
                break;
            default:
                throw new AudioException(file, "unsupported AIFF-C compression '" + compression.trim() + "'");
        }
        if (!e.supported()) {
            throw new AudioException(file, "unsupported AIFF sample format: " + e.describe());
        }
        return e;
    }

    /** The 80-bit IEEE 754 extended float AIFF stores its sample rate in. */
    static double extended80(byte[] b) {
        int exponent = ((b[0] & 0x7F) << 8) | (b[1] & 0xFF);
        long mantissa = 0;
        for (int i = 2; i < 10; i++) {
            mantissa = (mantissa << 8) | (b[i] & 0xFF);
        }
        if (exponent == 0 && mantissa == 0) {
            return 0;
        }
        double value = (mantissa >>> 11) * Math.pow(2, exponent - 16383 - 52);
        return (b[0] & 0x80) != 0 ? -value : value;
    }
}
