package dev.clipflow.clipworker.media;

/** The worker is shutting down: the job is left unfinished (not acknowledged) for another worker. */
public class WorkerStoppingException extends RuntimeException {
    public WorkerStoppingException() {
        super("the worker is shutting down");
    }
}
