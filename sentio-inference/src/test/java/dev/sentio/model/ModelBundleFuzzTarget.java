package dev.sentio.model;

/** {@link ModelBundleFuzzTest}'s check as a target for Jazzer's command line ({@code tools/fuzz.sh bundle}). */
public final class ModelBundleFuzzTarget {
    private ModelBundleFuzzTarget() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        ModelBundleFuzzTest.check(data);
    }
}
