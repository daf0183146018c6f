package dev.clipflow.store.config;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.local.LocalArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** The application's single {@link ArtifactStore}, chosen by {@code STORAGE_TYPE}. */
@Singleton
public class ArtifactStoreProducer {

    @Produces
    @ApplicationScoped
    ArtifactStore artifactStore(StorageConfig config) {
        return switch (config.type()) {
            case LOCAL -> new LocalArtifactStore(Path.of(config.local().path()));
            case S3 -> throw new IllegalStateException("STORAGE_TYPE=s3 is not available yet in this build");
        };
    }

    void close(@Disposes ArtifactStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
