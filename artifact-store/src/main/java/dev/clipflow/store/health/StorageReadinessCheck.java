package dev.clipflow.store.health;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the store can be used now: local root writable, or S3 bucket reachable with the credentials. */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {

    static final String NAME = "artifact-store";

    private final ArtifactStore store;

    public StorageReadinessCheck(ArtifactStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        String type = store.type().name().toLowerCase(Locale.ROOT);
        try {
            store.checkReachable();
            return HealthCheckResponse.named(NAME).up().withData("type", type).build();
        } catch (StorageException e) {
            return HealthCheckResponse.named(NAME).down().withData("type", type).withData("reason", e.getMessage()).build();
        }
    }
}
