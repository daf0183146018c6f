package dev.clipflow.store;

/** A storage operation failed for a reason retrying will not fix. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
