package dev.clipflow.store;

public enum StorageType {
    LOCAL,
    S3
}
