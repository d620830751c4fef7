package dev.sentio.bench;

import dev.sentio.audio.AudioLoader;
import dev.sentio.model.Recognizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Inference speed of the bundled model, decoding and features included: per-file median time and the
 * real-time factor (processing time / audio duration), one file at a time. Run with one PyTorch thread for the
 * one-core figure: {@code java -Dai.djl.pytorch.num_threads=1 -cp benchmarks.jar dev.sentio.bench.InferenceReport FOLDER}.
 */
public final class InferenceReport {
    private InferenceReport() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/corpora/emodb/wav");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> files;
        try (Stream<Path> s = Files.walk(folder)) {
            files = s.filter(Files::isRegularFile).filter(AudioLoader::hasAudioExtension).sorted().toList();
        }
        double[] seconds = new double[files.size()];
        for (int i = 0; i < files.size(); i++) {
            seconds[i] = AudioLoader.load(files.get(i)).durationSeconds();
        }
        try (Recognizer r = Recognizer.bundled()) {
            for (Path f : files) {
                r.recognize(f); // warm-up pass
            }
            double[][] ms = new double[files.size()][passes];
            for (int p = 0; p < passes; p++) {
                for (int i = 0; i < files.size(); i++) {
                    long t0 = System.nanoTime();
                    r.recognize(files.get(i));
                    ms[i][p] = (System.nanoTime() - t0) / 1e6;
                }
            }
            double[] perFile = new double[files.size()];
            double[] rtf = new double[files.size()];
            for (int i = 0; i < files.size(); i++) {
                perFile[i] = SpeedReport.median(ms[i]);
                rtf[i] = perFile[i] / 1000 / seconds[i];
            }
            System.out.printf("%d files from %s, %d passes after one warm-up pass, bundled model (%s), threads: %s%n",
                    files.size(), folder, passes, r.bundle().architecture(),
                    System.getProperty("ai.djl.pytorch.num_threads", "default"));
            System.out.printf("median per file: %.2f ms (decode + features + network); median audio %.2f s; "
                    + "median real-time factor %.5f%n", SpeedReport.median(perFile), SpeedReport.median(seconds),
                    SpeedReport.median(rtf));
        }
    }
}
