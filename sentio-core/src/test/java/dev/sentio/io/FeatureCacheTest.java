package dev.sentio.io;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.audio.TestAudioFiles;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.features.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureCacheTest {
    @TempDir
    Path dir;

    private Path wav(String name, double hz) throws IOException {
        return TestAudioFiles.write(dir, name,
                TestAudioFiles.wav(TestAudioFiles.PCM, 16000, 16, TestAudioFiles.sine(hz, 0.3, 16000, 8000)));
    }

    private long entries(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".bin")).count();
        }
    }

    @Test
    void secondReadComesFromDiskAndEqualsTheFirst() throws IOException {
        Path a = wav("a.wav", 300);
        FeatureExtractor fx = new FeatureExtractor(FeatureConfig.seedRaw());
        FeatureCache cache = new FeatureCache(dir.resolve("cache"), fx);
        FeatureMatrix first = cache.features(a);
        assertEquals(1, entries(dir.resolve("cache")));
        FeatureMatrix second = new FeatureCache(dir.resolve("cache"), fx).features(a);
        assertEquals(first.names(), second.names());
        for (int t = 0; t < first.frames(); t++) {
            assertArrayEquals(first.values()[t], second.values()[t]);
        }
        Audio audio = AudioLoader.load(a);
        assertArrayEquals(fx.extract(audio).values()[3], second.values()[3]);
    }

    @Test
    void keyedByContentAndConfiguration() throws IOException {
        Path a = wav("a.wav", 300);
        FeatureCache seedRaw = new FeatureCache(dir.resolve("c"), new FeatureExtractor(FeatureConfig.seedRaw()));
        FeatureCache mfccOnly = new FeatureCache(dir.resolve("c"),
                new FeatureExtractor(FeatureConfig.seedRaw().withFeatures(List.of("mfcc"), 0)));
        assertNotEquals(seedRaw.folder(), mfccOnly.folder());
        assertEquals(32, seedRaw.features(a).columns());
        assertEquals(13, mfccOnly.features(a).columns());
        wav("a.wav", 700); // same name, new content: a new entry, never the stale one
        FeatureMatrix changed = seedRaw.features(a);
        assertEquals(3, entries(dir.resolve("c")));
        assertTrue(changed.frames() > 0);
    }

    @Test
    void damagedEntryIsRecomputed() throws IOException {
        Path a = wav("a.wav", 300);
        FeatureCache cache = new FeatureCache(dir.resolve("c"), new FeatureExtractor(FeatureConfig.seedRaw()));
        FeatureMatrix good = cache.features(a);
        Path entry;
        try (Stream<Path> s = Files.walk(dir.resolve("c"))) {
            entry = s.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        Files.write(entry, new byte[] {1, 2, 3});
        assertArrayEquals(good.values()[2], cache.features(a).values()[2]);
    }

    @Test
    void badAudioIsNamedInTheError() throws IOException {
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "nope");
        FeatureCache cache = new FeatureCache(dir.resolve("c"), new FeatureExtractor(FeatureConfig.seed()));
        SentioException e = assertThrows(SentioException.class, () -> cache.features(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    }
}
