package dev.sentio.cli;

import dev.sentio.app.AudioInputs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sentio.SentioException;
import dev.sentio.io.FeatureFiles;
import dev.sentio.model.Recognizer;
import dev.sentio.report.TimelinePage;
import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.stream.TimelineFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.IdentityHashMap;
import java.util.concurrent.Callable;

/** {@code sentio timeline}: emotions over time in long recordings, one row per segment. */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {"Emotions over time in long recordings (calls, interviews, sessions): speech regions are found, "
                + "recognised in windows and merged into segments; stretches without speech get the label none. "
                + "Files are decoded block by block, so memory does not grow with their length."})
final class TimelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Audio files or folders.")
    List<Path> inputs;

    @Mixin
    ModelOptions model;

    @Mixin
    SpeechOptions speech;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FMT",
            description = "csv (file,start,end,label,confidence, one probability per label, reason) or json. "
                    + "Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write DIR/<name>.html: the timeline as a chart.")
    Path out;

    @Option(names = "--window", defaultValue = "" + StreamingRecognizer.DEFAULT_WINDOW, paramLabel = "S",
            description = "Length of the windows long speech is recognised in (seconds). Default: ${DEFAULT-VALUE}.")
    double window;

    @Option(names = "--hop", defaultValue = "" + StreamingRecognizer.DEFAULT_HOP, paramLabel = "S",
            description = "Step between windows (seconds). Default: ${DEFAULT-VALUE}.")
    double hop;

    @Option(names = "--threads", paramLabel = "N", description = "Files processed at once (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        if (!format.equals("csv") && !format.equals("json")) {
            throw new SentioException("unknown --format '" + format + "': use csv or json");
        }
        if (!(window > 0) || !(hop > 0) || hop > window) {
            throw new SentioException("need 0 < --hop <= --window, got --window " + window + " --hop " + hop);
        }
        List<AudioInputs.Input> files = AudioInputs.expand(inputs);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Recognizer recognizer = model.open()) {
            StreamingRecognizer.Settings settings = speech.apply(StreamingRecognizer.Settings.defaults()
                    .withWindow(window, hop).withLabels(model.labels));
            List<String> shown = model.labels(recognizer);
            // by input object, so that a file given twice keeps both timelines; printed in the inputs' order
            Map<AudioInputs.Input, List<StreamingRecognizer.Segment>> results = new IdentityHashMap<>();
            int code = BatchRunner.run(files, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                    input -> {
                        List<StreamingRecognizer.Segment> segments =
                                StreamingRecognizer.timeline(recognizer, input.file(), settings);
                        if (out != null) {
                            double duration = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end();
                            byte[] page = TimelinePage.html(input.file().toString(), duration, shown, segments)
                                    .getBytes(StandardCharsets.UTF_8);
                            FeatureFiles.writeAtomically(out.resolve(input.outputStem() + ".html"), o -> o.write(page));
                        }
                        synchronized (results) {
                            results.put(input, segments);
                        }
                    }, err, "timelines of");
            if (format.equals("csv")) {
                stdout.println(TimelineFormat.csvHeader(shown));
                files.stream().filter(results::containsKey).forEach(input -> results.get(input).forEach(s ->
                        stdout.println(TimelineFormat.csvRow(input.file().toString(), s))));
            } else {
                ArrayNode array = new ObjectMapper().createArrayNode();
                files.stream().filter(results::containsKey).forEach(input ->
                        TimelineFormat.json(array.addObject(), input.file().toString(), results.get(input)));
                stdout.println(TimelineFormat.pretty(array));
            }
            stdout.flush();
            return code;
        } finally {
            speech.close();
        }
    }
}
