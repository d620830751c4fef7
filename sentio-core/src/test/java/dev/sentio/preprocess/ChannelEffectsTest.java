package dev.sentio.preprocess;

import dev.sentio.audio.Audio;
import dev.sentio.audio.TestAudioFiles;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelEffectsTest {
    private static double rms(float[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) y[i] * y[i];
        }
        return Math.sqrt(s / (to - from));
    }

    @Test
    void aTelephoneKeepsTheVoiceBandAndDropsTheRest() {
        int rate = 16000;
        float[] inBand = ChannelEffects.telephone(TestAudioFiles.sine(1000, 0.5, rate, rate), rate);
        float[] high = ChannelEffects.telephone(TestAudioFiles.sine(6000, 0.5, rate, rate), rate);
        float[] low = ChannelEffects.telephone(TestAudioFiles.sine(60, 0.5, rate, rate), rate);
        assertEquals(rate, inBand.length);
        assertEquals(0.5 / Math.sqrt(2), rms(inBand, 2000, 14000), 0.05, "1 kHz passes");
        assertTrue(rms(high, 2000, 14000) < 0.01, "6 kHz is above an 8 kHz line's band");
        assertTrue(rms(low, 2000, 14000) < 0.05, "60 Hz hum is cut");
    }

    @Test
    void reverberationLeavesATailAndEveryEffectKeepsThePeakAndRepeats() {
        int rate = 16000;
        float[] burst = new float[rate];
        System.arraycopy(TestAudioFiles.sine(500, 0.8, rate, 1600), 0, burst, 0, 1600);
        float[] wet = ChannelEffects.reverb(burst, rate, 0.5, new Random(1));
        assertTrue(rms(wet, 2400, 4000) > 0.01, "sound goes on after the burst ends");
        assertTrue(rms(burst, 2400, 4000) == 0);
        Audio a = new Audio(burst, rate);
        for (long seed = 0; seed < 6; seed++) {
            float[] y = ChannelEffects.random(a, seed).samples();
            float peak = 0;
            for (float v : y) {
                peak = Math.max(peak, Math.abs(v));
            }
            assertEquals(0.8, peak, 1e-3, "seed " + seed);
            assertArrayEquals(y, ChannelEffects.random(a, seed).samples());
        }
    }
}
