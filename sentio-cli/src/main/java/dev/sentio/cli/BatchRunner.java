package dev.sentio.cli;

import dev.sentio.SentioException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one job per input file on a thread pool, with a progress bar on a terminal, and ends with a summary:
 * bad files are listed with their problem, and the rest carry on.
 */
final class BatchRunner {
    /** The work for one file; throws {@link SentioException} for a file-level problem. */
    interface Job {
        void run(InputFiles.Input input);
    }

    private BatchRunner() {
    }

    /** @return 0 if every file succeeded, 1 if none did, 2 if some failed */
    static int run(List<InputFiles.Input> inputs, int threads, Job job, PrintWriter err, String verb) {
        int n = inputs.size();
        AtomicInteger done = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        boolean showProgress = n > 1 && System.console() != null;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
        long started = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (InputFiles.Input input : inputs) {
                futures.add(pool.submit(() -> {
                    try {
                        job.run(input);
                    } catch (SentioException e) {
                        failures.add(e.getMessage());
                    } catch (RuntimeException | OutOfMemoryError e) {
                        failures.add(input.file() + ": internal error (" + e + ")");
                    }
                    int d = done.incrementAndGet();
                    if (showProgress) {
                        progress(err, d, n, started);
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (showProgress) {
            err.println();
        }
        int failed = failures.size();
        if (n == 1) {
            if (failed == 1) {
                err.println("sentio: " + failures.get(0));
                return 1;
            }
            return 0;
        }
        err.printf("%s %d of %d files, %d failed (%.1f s)%n", verb, n - failed, n, failed,
                (System.nanoTime() - started) / 1e9);
        failures.stream().sorted().forEach(f -> err.println("  skipped " + f));
        err.flush();
        return failed == 0 ? 0 : failed == n ? 1 : 2;
    }

    private static synchronized void progress(PrintWriter err, int done, int total, long started) {
        int width = 30;
        int filled = (int) ((long) width * done / total);
        double elapsed = (System.nanoTime() - started) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        err.printf("\r[%s%s] %d/%d  %.0f s left ", "#".repeat(filled), ".".repeat(width - filled), done, total, eta);
        err.flush();
    }
}
