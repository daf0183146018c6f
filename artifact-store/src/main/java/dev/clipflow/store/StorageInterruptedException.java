package dev.clipflow.store;

/**
 * The calling thread was interrupted during the operation, which stopped at once: a put stored nothing under its
 * key (its transfer was cancelled, a multipart upload aborted, a temp file removed). The store sets the thread's
 * interrupt status again before throwing it. Not worth retrying: whoever interrupted the thread wants the work to stop.
 */
public class StorageInterruptedException extends StorageException {
    public StorageInterruptedException(String key, Throwable cause) {
        super("interrupted on '" + key + "': stopped, nothing stored", cause);
    }
}
