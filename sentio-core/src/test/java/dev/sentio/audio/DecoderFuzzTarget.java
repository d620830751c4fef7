package dev.sentio.audio;

/**
 * {@link DecoderFuzzTest}'s check as a target for Jazzer's command line ({@code tools/fuzz.sh}), which takes a run
 * count and a time limit; the seed folder given to it ({@link DecoderSeeds}) decides which decoder it explores.
 */
public final class DecoderFuzzTarget {
    private DecoderFuzzTarget() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        DecoderFuzzTest.decode(data);
    }
}
