package dev.clipflow.uploader.service;

import java.util.List;

/** The event names files that must never be read: outside the job folder, or not an artifact at all. */
public class RefusedArtifactException extends RuntimeException {
    private final List<String> files;

    public RefusedArtifactException(List<String> files, String reason) {
        super(reason + ": " + files);
        this.files = List.copyOf(files);
    }

    public List<String> files() {
        return files;
    }
}
