package dev.sentio.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes WAV and AIFF files of generated signals, well-formed or deliberately broken, for decoder tests. */
public final class TestAudioFiles {
    public static final int PCM = 1;
    static final int FLOAT = 3;
    static final int EXTENSIBLE = 0xFFFE;

    private TestAudioFiles() {
    }

    /** A sine of {@code hz} at {@code amplitude}, {@code n} samples at {@code rate}. */
    public static float[] sine(double hz, double amplitude, int rate, int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return y;
    }

    /** Interleaved little-endian sample bytes of channels[c][i] in the given encoding. */
    static byte[] samples(float[][] channels, int bits, boolean floating, ByteOrder order) {
        int n = channels[0].length;
        ByteBuffer b = ByteBuffer.allocate(n * channels.length * bits / 8).order(order);
        for (int i = 0; i < n; i++) {
            for (float[] channel : channels) {
                double v = channel[i];
                if (floating) {
                    if (bits == 32) {
                        b.putFloat((float) v);
                    } else {
                        b.putDouble(v);
                    }
                    continue;
                }
                long q = Math.round(v * Math.pow(2, bits - 1));
                q = Math.max(-(1L << (bits - 1)), Math.min((1L << (bits - 1)) - 1, q));
                switch (bits) {
                    case 8:
                        b.put((byte) (order == ByteOrder.LITTLE_ENDIAN ? q + 128 : q));
                        break;
                    case 16:
                        b.putShort((short) q);
                        break;
                    case 24:
                        if (order == ByteOrder.LITTLE_ENDIAN) {
                            b.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
                        } else {
                            b.put((byte) (q >> 16)).put((byte) (q >> 8)).put((byte) q);
                        }
                        break;
                    default:
                        b.putInt((int) q);
                        break;
                }
            }
        }
        return b.array();
    }

    static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data, long declaredDataSize) {
        ByteBuffer fmt = ByteBuffer.allocate(formatTag == EXTENSIBLE ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) formatTag).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        if (formatTag == EXTENSIBLE) {
            fmt.putShort((short) 22).putShort((short) bits).putInt(0);
            // sub-format GUID: PCM {00000001-0000-0010-8000-00aa00389b71}
            fmt.put(new byte[] {1, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(4 + 8 + fmt.capacity() + 8 + data.length).put("WAVE".getBytes());
        out.writeBytes(header.array());
        out.writeBytes(chunkHeader("fmt ", fmt.capacity(), ByteOrder.LITTLE_ENDIAN));
        out.writeBytes(fmt.array());
        out.writeBytes(chunkHeader("LIST", 4, ByteOrder.LITTLE_ENDIAN)); // an unknown chunk to skip
        out.writeBytes("INFO".getBytes());
        out.writeBytes(chunkHeader("data", declaredDataSize, ByteOrder.LITTLE_ENDIAN));
        out.writeBytes(data);
        return out.toByteArray();
    }

    public static byte[] wav(int formatTag, int rate, int bits, float[]... channels) {
        byte[] data = samples(channels, bits, formatTag == FLOAT, ByteOrder.LITTLE_ENDIAN);
        return wav(formatTag, channels.length, rate, bits, data, data.length);
    }

    /** AIFF (compression null) or AIFF-C with the given compression type. */
    static byte[] aiff(String compression, int rate, int bits, float[]... channels) {
        boolean floating = compression != null && compression.startsWith("fl");
        ByteOrder order = "sowt".equals(compression) ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        byte[] data = samples(channels, bits, floating, order);
        ByteBuffer comm = ByteBuffer.allocate(compression == null ? 18 : 24).order(ByteOrder.BIG_ENDIAN);
        comm.putShort((short) channels.length).putInt(channels[0].length).putShort((short) bits).put(extended80(rate));
        if (compression != null) {
            comm.put(compression.getBytes()).put(new byte[] {0, 0}); // empty pascal name, padded
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("FORM".getBytes());
        out.writeBytes(ByteBuffer.allocate(4).putInt(4 + 8 + comm.capacity() + 16 + data.length).array());
        out.writeBytes((compression == null ? "AIFF" : "AIFC").getBytes());
        out.writeBytes(chunkHeader("COMM", comm.capacity(), ByteOrder.BIG_ENDIAN));
        out.writeBytes(comm.array());
        out.writeBytes(chunkHeader("SSND", data.length + 8, ByteOrder.BIG_ENDIAN));
        out.writeBytes(new byte[8]);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] chunkHeader(String id, long size, ByteOrder order) {
        return ByteBuffer.allocate(8).order(order).put(id.getBytes()).putInt((int) size).array();
    }

    private static byte[] extended80(double value) {
        int exponent = Math.getExponent(value);
        long mantissa = (long) (value / Math.pow(2, exponent) * (1L << 62)) << 1;
        return ByteBuffer.allocate(10).putShort((short) (exponent + 16383)).putLong(mantissa).array();
    }

    public static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }
}
