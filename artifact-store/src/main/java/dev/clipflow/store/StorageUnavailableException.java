package dev.clipflow.store;

/** The store cannot be reached or refused service for now; retrying later may succeed. */
public class StorageUnavailableException extends StorageException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
