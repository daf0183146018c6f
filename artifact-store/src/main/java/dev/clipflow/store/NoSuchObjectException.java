package dev.clipflow.store;

public class NoSuchObjectException extends StorageException {
    public NoSuchObjectException(String key) {
        super("no object under key '" + key + "'");
    }
}
