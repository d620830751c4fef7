package dev.sentio.preprocess;

import dev.sentio.SentioException;
import dev.sentio.audio.Audio;
import dev.sentio.audio.TestAudioFiles;
import dev.sentio.corpus.Emotion;
import dev.sentio.corpus.Utterance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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
        assertTrue(e.getMessage().contains("use white, pink, babble, or noise audio files or folders"), e.getMessage());
    }

    /** The power of {@code y} at {@code hz} (a single DFT bin), relative to its total power. */
    private static double share(float[] y, double hz, int rate) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < y.length; i++) {
            re += y[i] * Math.cos(2 * Math.PI * hz * i / rate);
            im += y[i] * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return 2 * (re * re + im * im) / y.length / y.length / power(y);
    }

    @Test
    void babbleIsOtherSpeakersOfTheSameCorpusAtTheAskedSnr() throws IOException {
        // speaker a of corpus x speaks at 1000 Hz, b (also x) at 300 Hz, c of another corpus at 2000 Hz
        List<Utterance> talkers = new java.util.ArrayList<>();
        String[][] who = {{"a", "x", "1000"}, {"b", "x", "300"}, {"c", "y", "2000"}};
        for (String[] w : who) {
            Path f = TestAudioFiles.write(dir, w[0] + ".wav", TestAudioFiles.wav(TestAudioFiles.PCM, 16000, 16,
                    TestAudioFiles.sine(Double.parseDouble(w[2]), 0.5, 16000, 16000)));
            talkers.add(new Utterance(f, Emotion.NEUTRAL, w[1] + "-" + w[0], w[1]));
        }
        NoiseMixer babble = NoiseMixer.of(List.of("babble")).withTalkers(talkers);
        assertTrue(babble.babble());
        Audio speech = new Audio(TestAudioFiles.sine(1000, 0.3, 16000, 16000), 16000);
        for (double snr : new double[] {10, 0}) {
            float[] mixed = babble.mix(speech, snr, 3, talkers.get(0)).samples();
            float[] noise = new float[mixed.length];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = mixed[i] - speech.samples()[i];
            }
            assertEquals(snr, 10 * Math.log10(power(speech.samples()) / power(noise)), 0.01);
            assertTrue(share(noise, 300, 16000) > 0.9, "the other speaker of the corpus talks");
            assertTrue(share(noise, 1000, 16000) < 1e-3, "never the utterance's own speaker");
            assertTrue(share(noise, 2000, 16000) < 1e-3, "never a speaker of another corpus");
            assertArrayEquals(mixed, babble.mix(speech, snr, 3, talkers.get(0)).samples(), "repeatable");
        }
        SentioException alone = assertThrows(SentioException.class, () -> babble.mix(speech, 5, 1, talkers.get(2)));
        assertTrue(alone.getMessage().contains("babble needs other speakers of y"), alone.getMessage());
        assertThrows(IllegalStateException.class, () -> NoiseMixer.of(List.of("babble")).mix(speech, 5, 1),
                "babble without its talkers");
        NoiseMixer white = NoiseMixer.of(List.of("white"));
        assertSame(white, white.withTalkers(talkers), "other kinds need no talkers");
    }
}
