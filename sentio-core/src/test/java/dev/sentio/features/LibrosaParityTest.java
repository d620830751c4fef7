package dev.sentio.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentio.SharedData;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.audio.Resampler;
import dev.sentio.preprocess.SilenceTrimmer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every {@code <name>.nfft<N>.hop<H>.json} in ../shared/golden: decoding, STFT, mel, MFCC, tuning, chroma,
 * contrast, RMS, ZCR, trim and resampling against librosa 0.10. Tolerances: relative 1e-4 (absolute 1e-4 near
 * zero) for linear values; 1e-3 dB absolute for dB-valued ones; exact for lengths, trim indices and tuning.
 */
class LibrosaParityTest {
    private static final double REL = 1e-4;
    private static final double DB = 1e-3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException {
        Path golden = SharedData.require("golden");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(golden)) {
            s.filter(p -> p.getFileName().toString().matches(".*\\.nfft\\d+\\.hop\\d+\\.json")).sorted().forEach(files::add);
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private void check(Path goldenFile) throws IOException {
        JsonNode g = JSON.readTree(goldenFile.toFile());
        Path audioFile = SharedData.root().resolve(g.get("file").asText());
        Audio audio = AudioLoader.load(audioFile);
        float[] y = audio.samples();
        JsonNode sig = g.get("signal");
        assertEquals(sig.get("sr").asInt(), audio.sampleRate(), "sample rate");
        assertEquals(sig.get("length").asInt(), y.length, "length");
        for (int i = 0; i < sig.get("first5").size(); i++) {
            assertEquals(sig.get("first5").get(i).asDouble(), y[i], 0.0, "sample " + i);
        }
        double sum = 0;
        double peak = 0;
        for (float v : y) {
            sum += v;
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(sig.get("sum").asDouble(), sum, 1e-6 * y.length, "sum of samples");
        assertEquals(sig.get("max_abs").asDouble(), peak, 0.0, "peak");

        JsonNode params = g.get("params");
        int nFft = params.get("n_fft").asInt();
        int hop = params.get("hop_length").asInt();
        int sr = audio.sampleRate();
        Spectrogram spec = Spectrogram.compute(y, sr, nFft, hop);
        assertEquals(g.get("frames").asInt(), spec.frames(), "frames");
        StringBuilder report = new StringBuilder(goldenFile.getFileName().toString());

        worst(report, "stft_power", Golden.assertClose("stft_power", g.get("stft_power_first10bins_first3frames"),
                Golden.corner(spec.powerByBin(), 10, 3), REL, 1e-12));
        int nMels = params.get("n_mels").asInt();
        MelFilterBank mel = new MelFilterBank(sr, nFft, nMels, 0.0, sr / 2.0);
        worst(report, "mel_power", Golden.assertClose("mel_power", g.get("mel_power_first3frames"),
                Golden.corner(mel.apply(spec.powerByBin()), nMels, 3), REL, 1e-12));
        double[][] melDb = Spectral.powerToDb(mel.apply(spec.powerByBin()));
        worst(report, "mel_db", Golden.assertClose("mel_db", g.get("mel_db"), melDb, 0, DB));
        worst(report, "mfcc13", Golden.assertClose("mfcc13", g.get("mfcc13"), new Mfcc(13, nMels).apply(melDb), REL, 1e-4));
        worst(report, "mfcc20", Golden.assertClose("mfcc20", g.get("mfcc20"), new Mfcc(20, nMels).apply(melDb), REL, 1e-4));

        double tuning = Tuning.estimate(spec.powerByBin(), sr, 12);
        assertEquals(g.get("tuning").asDouble(), tuning, 1e-12, "estimated tuning");
        worst(report, "chroma", Golden.assertClose("chroma", g.get("chroma"),
                new ChromaFilterBank(sr, nFft, 12, tuning).apply(spec.powerByBin()), REL, 1e-4));
        worst(report, "chroma_tuning0", Golden.assertClose("chroma_tuning0", g.get("chroma_tuning0"),
                new ChromaFilterBank(sr, nFft, 12, 0.0).apply(spec.powerByBin()), REL, 1e-4));
        worst(report, "contrast", Golden.assertClose("spectral_contrast", g.get("spectral_contrast"),
                new SpectralContrast(sr, nFft, 200.0, 6, 0.02).apply(spec.powerByBin()), 0, DB));
        worst(report, "rms", Golden.assertClose("rms", g.get("rms"), FrameFeatures.rms(y, nFft, hop), REL, 1e-7));
        worst(report, "zcr", Golden.assertClose("zcr", g.get("zcr"), FrameFeatures.zeroCrossingRate(y, nFft, hop), 0, 1e-9));

        assertArrayEquals(ints(g.get("trim_top_db30")), SilenceTrimmer.trimIndices(y, 30, nFft, hop), "trim top_db 30");
        assertArrayEquals(ints(g.get("trim_top_db60")), SilenceTrimmer.trimIndices(y, 60, nFft, hop), "trim top_db 60");

        JsonNode resampled = g.get("resampled_16k_polyphase");
        if (resampled != null && resampled.has("length")) {
            float[] r = Resampler.resamplePoly(y, sr, 16000);
            assertEquals(resampled.get("length").asInt(), r.length, "resampled length");
            for (int i = 0; i < resampled.get("first5").size(); i++) {
                assertEquals(resampled.get("first5").get(i).asDouble(), r[i], 1e-6, "resampled sample " + i);
            }
        }
        System.out.println(report);
    }

    private static void worst(StringBuilder report, String what, double fractionOfBound) {
        report.append(String.format("  %s %.3f", what, fractionOfBound));
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }
}
