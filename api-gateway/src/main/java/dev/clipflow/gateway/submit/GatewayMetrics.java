package dev.clipflow.gateway.submit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Jobs submitted (by source kind), jobs rejected (by reason code), and uploaded bytes. */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter uploadedBytes;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.uploadedBytes = Counter.builder("clipflow.gateway.uploaded.bytes")
                .description("Bytes of uploaded sources stored").baseUnit("bytes").register(registry);
    }

    public void submitted(String source) {
        registry.counter("clipflow.gateway.jobs.submitted", "source", source).increment();
    }

    public void rejected(String reason) {
        registry.counter("clipflow.gateway.jobs.rejected", "reason", reason).increment();
    }

    public void uploaded(long bytes) {
        uploadedBytes.increment(bytes);
    }
}
