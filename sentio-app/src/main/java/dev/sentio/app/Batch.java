package dev.sentio.app;

import dev.sentio.SentioException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One job per input on a thread pool: a bad input is skipped and listed with its problem, and the rest carry on.
 * What every front end's batch does (command line, service, Spark's per-partition work).
 */
public final class Batch {
    /** The work for one input; throws {@link SentioException} for an input-level problem. */
    public interface Job<T> {
        void run(T input);
    }

    /** Told after each input, from the worker that did it. */
    public interface Listener {
        void finished(int done, int total, double elapsedSeconds);
    }

    /**
     * @param total    inputs
     * @param failures one line per failed input: the input and the problem, sorted
     * @param seconds  wall time
     */
    public record Summary(int total, List<String> failures, double seconds) {
        public int failed() {
            return failures.size();
        }

        /** 0 when every input succeeded, 1 when none did, 2 when some failed. */
        public int exitCode() {
            return failures.isEmpty() ? 0 : failures.size() == total ? 1 : 2;
        }
    }

    private Batch() {
    }

    /** @param name how an input is named in a failure line (e.g. its file) */
    public static <T> Summary run(List<T> inputs, int threads, Job<T> job, Function<T, String> name,
                                  Listener listener) {
        int n = inputs.size();
        AtomicInteger done = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
        long started = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T input : inputs) {
                futures.add(pool.submit(() -> {
                    try {
                        job.run(input);
                    } catch (SentioException e) {
                        failures.add(e.getMessage());
                    } catch (RuntimeException | OutOfMemoryError e) {
                        failures.add(name.apply(input) + ": internal error (" + e + ")");
                    }
                    listener.finished(done.incrementAndGet(), n, (System.nanoTime() - started) / 1e9);
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
        List<String> sorted = new ArrayList<>(failures);
        Collections.sort(sorted);
        return new Summary(n, List.copyOf(sorted), (System.nanoTime() - started) / 1e9);
    }
}
