package dev.clipflow.gallery.health;

import dev.clipflow.gallery.index.GalleryIndex;
import dev.clipflow.gallery.index.IndexSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the index was built at least once. Storage reachability is the artifact-store's own
 * readiness check, reported next to this one.
 */
@Readiness
@ApplicationScoped
public class GalleryIndexReadiness implements HealthCheck {

    private final GalleryIndex index;

    public GalleryIndexReadiness(GalleryIndex index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        IndexSnapshot snapshot = index.snapshot();
        return HealthCheckResponse.named("gallery-index")
                .status(index.isBuilt())
                .withData("jobs", snapshot.jobCount())
                .withData("clips", snapshot.clipCount())
                .build();
    }
}
