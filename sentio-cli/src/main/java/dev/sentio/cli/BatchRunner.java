package dev.sentio.cli;

import dev.sentio.app.AudioInputs;
import dev.sentio.app.Batch;

import java.io.PrintWriter;
import java.util.List;

/** A {@link Batch} over input files on the command line: a progress bar on a terminal, then the summary. */
final class BatchRunner {
    private BatchRunner() {
    }

    /** @return 0 if every file succeeded, 1 if none did, 2 if some failed */
    static int run(List<AudioInputs.Input> inputs, int threads, Batch.Job<AudioInputs.Input> job, PrintWriter err,
                   String verb) {
        Batch.Summary summary = Batch.run(inputs, threads, job, input -> input.file().toString(),
                progressBar(err, inputs.size()));
        return summary(summary, err, verb);
    }

    /** A progress bar on a terminal, for batches of more than one file. */
    static Batch.Listener progressBar(PrintWriter err, int n) {
        boolean show = n > 1 && System.console() != null;
        return (done, total, elapsed) -> {
            if (show) {
                progress(err, done, total, elapsed);
                if (done == total) {
                    err.println();
                }
            }
        };
    }

    /** Prints the summary (for one file: its problem alone) and returns the exit code. */
    static int summary(Batch.Summary summary, PrintWriter err, String verb) {
        int n = summary.total();
        if (n == 1) {
            if (summary.failed() == 1) {
                err.println("sentio: " + summary.failures().get(0));
            }
            return summary.exitCode();
        }
        err.printf("%s %d of %d files, %d failed (%.1f s)%n", verb, n - summary.failed(), n, summary.failed(),
                summary.seconds());
        summary.failures().forEach(f -> err.println("  skipped " + f));
        err.flush();
        return summary.exitCode();
    }

    private static synchronized void progress(PrintWriter err, int done, int total, double elapsed) {
        int width = 30;
        int filled = (int) ((long) width * done / total);
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        err.printf("\r[%s%s] %d/%d  %.0f s left ", "#".repeat(filled), ".".repeat(width - filled), done, total, eta);
        err.flush();
    }
}
