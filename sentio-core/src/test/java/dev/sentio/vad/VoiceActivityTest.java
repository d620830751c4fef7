package dev.sentio.vad;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoiceActivityTest {
    @Test
    void noGeneratedNonSpeechSignalPassesAsSpeech() {
        for (int rate : new int[] {16000, 22050}) {
            for (Map.Entry<String, float[]> e : TestSignals.nonSpeech(rate, 2.0).entrySet()) {
                VoiceActivity.Verdict v = VoiceActivity.assess(e.getValue(), rate);
                assertFalse(v.speech(), e.getKey() + " at " + rate + " Hz passed as speech");
                assertTrue(v.reason() != null && !v.reason().isBlank(), e.getKey());
            }
        }
    }

    @Test
    void aVoiceLikeSignalPassesAtEveryPitchOfSpeech() {
        for (double f0 : new double[] {85, 120, 200, 300}) {
            VoiceActivity.Verdict v = VoiceActivity.assess(TestSignals.voiceLike(32000, 16000, f0, 0.3), 16000);
            assertTrue(v.speech(), f0 + " Hz: " + v.reason());
            assertTrue(v.voicedSeconds() > 0.5, "voiced " + v.voicedSeconds());
        }
    }

    @Test
    void reasonsSayWhatWasFound() {
        assertTrue(VoiceActivity.assess(new float[1], 16000).reason().startsWith("too short"));
        assertTrue(VoiceActivity.assess(new float[16000], 16000).reason().startsWith("silence"));
        assertTrue(VoiceActivity.assess(TestSignals.tone(16000, 16000, 220, 0.5), 16000).reason()
                .startsWith("a steady tone"));
        assertTrue(VoiceActivity.assess(TestSignals.nonSpeech(16000, 1).get("white noise"), 16000).reason()
                .startsWith("no voice found"));
    }

    @Test
    void pitchIsFoundWithoutOctaveErrors() {
        VoiceActivity.Frames f = VoiceActivity.frames(TestSignals.tone(16000, 16000, 150, 0.5), 16000);
        for (int t = 0; t < f.count(); t++) {
            assertEquals(150, f.f0()[t], 3, "frame " + t);
            assertTrue(f.correlation()[t] > 0.95);
        }
    }
}
