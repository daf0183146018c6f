package dev.clipflow.gateway.health;

import dev.clipflow.gateway.status.StatusViewCatchUp;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the status view has read every event that was on Kafka when the gateway started. */
@Readiness
@ApplicationScoped
public class StatusViewReadiness implements HealthCheck {

    private final StatusViewCatchUp catchUp;

    public StatusViewReadiness(StatusViewCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("status-view")
                .status(catchUp.caughtUp())
                .withData("records_behind", catchUp.recordsBehind())
                .build();
    }
}
