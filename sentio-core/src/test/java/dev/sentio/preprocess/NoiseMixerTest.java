package dev.sentio.preprocess;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.TestAudioFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoiseMixerTest {
    @TempDir
    Path dir;

    private static double power(float[] y) {
        double p = 0;
        for (float v : y) {
            p += (double) v * v;
        }
        return p / y.length;
    }

    @Test
    void noiseIsAddedAtTheAskedSnrAndTheSameEveryTime() throws IOException {
        Audio speech = new Audio(TestAudioFiles.sine(200, 0.3, 16000, 16000), 16000);
        TestAudioFiles.write(dir, "n1.wav", TestAudioFiles.wav(TestAudioFiles.PCM, 16000, 16,
                TestAudioFiles.sine(1234, 0.5, 16000, 3000)));
        TestAudioFiles.write(dir, "n2.wav", TestAudioFiles.wav(TestAudioFiles.PCM, 16000, 16,
                TestAudioFiles.sine(777, 0.5, 16000, 5000)));
        for (NoiseMixer m : List.of(NoiseMixer.of(List.of("white")), NoiseMixer.of(List.of("pink")),
                NoiseMixer.of(List.of(dir.toString())))) {
            for (double snr : new double[] {20, 5, 0}) {
                float[] mixed = m.mix(speech, snr, 7).samples();
                float[] noise = new float[mixed.length];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = mixed[i] - speech.samples()[i];
                }
                assertEquals(snr, 10 * Math.log10(power(speech.samples()) / power(noise)), 0.01, m.describe());
                assertArrayEquals(mixed, m.mix(speech, snr, 7).samples(), m.describe() + ": repeatable");
            }
            assertFalse(java.util.Arrays.equals(m.mix(speech, 5, 7).samples(), m.mix(speech, 5, 8).samples()),
                    "another utterance hears other noise");
        }
    }

    @Test
    void foldersSplitByOddAndEvenNumbers() throws IOException {
        for (String n : List.of("n1.wav", "n2.wav", "n3.wav", "n10.wav")) {
            TestAudioFiles.write(dir, n, TestAudioFiles.wav(TestAudioFiles.PCM, 16000, 16,
                    TestAudioFiles.sine(500, 0.5, 16000, 1000)));
        }
        assertEquals("2 noise recording(s): n1.wav n3.wav", NoiseMixer.of(List.of(dir + ":odd")).describe());
        assertEquals("2 noise recording(s): n10.wav n2.wav", NoiseMixer.of(List.of(dir + ":even")).describe());
        SentioException e = assertThrows(SentioException.class, () -> NoiseMixer.of(List.of("brown")));
        assertTrue(e.getMessage().contains("use white, pink, or noise audio files or folders"), e.getMessage());
    }
}
