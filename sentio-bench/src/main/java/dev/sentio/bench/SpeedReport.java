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
        List<Step> steps = steps(files, decoded, workload);
        // one untimed round of every step on a few files first, so that no step is timed before the JIT is warm
        run(steps, Math.min(50, files.size()), 1);
        run(steps, files.size(), passes); // warm-up passes
        double[][][] times = run(steps, files.size(), passes);
        Map<String, double[][]> timesAsDecoded = new LinkedHashMap<>();
        Map<String, double[][]> timesAtWorkload = new LinkedHashMap<>();
        for (int k = 0; k < steps.size(); k++) {
            (steps.get(k).onWorkload ? timesAtWorkload : timesAsDecoded).put(steps.get(k).name, times[k]);
        }
        double[][] decodeTimes = timesAsDecoded.remove(DECODE);

        JsonNode reference = Files.exists(referenceFile) ? new ObjectMapper().readTree(referenceFile.toFile())
                .get("extraction").get("median_ms") : null;
        Map<String, String> refKey = Map.of(
                "three features on the raw signal", "features_raw_signal",
                PIPELINE, "pipeline_total",
                "noise reduction", "denoise",
                "trim (top_db 30)", "trim",
                "chroma_stft (own STFT)", "chroma",
                "spectral_contrast (own STFT)", "contrast",
                "mfcc (own STFT)", "mfcc");

        System.out.printf("# Sentio speed report%n%n");
        System.out.printf("date %s, host %s, %d cores, Java %s (%s), one thread, %d files from %s, %d timed passes "
                        + "after %d warm-up passes, every step run on a file before the next file (so that a burst "
                        + "of load on the machine hits all steps alike); medians per file in ms.%n%n",
                LocalDate.now(), host(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), files.size(), folder, passes,
                passes);
        System.out.println("| step | Sentio, 16 kHz as decoded | Sentio, 22.05 kHz (reference workload) "
                + "| Python reference | speed-up at 22.05 kHz |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf("| decode (16 kHz FLAC file -> float) | %.3f | - | %s (librosa.load, 22.05 kHz WAV) | - |%n",
                median(perFileMedians(decodeTimes)), ref(reference, "load_librosa_only"));
        Map<String, Double> at22 = new LinkedHashMap<>();
        for (String step : timesAsDecoded.keySet()) {
            double a = median(perFileMedians(timesAsDecoded.get(step)));
            double b = median(perFileMedians(timesAtWorkload.get(step)));
            at22.put(step, b);
            String key = refKey.get(step);
            String r = key == null ? "-" : ref(reference, key);
            String speedup = key == null || reference == null ? "-"
                    : String.format("%.1fx", reference.get(key).asDouble() / b);
            System.out.printf("| %s | %.3f | %.3f | %s | %s |%n", step, a, b, r, speedup);
        }
        double whole16 = median(perFileMedians(sum(decodeTimes, timesAsDecoded.get(PIPELINE))));
        double whole22 = median(perFileMedians(sum(decodeTimes, timesAtWorkload.get(PIPELINE))));
        String total = reference == null ? "-" : String.format("%.2f", reference.get("pipeline_total").asDouble());
        String totalSpeedup = reference == null ? "-"
                : String.format("%.1fx", reference.get("pipeline_total").asDouble() / whole22);
        System.out.printf("| **whole seed pipeline: decode + preprocessing + features** | %.3f | %.3f | %s | %s |%n",
                whole16, whole22, total, totalSpeedup);
        System.out.printf("%nThe whole-pipeline rows add each file's decode time (16 kHz FLAC) to its preprocessing and "
                + "features in the same pass; the Python reference's pipeline_total includes its own loading (pydub, "
                + "22.05 kHz WAV).%n");
        double stft = at22.get("STFT alone (n_fft 2048, hop 512): the floor");
        double three = at22.get("three features on the raw signal");
        System.out.printf("%nThe three features cost %.2fx the STFT alone (22.05 kHz workload).%n", three / stft);
    }

    private static final String PIPELINE = "seed preprocessing + features (decoded signal in memory)";
    private static final String DECODE = "decode";

    /** A timed step on file i, on the signal as decoded or on the 22.05 kHz workload. */
    private record Step(String name, boolean onWorkload, Function<Integer, Object> run) {
    }

    /** Decode first, then every step twice in a row: on the decoded signal and on the 22.05 kHz workload. */
    private static List<Step> steps(List<Path> files, List<Audio> decoded, List<Audio> workload) {
        FeatureExtractor raw = new FeatureExtractor(FeatureConfig.seedRaw());
        FeatureExtractor seed = new FeatureExtractor(FeatureConfig.seed());
        FeatureExtractor chroma = new FeatureExtractor(FeatureConfig.seedRaw().withFeatures(List.of("chroma"), 0));
        FeatureExtractor contrast = new FeatureExtractor(FeatureConfig.seedRaw().withFeatures(List.of("contrast"), 0));
        FeatureExtractor mfcc = new FeatureExtractor(FeatureConfig.seedRaw().withFeatures(List.of("mfcc"), 0));
        Map<Integer, NoiseReducer> reducers = new LinkedHashMap<>();
        Map<String, Function<Audio, Object>> byName = new LinkedHashMap<>();
        byName.put("STFT alone (n_fft 2048, hop 512): the floor",
                a -> Spectrogram.compute(a.samples(), a.sampleRate(), 2048, 512));
        byName.put("three features on the raw signal", raw::extract);
        byName.put("chroma_stft (own STFT)", chroma::extract);
        byName.put("spectral_contrast (own STFT)", contrast::extract);
        byName.put("mfcc (own STFT)", mfcc::extract);
        byName.put("trim (top_db 30)",
                a -> SilenceTrimmer.trimIndices(PeakNormalizer.pydubInt16(a.samples()), 30, 2048, 512));
        byName.put("noise reduction", a -> reducers.computeIfAbsent(a.sampleRate(), NoiseReducer::new)
                .reduce(FixedLength.padOrCrop(a.samples(), 2 * a.sampleRate())));
        byName.put(PIPELINE, seed::extract);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(DECODE, false, i -> AudioLoader.load(files.get(i))));
        byName.forEach((name, f) -> {
            steps.add(new Step(name, false, i -> f.apply(decoded.get(i))));
            steps.add(new Step(name, true, i -> f.apply(workload.get(i))));
        });
        return steps;
    }

    /** times[step][file][pass]: each pass takes file after file, running every step on a file in turn. */
    private static double[][][] run(List<Step> steps, int files, int passes) {
        double[][][] times = new double[steps.size()][files][passes];
        Object sink = null;
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < files; i++) {
                for (int k = 0; k < steps.size(); k++) {
                    long t0 = System.nanoTime();
                    sink = steps.get(k).run.apply(i);
                    times[k][i][p] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        if (sink == null) {
            throw new IllegalStateException();
        }
        return times;
    }

    private static double[] perFileMedians(double[][] times) {
        double[] perFile = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            perFile[i] = median(times[i]);
        }
        return perFile;
    }

    private static double[][] sum(double[][] a, double[][] b) {
        double[][] s = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i].clone();
            for (int p = 0; p < s[i].length; p++) {
                s[i][p] += b[i][p];
            }
        }
        return s;
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
