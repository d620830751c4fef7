package dev.sentio.cli;

import dev.sentio.SentioException;
import dev.sentio.model.Recognizer;
import dev.sentio.stream.LiveSession;
import dev.sentio.stream.LiveSource;
import dev.sentio.stream.StreamingRecognizer;
import dev.sentio.stream.TimelineFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code sentio listen}: emotions in live audio, printed as each segment becomes final. */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Recognise emotions in live audio from the microphone (or a file played at real-time pace), "
                + "printing each segment as it becomes final (CSV, as timeline prints it) and, on a terminal, a live "
                + "line with the current emotion. Ctrl-C ends it with a summary."})
final class ListenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    SpeechOptions speech;

    @Option(names = "--device", paramLabel = "NAME", description = "The capture device whose name contains NAME "
            + "(default: the system's default microphone).")
    String device;

    @Option(names = "--input", paramLabel = "FILE", description = "Play this file into the same path instead of "
            + "listening to a microphone.")
    Path input;

    @Option(names = "--pace", defaultValue = "1", paramLabel = "X", description = "With --input: X times real "
            + "time (0: as fast as it decodes). Default: ${DEFAULT-VALUE}.")
    double pace;

    @Option(names = "--list-devices", description = "List the capture devices and exit.")
    boolean listDevices;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listDevices) {
            List<String> devices = LiveSource.devices();
            if (devices.isEmpty()) {
                out.println("no capture devices");
            }
            devices.forEach(out::println);
            out.flush();
            return 0;
        }
        if (pace < 0) {
            throw new SentioException("--pace must be 0 or more, got " + pace);
        }
        try (Recognizer recognizer = model.open();
             LiveSource source = input != null ? LiveSource.file(input, pace) : LiveSource.microphone(device)) {
            List<String> shown = model.labels(recognizer);
            LiveSession session = new LiveSession(recognizer,
                    speech.apply(StreamingRecognizer.Settings.defaults().withLabels(model.labels)));
            boolean terminal = System.console() != null;
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                session.stop();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sentio-listen-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            err.println("listening to " + source.name() + (terminal ? " (Ctrl-C ends)" : ""));
            out.println(TimelineFormat.csvHeader(shown));
            out.flush();
            String name = input != null ? input.toString() : source.name();
            try {
                session.run(source, new StreamingRecognizer.Listener() {
                    @Override
                    public void segment(StreamingRecognizer.Segment s) {
                        if (terminal) {
                            err.print("\r\033[K");
                        }
                        out.println(TimelineFormat.csvRow(name, s));
                        out.flush();
                    }

                    @Override
                    public void estimate(double seconds, Recognizer.Prediction p) {
                        if (terminal) {
                            err.printf(Locale.ROOT, "\r\033[K%8.1f s  now: %s", seconds, p.speech()
                                    ? String.format(Locale.ROOT, "%s %.2f", p.label(), p.confidence()) : "no speech");
                            err.flush();
                        }
                    }
                });
                summary(err, session);
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is running and waits for this summary
                }
            }
            return 0;
        } finally {
            speech.close();
        }
    }

    private void summary(PrintWriter err, LiveSession session) {
        err.printf(Locale.ROOT, "%nheard %.1f s, %d segments:", session.heard(), session.segments());
        session.secondsPerLabel().forEach((l, s) -> err.printf(Locale.ROOT, " %s %.1f s", l, s));
        err.println();
        List<Double> l = session.latencies().stream().sorted().toList();
        if (!l.isEmpty()) {
            err.printf(Locale.ROOT, "latency from the end of speech to its segment: median %.0f ms, max %.0f ms "
                    + "(%d segments; it includes the %.2f s of silence that ends a segment)%n", 1000 * l.get(l.size() / 2),
                    1000 * l.get(l.size() - 1), l.size(), speech.hangover);
        }
        err.flush();
    }
}
