package dev.clipflow.gallery;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.config.StorageConfig;
import dev.clipflow.store.local.LocalArtifactStore;
import dev.clipflow.store.s3.S3ArtifactStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.time.Duration;

/**
 * In tests the service gets the real backend the configuration selects (S3 against the devstack S3 server,
 * or a local folder), wrapped so tests can count the GETs it really sends.
 */
@ApplicationScoped
public class CountingStoreProducer {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    CountingArtifactStore countingStore(StorageConfig config) {
        ArtifactStore real = switch (config.type()) {
            case LOCAL -> new LocalArtifactStore(Path.of(config.local().path()));
            case S3 -> new S3ArtifactStore(config.s3(), Duration.ofSeconds(config.presignExpirySeconds()));
        };
        return new CountingArtifactStore(real);
    }
}
