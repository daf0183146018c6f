package dev.clipflow.gateway.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives Vert.x's request body limit from {@code clipflow.gateway.max-file-size-mb} ({@code MAX_FILE_SIZE_MB},
 * default in application.properties, expanded by the time a factory reads it): the file limit plus 2 MiB for the
 * form around it. The gateway's own checks (JSON 413) fire first; this limit is the backstop.
 */
public class BodyLimitConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue("clipflow.gateway.max-file-size-mb");
        if (value == null || value.getValue() == null) {
            return List.of();
        }
        long maxFileMb;
        try {
            maxFileMb = Long.parseLong(value.getValue().strip());
        } catch (NumberFormatException badValue) {
            return List.of(); // GatewayConfig reports the bad value when it is validated.
        }
        return List.of(new PropertiesConfigSource(
                Map.of("quarkus.http.limits.max-body-size", (maxFileMb + 2) + "M"), "clipflow-body-limit", 150));
    }
}
