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
 * real-time factor (processing time / audio duration), one file at a time. Model files given after the pass count
 * are measured instead, side by side in one run (their passes interleaved, so that a load on the machine falls on
 * all alike): {@code java -cp benchmarks.jar dev.sentio.bench.InferenceReport FOLDER [PASSES [MODEL...]]}.
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
        List<String> names = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("bundled model");
        List<Recognizer> models = names.stream().map(n -> args.length > 2 ? Recognizer.load(Path.of(n))
                : Recognizer.bundled()).toList();
        for (Recognizer r : models) {
            for (Path f : files) {
                r.recognize(f); // warm-up pass
            }
        }
        double[][][] ms = new double[models.size()][files.size()][passes];
        for (int p = 0; p < passes; p++) {
            for (int m = 0; m < models.size(); m++) {
                for (int i = 0; i < files.size(); i++) {
                    long t0 = System.nanoTime();
                    models.get(m).recognize(files.get(i));
                    ms[m][i][p] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        System.out.printf("%d files from %s, %d passes after one warm-up pass, one thread%n", files.size(), folder,
                passes);
        for (int m = 0; m < models.size(); m++) {
            double[] perFile = new double[files.size()];
            double[] rtf = new double[files.size()];
            for (int i = 0; i < files.size(); i++) {
                perFile[i] = SpeedReport.median(ms[m][i]);
                rtf[i] = perFile[i] / 1000 / seconds[i];
            }
            Recognizer r = models.get(m);
            System.out.printf("%s (%s, %d network(s)): median per file %.2f ms (decode + speech check + features + "
                    + "networks); median audio %.2f s; median real-time factor %.5f%n", names.get(m),
                    r.bundle().architecture(), r.bundle().members().size(), SpeedReport.median(perFile),
                    SpeedReport.median(seconds), SpeedReport.median(rtf));
            r.close();
        }
    }
}
