package dev.sentio.audio;

/** Audio container formats Sentio decodes, recognised from a file's first bytes rather than its name. */
public enum ContainerFormat {
    WAV, AIFF, FLAC, MP3, OGG;

    /** Bytes {@link #sniff} needs to look at. */
    public static final int SNIFF_LENGTH = 12;

    /** The format whose signature starts {@code head}, or null when none matches. */
    public static ContainerFormat sniff(byte[] head, int length) {
        if (length >= 12 && startsWith(head, "RIFF") && ascii(head, 8, 4).equals("WAVE")) {
            return WAV;
        }
        if (length >= 12 && (startsWith(head, "RF64") || startsWith(head, "BW64")) && ascii(head, 8, 4).equals("WAVE")) {
            return WAV;
        }
        if (length >= 12 && startsWith(head, "FORM")) {
            String kind = ascii(head, 8, 4);
            if (kind.equals("AIFF") || kind.equals("AIFC")) {
                return AIFF;
            }
        }
        if (length >= 4 && startsWith(head, "OggS")) {
            return OGG;
        }
        if (length >= 4 && startsWith(head, "fLaC")) {
            return FLAC;
        }
        if (length >= 3 && startsWith(head, "ID3")) {
            return MP3;
        }
        if (length >= 4 && isMpegAudioFrameHeader(head)) {
            return MP3;
        }
        return null;
    }

    /** An MPEG-1/2/2.5 layer I-III frame header: 11 sync bits, a valid version, layer, bitrate and rate. */
    private static boolean isMpegAudioFrameHeader(byte[] h) {
        int b0 = h[0] & 0xFF, b1 = h[1] & 0xFF, b2 = h[2] & 0xFF;
        boolean sync = b0 == 0xFF && (b1 & 0xE0) == 0xE0;
        int version = (b1 >> 3) & 3, layer = (b1 >> 1) & 3, bitrate = (b2 >> 4) & 0xF, rate = (b2 >> 2) & 3;
        return sync && version != 1 && layer != 0 && bitrate != 0xF && bitrate != 0 && rate != 3;
    }

    private static boolean startsWith(byte[] head, String magic) {
        return ascii(head, 0, magic.length()).equals(magic);
    }

    static String ascii(byte[] b, int offset, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = (char) (b[offset + i] & 0xFF);
        }
        return new String(c);
    }
}
