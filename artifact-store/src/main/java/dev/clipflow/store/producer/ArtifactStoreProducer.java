package dev.clipflow.store.producer;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.config.StorageConfig;
import dev.clipflow.store.local.LocalArtifactStore;
import dev.clipflow.store.s3.S3ArtifactStore;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The application's single {@link ArtifactStore}, chosen by {@code STORAGE_TYPE}. The S3 store runs on the clients
 * of quarkus-amazon-s3 (configured from the storage variables in this module's microprofile-config.properties);
 * they are looked up only when S3 is selected, so a local store never builds one.
 */
@Singleton
public class ArtifactStoreProducer {

    private final Instance<S3Client> sync;
    private final Instance<S3AsyncClient> async;
    private final Instance<S3Presigner> presigner;

    public ArtifactStoreProducer(Instance<S3Client> sync, Instance<S3AsyncClient> async, Instance<S3Presigner> presigner) {
        this.sync = sync;
        this.async = async;
        this.presigner = presigner;
    }

    /** Built at startup, so a wrong setting (S3_SSE, part size) stops the service at once, not at first use. */
    @Produces
    @ApplicationScoped
    @Startup
    ArtifactStore artifactStore(StorageConfig config) {
        return create(config);
    }

    /** A new store on the configured backend (a test may wrap it). */
    public ArtifactStore create(StorageConfig config) {
        return switch (config.type()) {
            case LOCAL -> new LocalArtifactStore(Path.of(config.local().path()));
            case S3 -> new S3ArtifactStore(config.s3(), Duration.ofSeconds(config.presignExpirySeconds()),
                    sync.get(), async.get(), presigner.get());
        };
    }

    void close(@Disposes ArtifactStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
