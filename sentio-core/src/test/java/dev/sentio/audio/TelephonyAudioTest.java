package dev.sentio.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** G.711 WAV files (telephony), every code checked against the JDK's own G.711 decoder and ITU-T's end points. */
class TelephonyAudioTest {
    @TempDir
    Path dir;

    private static byte[] everyCode() {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        return codes;
    }

    /** The JDK's javax.sound conversion of G.711 bytes to 16-bit PCM, scaled as Sentio scales 16-bit PCM. */
    private static float[] jdk(byte[] codes, AudioFormat.Encoding law) throws Exception {
        AudioFormat g711 = new AudioFormat(law, 8000, 8, 1, 1, 8000, false);
        AudioFormat pcm = new AudioFormat(8000, 16, 1, true, false);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(pcm,
                new AudioInputStream(new ByteArrayInputStream(codes), g711, codes.length))) {
            byte[] b = in.readAllBytes();
            float[] y = new float[b.length / 2];
            for (int i = 0; i < y.length; i++) {
                y[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8)) / 32768f;
            }
            return y;
        }
    }

    @Test
    void muLawAndALawWavDecodeAsTheJdkDecodesThem() throws Exception {
        byte[] codes = everyCode();
        Object[][] laws = {{7, AudioFormat.Encoding.ULAW}, {6, AudioFormat.Encoding.ALAW}};
        for (Object[] law : laws) {
            Path f = TestAudioFiles.write(dir, "g711-" + law[0] + ".wav",
                    TestAudioFiles.wav((Integer) law[0], 1, 8000, 8, codes, codes.length));
            Audio a = AudioLoader.load(f);
            assertEquals(8000, a.sampleRate());
            float[] expected = jdk(codes, (AudioFormat.Encoding) law[1]);
            assertEquals(256, a.length());
            for (int i = 0; i < 256; i++) {
                assertEquals(expected[i], a.samples()[i], 0f, law[1] + " code " + i);
            }
        }
    }

    @Test
    void itutEndPoints() {
        assertEquals(0, PcmEncoding.muLaw((byte) 0xFF));
        assertEquals(-32124, PcmEncoding.muLaw((byte) 0x00));
        assertEquals(32124, PcmEncoding.muLaw((byte) 0x80));
        assertEquals(8, PcmEncoding.aLaw((byte) 0xD5));
        assertEquals(-8, PcmEncoding.aLaw((byte) 0x55));
        assertEquals(32256, PcmEncoding.aLaw((byte) 0xAA));
        assertEquals(-32256, PcmEncoding.aLaw((byte) 0x2A));
    }
}
