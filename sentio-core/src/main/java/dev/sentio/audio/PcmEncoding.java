package dev.sentio.audio;

/**
 * How uncompressed samples are laid out in a WAV or AIFF data chunk.
 *
 * @param bitsPerSample 8, 16, 24 or 32 for integers; 32 or 64 for floats
 * @param floating      IEEE float samples
 * @param bigEndian     byte order (AIFF is big-endian, WAV and AIFF-C 'sowt' little-endian)
 * @param unsigned8     8-bit samples are unsigned with a 128 offset (WAV), not signed (AIFF)
 */
record PcmEncoding(int bitsPerSample, boolean floating, boolean bigEndian, boolean unsigned8) {

    int bytesPerSample() {
        return bitsPerSample / 8;
    }

    boolean supported() {
        return floating ? (bitsPerSample == 32 || bitsPerSample == 64)
                : (bitsPerSample == 8 || bitsPerSample == 16 || bitsPerSample == 24 || bitsPerSample == 32);
    }

    String describe() {
        return (floating ? "float" : "PCM") + " " + bitsPerSample + "-bit";
    }

    /** The sample at {@code offset}, scaled as libsndfile scales integers to float: by 2^-(bits-1). */
    float decode(byte[] b, int offset) {
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
