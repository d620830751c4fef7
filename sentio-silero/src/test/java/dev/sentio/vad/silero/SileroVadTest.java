package dev.sentio.vad.silero;

import dev.sentio.SharedData;
import dev.sentio.audio.AudioLoader;
import dev.sentio.vad.SpeechRegions;
import dev.sentio.vad.SpeechRegionsContract;
import dev.sentio.vad.SpeechSegmenter;
import dev.sentio.vad.TestSignals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SileroVadTest {
    private static final int RATE = 16000;
    private static SileroVad vad;

    /** Each test, not the class, is skipped without the model, so that the reports say so test by test. */
    @BeforeEach
    void load() {
        Path model = Path.of(System.getProperty("sentio.silero.test", ".models/silero_vad_v5.onnx"));
        assumeTrue(Files.isRegularFile(model), "skipped: no Silero VAD model at " + model
                + " (tools/fetch-silero-vad.sh " + model + " fetches it; .ci/run does)");
        if (vad == null) {
            vad = SileroVad.load(model);
        }
    }

    @AfterAll
    static void close() {
        if (vad != null) {
            vad.close();
        }
    }

    private static List<long[]> regions(float[] y, int[] blockSizes) {
        return SpeechRegions.find(vad.factory(), RATE, SpeechSegmenter.Settings.defaults(), y, blockSizes);
    }

    /** Two corpus utterances with two seconds of near-silence around each: two regions, where they lie. */
    @Test
    void findsUtterancesWhereTheyLie() {
        Path emodb = SharedData.require("corpora/emodb/wav");
        float[] a = AudioLoader.load(emodb.resolve("03a01Fa.flac"), RATE).samples();
        float[] b = AudioLoader.load(emodb.resolve("03a01Wa.flac"), RATE).samples();
        float[] y = new float[6 * RATE + a.length + b.length];
        System.arraycopy(a, 0, y, 2 * RATE, a.length);
        System.arraycopy(b, 0, y, 4 * RATE + a.length, b.length);
        List<long[]> found = regions(y, new int[] {4096});
        assertEquals(2, found.size(), "one region per utterance");
        assertTrue(found.get(0)[0] >= 2 * RATE - RATE / 2 && found.get(0)[1] <= 2 * RATE + a.length + RATE / 2);
        long bStart = 4L * RATE + a.length;
        assertTrue(found.get(1)[0] >= bStart - RATE / 2 && found.get(1)[1] <= bStart + b.length + RATE / 2);
    }

    @Test
    void blockSizesDoNotChangeTheRegions() {
        SpeechRegionsContract.assertBlockSizesDoNotMatter(vad.factory(), RATE, TestSignals.bursts(RATE, 8, new double[][] {{1, 3, 150}, {4, 7, 220}}));
    }

    @Test
    void silenceAndNoiseHoldNoSpeech() {
        for (Map.Entry<String, float[]> e : TestSignals.nonSpeech(RATE, 4).entrySet()) {
            if (e.getKey().contains("white") || e.getKey().contains("pink") || e.getKey().contains("silence")) {
                assertEquals(0, regions(e.getValue(), new int[] {4096}).size(), e.getKey());
            }
        }
    }

    @Test
    void refusesOtherRatesAndMissingModels() {
        String message = org.junit.jupiter.api.Assertions.assertThrows(dev.sentio.SentioException.class,
                () -> vad.factory().create(8000, SpeechSegmenter.Settings.defaults(), null)).getMessage();
        assertTrue(message.contains("16 kHz"), message);
        String missing = org.junit.jupiter.api.Assertions.assertThrows(dev.sentio.SentioException.class,
                () -> SileroVad.load(Path.of("no-such-model.onnx"))).getMessage();
        assertTrue(missing.contains("tools/fetch-silero-vad.sh"), missing);
    }

    /**
     * As a whole-file check after the model-free one: real utterances pass, generated non-speech does not, and a
     * background sound that passes the model-free check is turned away by the network, which gives the reason.
     */
    @Test
    void wholeRecordingCheckPassesSpeechOnly() throws java.io.IOException {
        dev.sentio.vad.SpeechCheck check = dev.sentio.vad.SpeechCheck.PERIODICITY.and(vad.speechCheck());
        Path originals = SharedData.require("corpora/originals");
        try (var files = Files.list(originals)) {
            for (Path f : files.filter(AudioLoader::hasAudioExtension).toList()) {
                assertTrue(check.assess(AudioLoader.load(f, RATE).samples(), RATE).speech(), f.toString());
            }
        }
        for (Map.Entry<String, float[]> s : TestSignals.nonSpeech(RATE, 2).entrySet()) {
            assertTrue(!check.assess(s.getValue(), RATE).speech(), s.getKey());
        }
        // a real background sound (odd-numbered: one of the files the threshold was set on) that the model-free
        // check takes for a voice
        float[] sound = AudioLoader.load(SharedData.require("noise/hu-nonspeech").resolve("n93.flac"), RATE).samples();
        assertTrue(dev.sentio.vad.SpeechCheck.PERIODICITY.assess(sound, RATE).speech(), "a voice to the model-free check");
        dev.sentio.vad.VoiceActivity.Verdict v = check.assess(sound, RATE);
        assertTrue(!v.speech() && v.reason().startsWith("no voice found by the Silero VAD"), String.valueOf(v.reason()));
    }
}
