package dev.sentio.cli;

import dev.sentio.app.AudioInputs;
import dev.sentio.app.BatchPrediction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sentio.SentioException;
import dev.sentio.model.Recognizer;
import dev.sentio.stream.TimelineFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sentio predict}: the emotion of each input file, with the bundled model unless another is given. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Recognise the emotion in audio files or folders (recursed), with the bundled default model "
                + "unless --model names another. A file without speech (silence, a tone, noise) gets the label none "
                + "and the reason, never an emotion."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Audio files or folders.")
    List<Path> inputs;

    @Mixin
    ModelOptions model;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FMT",
            description = "csv (file,label,confidence, then one probability per label, then the reason when the "
                    + "label is none) or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--adapt", description = "All inputs are one speaker or session: with a model trained with "
            + "--speaker-norm, each is normalised with the statistics of all of them first.")
    boolean adapt;

    @Option(names = "--adapt-by-folder", description = "As --adapt, with each folder's files one speaker or session.")
    boolean adaptByFolder;

    @Mixin
    VadOptions detector;


    @Override
    public Integer call() {
        if (!format.equals("csv") && !format.equals("json")) {
            throw new SentioException("unknown --format '" + format + "': use csv or json");
        }
        List<AudioInputs.Input> files = AudioInputs.expand(inputs);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (VadOptions vad = detector; Recognizer recognizer = vad.apply(model.open())) {
            List<String> subset = model.labels(recognizer);
            BatchPrediction.Result batch = BatchPrediction.run(recognizer,
                    files.stream().map(AudioInputs.Input::file).toList(), adapt ? BatchPrediction.Sessions.ALL
                            : adaptByFolder ? BatchPrediction.Sessions.BY_FOLDER : BatchPrediction.Sessions.EACH_FILE,
                    subset, BatchRunner.progressBar(err, files.size()));
            int code = BatchRunner.summary(batch.summary(), err, "analysed");
            Map<Integer, Recognizer.Prediction> results = batch.predictions();
            if (format.equals("csv")) {
                out.print("file,label,confidence");
                subset.forEach(l -> out.print("," + l));
                out.println(",reason");
                results.forEach((i, p) -> {
                    out.print(TimelineFormat.csv(files.get(i).file().toString()) + "," + p.label() + ","
                            + (p.speech() ? Float.toString(p.confidence()) : ""));
                    if (p.speech()) {
                        for (float v : p.probabilities()) {
                            out.print("," + v);
                        }
                        out.println(",");
                    } else {
                        out.println(",".repeat(subset.size()) + "," + TimelineFormat.csv(p.reason()));
                    }
                });
            } else {
                ArrayNode array = new ObjectMapper().createArrayNode();
                results.forEach((i, p) -> {
                    ObjectNode n = array.addObject();
                    n.put("file", files.get(i).file().toString());
                    TimelineFormat.outcome(n, p.label(), p.confidence(), p.labels(), p.probabilities(), p.reason());
                });
                out.println(TimelineFormat.pretty(array));
            }
            out.flush();
            return code;
        }
    }
}
