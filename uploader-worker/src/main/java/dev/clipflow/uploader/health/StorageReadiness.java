package dev.clipflow.uploader.health;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.uploader.service.StorageAccess;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the store answers. With no credentials the uploader is ready too: it skips every job on
 * purpose, and jobs must keep completing. (Kafka readiness comes from the messaging extension.)
 */
@Readiness
@ApplicationScoped
public class StorageReadiness implements HealthCheck {

    private final ArtifactStore store;
    private final StorageAccess access;

    public StorageReadiness(ArtifactStore store, StorageAccess access) {
        this.store = store;
        this.access = access;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("upload-storage");
        if (!access.uploadsEnabled()) {
            return response.up().withData("uploads", "skipped: " + StorageAccess.NO_CREDENTIALS).build();
        }
        try {
            store.checkReachable();
            return response.up().withData("type", store.type().name().toLowerCase()).build();
        } catch (RuntimeException unreachable) {
            return response.down().withData("reason", String.valueOf(unreachable.getMessage())).build();
        }
    }
}
