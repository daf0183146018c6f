package dev.clipflow.uploader.service;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Blocking work for later, on a worker thread of the application's executor, which Quarkus stops with it. */
final class Deferred {

    static void run(Runnable task, Duration delay) {
        ScheduledExecutorService workers = Infrastructure.getDefaultWorkerPool();
        // Its timers are Vert.x's, which refuse a delay under 1 ms.
        if (delay.toMillis() < 1) {
            workers.execute(task);
        } else {
            workers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Deferred() {
    }
}
