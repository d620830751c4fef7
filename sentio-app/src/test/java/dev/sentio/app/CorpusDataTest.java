package dev.sentio.app;

import dev.sentio.corpus.Corpus;
import dev.sentio.corpus.CorpusReaders;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.io.FeatureCache;
import dev.sentio.preprocess.NoiseMixer;
import dev.sentio.vad.TestSignals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CorpusDataTest {
    @TempDir
    Path dir;

    /**
     * Noise is drawn from a recording's file name and the cache knows a recording by its content: two copies under
     * different names hear different noise, and each gets its own noise back from the cache, never the other's.
     */
    @Test
    void copiesOfOneRecordingKeepTheirOwnNoiseThroughTheCache() throws Exception {
        Path manifest = TestSignals.toyCorpus(dir, "sad", "happy", 3, 2);
        // the toy corpus's pitch steps make sad01 and sad20 the same signal; the test needs such a pair
        assertArrayEquals(Files.readAllBytes(dir.resolve("sad01.wav")), Files.readAllBytes(dir.resolve("sad20.wav")));
        Corpus corpus = CorpusReaders.manifest(manifest);
        FeatureConfig config = FeatureConfig.seedRaw().withSampleRate(16000).withFeatures(List.of("rms", "mfcc"), 0);
        Progress quiet = Progress.to(new PrintWriter(new StringWriter()));
        for (String kind : List.of("white", "channel")) {
            FeatureCache cache = new FeatureCache(dir.resolve("cache-" + kind), new FeatureExtractor(config));
            List<float[][]> fresh = versions(kind, corpus, cache, quiet);
            List<float[][]> cached = versions(kind, corpus, cache, quiet);
            int a = index(corpus, "sad01.wav");
            int b = index(corpus, "sad20.wav");
            assertFalse(Arrays.deepEquals(fresh.get(a), fresh.get(b)), kind + ": copies hear different noise");
            for (int i = 0; i < fresh.size(); i++) {
                assertArrayEquals(fresh.get(i), cached.get(i), kind + ": " + corpus.utterances().get(i).file());
            }
        }
    }

    private static List<float[][]> versions(String kind, Corpus corpus, FeatureCache cache, Progress progress) {
        return kind.equals("white")
                ? CorpusData.extractNoisy(corpus, cache, NoiseMixer.of(List.of("white")), f -> 10, progress)
                : CorpusData.extractChanged(corpus, cache, "channel1", (f, a) -> dev.sentio.preprocess.ChannelEffects
                        .random(a, f.getFileName().toString().hashCode()), progress);
    }

    private static int index(Corpus corpus, String name) {
        for (int i = 0; i < corpus.utterances().size(); i++) {
            if (corpus.utterances().get(i).file().getFileName().toString().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name);
    }
}
