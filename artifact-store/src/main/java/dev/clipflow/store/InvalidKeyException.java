package dev.clipflow.store;

/** A key that could reach outside the store's root, or is otherwise not a valid object key. */
public class InvalidKeyException extends StorageException {
    public InvalidKeyException(String key, String why) {
        super("invalid key '" + key + "': " + why);
    }
}
