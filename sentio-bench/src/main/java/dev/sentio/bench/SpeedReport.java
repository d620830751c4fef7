package dev.sentio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.audio.Resampler;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.features.Spectrogram;
import dev.sentio.preprocess.FixedLength;
import dev.sentio.preprocess.NoiseReducer;
import dev.sentio.preprocess.PeakNormalizer;
import dev.sentio.preprocess.SilenceTrimmer;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Per-file medians of each step of the pipeline on a folder of files (EmoDB in BENCHMARKS.md), one thread,
 * printed as a Markdown table beside the Python reference's figures from {@code ../shared/reference/timing.json}.
 *
 * <p>The reference ran on EmoDB at 22.05 kHz (44100-sample, 2 s files); the shared corpus is 16 kHz FLAC. So
 * every step is timed twice: on the signal as decoded (16 kHz), and on the same signal resampled to 22.05 kHz
 * beforehand (untimed), which is the reference's workload sample for sample.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.sentio.bench.SpeedReport FOLDER [reference timing.json] [passes]}
 */
public final class SpeedReport {
    private static final int WORKLOAD_RATE = 22050;

    private SpeedReport() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/corpora/emodb/wav");
        Path referenceFile = Path.of(args.length > 1 ? args[1] : "../shared/reference/timing.json");
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Audio> decoded = new ArrayList<>();
        for (Path f : files) {
            decoded.add(AudioLoader.load(f));
        }
        List<Audio> workload = new ArrayList<>();
        for (Audio a : decoded) {
            workload.add(a.sampleRate() == WORKLOAD_RATE ? a : Resampler.resample(a, WORKLOAD_RATE));
        }
        FeatureExtractor raw = new FeatureExtractor(FeatureConfig.seedRaw());
        FeatureExtractor seed = new FeatureExtractor(FeatureConfig.seed());

        // one untimed round of every step on a few files first, so that no step is timed before the JIT is warm
        measureAll(decoded.subList(0, Math.min(50, decoded.size())), raw, seed, 1);
        measureAll(workload.subList(0, Math.min(50, workload.size())), raw, seed, 1);
        Map<String, double[]> native16 = measureAll(decoded, raw, seed, passes);
        Map<String, double[]> at22 = measureAll(workload, raw, seed, passes);
        double[] decodeMs = measure(files.size(), passes, i -> AudioLoader.load(files.get(i)));

        JsonNode reference = Files.exists(referenceFile) ? new ObjectMapper().readTree(referenceFile.toFile())
                .get("extraction").get("median_ms") : null;
        Map<String, String> refKey = Map.of(
                "three features on the raw signal", "features_raw_signal",
                "seed preprocessing + features (decoded signal in memory)", "pipeline_total",
                "noise reduction", "denoise",
                "trim (top_db 30)", "trim",
                "chroma_stft (own STFT)", "chroma",
                "spectral_contrast (own STFT)", "contrast",
                "mfcc (own STFT)", "mfcc");

        System.out.printf("# Sentio speed report%n%n");
        System.out.printf("date %s, host %s, %d cores, Java %s (%s), one thread, %d files from %s, %d timed passes "
                        + "after %d warm-up passes; medians per file in ms.%n%n", LocalDate.now(), host(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), files.size(), folder, passes, passes);
        System.out.println("| step | Sentio, 16 kHz as decoded | Sentio, 22.05 kHz (reference workload) "
                + "| Python reference | speed-up at 22.05 kHz |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf("| decode (16 kHz FLAC file -> float) | %.3f | - | %s (librosa.load, 22.05 kHz WAV) | - |%n",
                median(decodeMs), ref(reference, "load_librosa_only"));
        for (String step : native16.keySet()) {
            double a = median(native16.get(step));
            double b = median(at22.get(step));
            String key = refKey.get(step);
            String r = key == null ? "-" : ref(reference, key);
            String speedup = key == null || reference == null ? "-"
                    : String.format("%.1fx", reference.get(key).asDouble() / b);
            System.out.printf("| %s | %.3f | %.3f | %s | %s |%n", step, a, b, r, speedup);
        }
        double decode = median(decodeMs);
        double pipeline16 = median(native16.get("seed preprocessing + features (decoded signal in memory)"));
        double pipeline22 = median(at22.get("seed preprocessing + features (decoded signal in memory)"));
        String total = reference == null ? "-" : String.format("%.2f", reference.get("pipeline_total").asDouble());
        String totalSpeedup = reference == null ? "-"
                : String.format("%.1fx", reference.get("pipeline_total").asDouble() / (decode + pipeline22));
        System.out.printf("| **whole seed pipeline: decode + preprocessing + features** | %.3f | %.3f | %s | %s |%n",
                decode + pipeline16, decode + pipeline22, total, totalSpeedup);
        System.out.printf("%nThe whole-pipeline rows add the median decode time of the 16 kHz FLAC to the median of the "
                + "rest; the Python reference's pipeline_total includes its own loading (pydub, 22.05 kHz WAV).%n");
        double stft = median(at22.get("STFT alone (n_fft 2048, hop 512): the floor"));
        double three = median(at22.get("three features on the raw signal"));
        System.out.printf("%nThe three features cost %.2fx the STFT alone (22.05 kHz workload).%n", three / stft);
    }

    private static Map<String, double[]> measureAll(List<Audio> audio, FeatureExtractor raw, FeatureExtractor seed,
                                                    int passes) {
        int n = audio.size();
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("STFT alone (n_fft 2048, hop 512): the floor", measure(n, passes, i -> {
            Audio a = audio.get(i);
            return Spectrogram.compute(a.samples(), a.sampleRate(), 2048, 512);
        }));
        out.put("three features on the raw signal", measure(n, passes, i -> raw.extract(audio.get(i))));
        FeatureExtractor chroma = new FeatureExtractor(FeatureConfig.seedRaw().withFeatures(List.of("chroma"), 0));
        FeatureExtractor contrast = new FeatureExtractor(FeatureConfig.seedRaw().withFeatures(List.of("contrast"), 0));
        FeatureExtractor mfcc = new FeatureExtractor(FeatureConfig.seedRaw().withFeatures(List.of("mfcc"), 0));
        out.put("chroma_stft (own STFT)", measure(n, passes, i -> chroma.extract(audio.get(i))));
        out.put("spectral_contrast (own STFT)", measure(n, passes, i -> contrast.extract(audio.get(i))));
        out.put("mfcc (own STFT)", measure(n, passes, i -> mfcc.extract(audio.get(i))));
        out.put("trim (top_db 30)", measure(n, passes, i -> SilenceTrimmer.trimIndices(
                PeakNormalizer.pydubInt16(audio.get(i).samples()), 30, 2048, 512)));
        Map<Integer, NoiseReducer> reducers = new LinkedHashMap<>();
        out.put("noise reduction", measure(n, passes, i -> {
            Audio a = audio.get(i);
            float[] y = FixedLength.padOrCrop(a.samples(), 2 * a.sampleRate());
            return reducers.computeIfAbsent(a.sampleRate(), NoiseReducer::new).reduce(y);
        }));
        out.put("seed preprocessing + features (decoded signal in memory)",
                measure(n, passes, i -> seed.extract(audio.get(i))));
        return out;
    }

    /** Warm-up passes, then per-file medians over {@code passes} timed passes. */
    private static double[] measure(int n, int passes, Function<Integer, Object> step) {
        Object sink = null;
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < n; i++) {
                sink = step.apply(i);
            }
        }
        double[][] times = new double[n][passes];
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                sink = step.apply(i);
                times[i][p] = (System.nanoTime() - t0) / 1e6;
            }
        }
        if (sink == null) {
            throw new IllegalStateException();
        }
        double[] perFile = new double[n];
        for (int i = 0; i < n; i++) {
            perFile[i] = median(times[i]);
        }
        return perFile;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String ref(JsonNode reference, String key) {
        return reference == null || !reference.has(key) ? "-" : String.format("%.2f", reference.get(key).asDouble());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
