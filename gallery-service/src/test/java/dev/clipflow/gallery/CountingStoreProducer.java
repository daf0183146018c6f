package dev.clipflow.gallery;

import dev.clipflow.store.config.StorageConfig;
import dev.clipflow.store.producer.ArtifactStoreProducer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

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
    CountingArtifactStore countingStore(StorageConfig config, ArtifactStoreProducer stores) {
        return new CountingArtifactStore(stores.create(config));
    }
}
