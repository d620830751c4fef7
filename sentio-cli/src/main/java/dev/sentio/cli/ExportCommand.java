package dev.sentio.cli;

import dev.sentio.SentioException;
import dev.sentio.export.OnnxExport;
import dev.sentio.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sentio export}: a model as ONNX, to run without Sentio's JVM code (ONNX Runtime in any language). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model as an ONNX file (standardisation and temperature scaling inside) and, beside it, "
                + "FILE.json with its labels and FeatureConfig: the features of one recording in, Sentio's "
                + "probabilities out."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "onnx", paramLabel = "FMT", description = "onnx. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file from 'sentio train' (default: the bundled model).")
    Path modelFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The ONNX file to write (atomically).")
    Path out;

    @Override
    public Integer call() {
        if (!format.equals("onnx")) {
            throw new SentioException("unknown --format '" + format + "': onnx is the one export format");
        }
        ModelBundle bundle;
        String source;
        if (modelFile != null) {
            bundle = ModelBundle.load(modelFile);
            source = modelFile.toString();
        } else {
            bundle = ModelBundle.bundled();
            source = "the bundled model";
        }
        OnnxExport.write(bundle, out, source);
        spec.commandLine().getErr().printf("wrote %s and %s.json (%s, labels %s)%n", out, out.getFileName(),
                bundle.architecture(), String.join(",", bundle.labels()));
        return 0;
    }
}
