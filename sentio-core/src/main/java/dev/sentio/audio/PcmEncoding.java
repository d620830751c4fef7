package dev.sentio.audio;

/**
 * How uncompressed samples are laid out in a WAV or AIFF data chunk.
 *
 * @param bitsPerSample 8, 16, 24 or 32 for integers; 32 or 64 for floats
 * @param floating      IEEE float samples
 * @param bigEndian     byte order (AIFF is big-endian, WAV and AIFF-C 'sowt' little-endian)
 * @param unsigned8     8-bit samples are unsigned with a 128 offset (WAV), not signed (AIFF)
 * @param law           {@link #MU_LAW} or {@link #A_LAW} for G.711 telephony samples (8-bit), 0 for linear ones
 */
record PcmEncoding(int bitsPerSample, boolean floating, boolean bigEndian, boolean unsigned8, int law) {
    static final int MU_LAW = 'u';
    static final int A_LAW = 'a';

    PcmEncoding(int bitsPerSample, boolean floating, boolean bigEndian, boolean unsigned8) {
        this(bitsPerSample, floating, bigEndian, unsigned8, 0);
    }

    /** G.711 samples, 8 bits each. */
    static PcmEncoding g711(int law) {
        return new PcmEncoding(8, false, false, false, law);
    }

    int bytesPerSample() {
        return bitsPerSample / 8;
    }

    boolean supported() {
        if (law != 0) {
            return bitsPerSample == 8;
        }
        return floating ? (bitsPerSample == 32 || bitsPerSample == 64)
                : (bitsPerSample == 8 || bitsPerSample == 16 || bitsPerSample == 24 || bitsPerSample == 32);
    }

    String describe() {
        if (law != 0) {
            return law == MU_LAW ? "G.711 mu-law" : "G.711 A-law";
        }
        return (floating ? "float" : "PCM") + " " + bitsPerSample + "-bit";
    }

    /** The sample at {@code offset}, scaled as libsndfile scales integers to float: by 2^-(bits-1). */
    float decode(byte[] b, int offset) {
        if (law == MU_LAW) {
            return muLaw(b[offset]) / 32768f;
        }
        if (law == A_LAW) {
            return aLaw(b[offset]) / 32768f;
        }
        if (floating) {
            return bitsPerSample == 32 ? Float.intBitsToFloat((int) readInt(b, offset, 4))
                    : (float) Double.longBitsToDouble(readInt(b, offset, 8));
        }
        switch (bitsPerSample) {
            case 8:
                return unsigned8 ? ((b[offset] & 0xFF) - 128) / 128f : b[offset] / 128f;
            case 16:
                return (short) readInt(b, offset, 2) / 32768f;
            case 24:
                return ((int) (readInt(b, offset, 3) << 40 >> 40)) / 8388608f;
            default:
                return (int) readInt(b, offset, 4) / 2147483648f;
        }
    }

    /** ITU-T G.711 mu-law to a 16-bit linear value: the byte is stored inverted; exponent 3 bits, mantissa 4. */
    static int muLaw(byte code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 7;
        int magnitude = ((((u & 0x0F) << 3) + 0x84) << exponent) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** ITU-T G.711 A-law to a 16-bit linear value: even bits inverted; a set sign bit is positive. */
    static int aLaw(byte code) {
        int a = (code ^ 0x55) & 0xFF;
        int exponent = (a >> 4) & 7;
        int mantissa = a & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }

    private long readInt(byte[] b, int offset, int n) {
        long v = 0;
        if (bigEndian) {
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (b[offset + i] & 0xFF);
            }
        } else {
            for (int i = n - 1; i >= 0; i--) {
                v = (v << 8) | (b[offset + i] & 0xFF);
            }
        }
        return v;
    }
}
