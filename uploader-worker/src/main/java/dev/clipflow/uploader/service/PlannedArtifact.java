package dev.clipflow.uploader.service;

import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.store.PutOptions;
import java.nio.file.Path;

/** One artifact of a job: where it is on disk, where it goes, and what the store must check. */
public record PlannedArtifact(String fileName, Path source, String key, ArtifactKind kind, long size, String sha256,
        PutOptions options) {
}
