package dev.sentio.audio;

import dev.sentio.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;

import static dev.sentio.audio.TestAudioFiles.EXTENSIBLE;
import static dev.sentio.audio.TestAudioFiles.FLOAT;
import static dev.sentio.audio.TestAudioFiles.PCM;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AudioLoaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "WAV format tag {0}, {1}-bit")
    @CsvSource({"1, 8, 0.01", "1, 16, 1e-4", "1, 24, 1e-6", "1, 32, 1e-8", "3, 32, 0", "3, 64, 0",
            "65534, 16, 1e-4", "65534, 24, 1e-6"})
    void decodesWavEncodings(int tag, int bits, double tolerance) throws IOException {
        float[] left = TestAudioFiles.sine(440, 0.5, 16000, 1600);
        float[] right = TestAudioFiles.sine(660, 0.25, 16000, 1600);
        Path f = TestAudioFiles.write(dir, "x.wav", TestAudioFiles.wav(tag, 16000, bits, left, right));
        Audio a = AudioLoader.load(f);
        assertEquals(16000, a.sampleRate());
        assertEquals(1600, a.length());
        for (int i = 0; i < a.length(); i++) {
            assertEquals((left[i] + right[i]) / 2, a.samples()[i], tolerance + 1e-7, "sample " + i);
        }
    }

    @Test
    void int16IsScaledExactlyAsLibsndfile() throws IOException {
        float[] y = {0f, 1 / 32768f, -1f, 32767 / 32768f, -12345 / 32768f};
        Audio a = AudioLoader.load(TestAudioFiles.write(dir, "x.wav", TestAudioFiles.wav(PCM, 8000, 16, y)));
        for (int i = 0; i < y.length; i++) {
            assertEquals(y[i], a.samples()[i], 0.0);
        }
    }

    @ParameterizedTest(name = "AIFF compression {0}, {1}-bit")
    @CsvSource(value = {"null, 16", "null, 24", "null, 8", "NONE, 16", "sowt, 16", "fl32, 32", "fl64, 64"}, nullValues = "null")
    void decodesAiffVariants(String compression, int bits) throws IOException {
        float[] y = TestAudioFiles.sine(300, 0.7, 22050, 2205);
        // named .wav on purpose: the format comes from the bytes
        Path f = TestAudioFiles.write(dir, "aiff-named.wav", TestAudioFiles.aiff(compression, 22050, bits, y));
        assertEquals(ContainerFormat.AIFF, AudioLoader.formatOf(f));
        Audio a = AudioLoader.load(f);
        assertEquals(22050, a.sampleRate());
        assertEquals(y.length, a.length());
        double tolerance = bits == 8 ? 0.01 : 1e-4;
        for (int i = 0; i < y.length; i++) {
            assertEquals(y[i], a.samples()[i], tolerance);
        }
    }

    @Test
    void streamedWavWithUnknownSizeIsReadToTheEnd() throws IOException {
        float[] y = TestAudioFiles.sine(100, 0.5, 8000, 800);
        byte[] data = TestAudioFiles.samples(new float[][] {y}, 16, false, java.nio.ByteOrder.LITTLE_ENDIAN);
        Path f = TestAudioFiles.write(dir, "stream.wav", TestAudioFiles.wav(PCM, 1, 8000, 16, data, 0xFFFFFFFFL));
        assertEquals(800, AudioLoader.load(f).length());
    }

    @Test
    void originalAiffNamedWavIsRecognised() {
        Path f = SharedData.require("corpora/originals/YAF_germ_angry.wav");
        assertEquals(ContainerFormat.AIFF, AudioLoader.formatOf(f));
        Audio a = AudioLoader.load(f);
        org.junit.jupiter.api.Assertions.assertTrue(a.durationSeconds() > 0.5, "decoded " + a.durationSeconds() + " s");
    }

    @Test
    void everyOriginalDecodes() throws IOException {
        Path dir = SharedData.require("corpora/originals");
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Audio a = AudioLoader.load(f);
                org.junit.jupiter.api.Assertions.assertTrue(a.length() > 1000, f + " gave " + a.length() + " samples");
            }
        }
    }

    @Test
    void resamplingKeepsThePassbandAndRemovesAliases() {
        int n = 48000;
        float[] pass = TestAudioFiles.sine(1000, 0.5, 48000, n);
        float[] alias = TestAudioFiles.sine(12000, 0.5, 48000, n);
        float[] p = Resampler.resamplePoly(pass, 48000, 16000);
        float[] a = Resampler.resamplePoly(alias, 48000, 16000);
        assertEquals(16000, p.length);
        assertEquals(0.5 / Math.sqrt(2), rms(p, 1000, 15000), 1e-3);
        // 12 kHz is above the new Nyquist (8 kHz): it must not fold back to 4 kHz
        org.junit.jupiter.api.Assertions.assertTrue(rms(a, 1000, 15000) < 0.5e-3, "alias rms " + rms(a, 1000, 15000));
    }

    @Test
    void resampledLengthIsCeilOfRatio() {
        assertEquals(52319, Resampler.resamplePoly(new float[156956], 48000, 16000).length);
        assertEquals(23220, Resampler.resamplePoly(new float[32000], 22050, 16000).length);
        assertEquals(44100, Resampler.resamplePoly(new float[32000], 16000, 22050).length);
    }

    private static double rms(float[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i] * (double) y[i];
        }
        return Math.sqrt(s / (to - from));
    }
}
