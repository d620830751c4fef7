package dev.sentio.app;

import dev.sentio.model.train.SequenceClassifier;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Where long jobs (training, evaluation, batches) report how they are doing; front ends show it their way. */
public interface Progress {
    /** One line of news: a stage started, a file was left out. */
    void message(String line);

    /** A stream for detailed logs (each fold's training lines). */
    PrintStream log();

    /** A training epoch ended. */
    default void epoch(SequenceClassifier.EpochLog e) {
    }

    /** Everything as text on {@code w}: lines, logs, and each epoch on one line that is rewritten. */
    static Progress to(PrintWriter w) {
        PrintStream log = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                w.write(b);
                if (b == '\n') {
                    w.flush();
                }
            }
        }, true, StandardCharsets.UTF_8);
        return new Progress() {
            @Override
            public void message(String line) {
                w.println(line);
                w.flush();
            }

            @Override
            public PrintStream log() {
                return log;
            }

            @Override
            public void epoch(SequenceClassifier.EpochLog e) {
                w.printf(java.util.Locale.ROOT, "\repoch %3d  loss %.3f  train accuracy %.3f  validation UAR %.3f  lr %.2g ",
                        e.epoch(), e.trainLoss(), e.trainAccuracy(), e.validationUar(), e.learningRate());
                w.flush();
            }
        };
    }
}
