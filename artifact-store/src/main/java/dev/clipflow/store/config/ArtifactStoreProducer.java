package dev.clipflow.store.config;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.local.LocalArtifactStore;
import dev.clipflow.store.s3.S3ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;

/** The application's single {@link ArtifactStore}, chosen by {@code STORAGE_TYPE}. */
@Singleton
public class ArtifactStoreProducer {

    @Produces
    @ApplicationScoped
    ArtifactStore artifactStore(StorageConfig config) {
        return switch (config.type()) {
            case LOCAL -> new LocalArtifactStore(Path.of(config.local().path()));
            case S3 -> new S3ArtifactStore(config.s3(), Duration.ofSeconds(config.presignExpirySeconds()));
        };
    }

    void close(@Disposes ArtifactStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
