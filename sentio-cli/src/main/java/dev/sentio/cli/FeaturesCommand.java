package dev.sentio.cli;

import dev.sentio.app.AudioInputs;

import dev.sentio.SentioException;
import dev.sentio.features.FeatureConfig;
import dev.sentio.features.FeatureExtractor;
import dev.sentio.features.FeatureMatrix;
import dev.sentio.io.FeatureFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sentio features}: audio files in, one feature matrix file per input out. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Compute frame-wise features (librosa-equal) for audio files or folders (recursed).",
                "Writes OUT/<input name>.csv with a header of feature names and one row per frame (one per file with --functionals)."})
final class FeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Audio files (WAV, AIFF, FLAC, MP3) or folders.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--preset", defaultValue = "seed", paramLabel = "NAME",
            description = "Feature preset: seed (seed preprocessing + contrast 7, chroma 12, MFCC 13) or seed-raw. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "A FeatureConfig JSON file (overrides --preset).")
    Path configFile;

    @Option(names = "--raw", description = "Skip all preprocessing and keep the native rate (as the golden values are computed).")
    boolean raw;

    @Option(names = "--n-fft", paramLabel = "N", description = "STFT size (any size).")
    Integer nFft;

    @Option(names = "--hop", paramLabel = "H", description = "Hop length in samples.")
    Integer hop;

    @Option(names = "--sr", paramLabel = "RATE", description = "Resample to this rate first (default: native rate).")
    Integer sampleRate;

    @picocli.CommandLine.Mixin
    FeatureChoice choice;

    @Option(names = "--functionals", description = "One row per file instead of one per frame: each column's mean, sd, "
            + "skewness, kurtosis, 10th/50th/90th percentiles and mean absolute and RMS frame-to-frame change.")
    boolean functionals;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FMT", description = "csv or npy (float32 [frames, features]).")
    String format;

    @Option(names = "--threads", paramLabel = "N", description = "Files processed in parallel (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        FeatureConfig config = buildConfig();
        if (!format.equals("csv") && !format.equals("npy")) {
            throw new SentioException("unknown --format '" + format + "': use csv or npy");
        }
        List<AudioInputs.Input> files = AudioInputs.expand(inputs);
        FeatureExtractor extractor = new FeatureExtractor(config);
        FeatureFiles.writeAtomically(out.resolve("feature-config.json"),
                o -> o.write(config.toJson().getBytes(StandardCharsets.UTF_8)));
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        var err = spec.commandLine().getErr();
        int code = BatchRunner.run(files, workers, input -> {
            FeatureMatrix m = extractor.extract(input.file());
            Path target = out.resolve(input.outputStem() + "." + format);
            if (format.equals("csv")) {
                FeatureFiles.writeCsv(m, target);
            } else {
                FeatureFiles.writeNpy(m, target);
            }
        }, err, "features written for");
        if (format.equals("npy") && code != 1) {
            List<String> names = extractor.columnNames();
            FeatureFiles.writeAtomically(out.resolve("columns.txt"),
                    o -> o.write((String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        return code;
    }

    private FeatureConfig buildConfig() throws java.io.IOException {
        FeatureConfig c = configFile != null
                ? FeatureConfig.fromJson(java.nio.file.Files.readString(configFile))
                : FeatureConfig.preset(preset);
        if (raw) {
            c = c.withPreprocessing(FeatureConfig.Preprocessing.NONE).withSampleRate(null);
        }
        if (nFft != null || hop != null) {
            int n = nFft != null ? nFft : c.nFft();
            c = c.withFrames(n, hop != null ? hop : c.hopLength());
        }
        if (sampleRate != null) {
            c = c.withSampleRate(sampleRate);
        }
        c = choice.apply(c);
        return functionals ? c.withPooling(FeatureConfig.FUNCTIONALS) : c;
    }

    @Override
    public String toString() {
        return "features " + Arrays.toString(inputs.toArray());
    }
}
