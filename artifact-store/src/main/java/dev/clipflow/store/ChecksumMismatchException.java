package dev.clipflow.store;

/** The bytes stored do not have the SHA-256 the caller gave; nothing was published under the key. */
public class ChecksumMismatchException extends StorageException {
    public ChecksumMismatchException(String key, String expected, String actual) {
        super("checksum mismatch for '" + key + "': expected sha256 " + expected + ", got " + actual);
    }
}
