package dev.clipflow.clipworker.render;

import dev.clipflow.clipworker.media.WorkerStoppingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a job's clip tasks at most {@code atOnce} at a time and returns their results in task order. The
 * first task to fail stops the others (their threads are interrupted, which kills their ffmpeg) and its
 * exception is thrown once they have stopped. Java 21's {@code StructuredTaskScope.ShutdownOnFailure} does
 * this; the worker runs on 17.
 */
final class ParallelClips {

    private static final AtomicInteger THREADS = new AtomicInteger();

    static <T> List<T> run(List<Callable<T>> tasks, int atOnce) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(atOnce, tasks.size()), task -> {
            Thread thread = new Thread(task, "clip-ffmpeg-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<T> completed = new ExecutorCompletionService<>(pool);
            Map<Future<T>, Integer> positions = new HashMap<>();
            for (int i = 0; i < tasks.size(); i++) {
                positions.put(completed.submit(tasks.get(i)), i);
            }
            List<T> results = new ArrayList<>(Collections.nCopies(tasks.size(), null));
            for (int i = 0; i < tasks.size(); i++) {
                Future<T> next = completed.take();
                results.set(positions.get(next), next.get());
            }
            return results;
        } catch (ExecutionException failed) {
            stop(pool);
            throw unchecked(failed.getCause());
        } catch (InterruptedException workerStopping) {
            stop(pool);
            Thread.currentThread().interrupt();
            throw new WorkerStoppingException();
        } finally {
            pool.shutdown();
        }
    }

    /** Interrupts the running tasks and waits until their processes are gone, so nothing writes after the failure. */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    private ParallelClips() {
    }
}
