package dev.clipflow.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request body limit follows the file size limit, from its environment variable or its one default. */
class BodyLimitConfigSourceFactoryTest {

    private static String bodyLimit(Map<String, String> environment) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        BodyLimitConfigSourceFactoryTest.class.getClassLoader().getResource("application.properties"), 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .withSources(new BodyLimitConfigSourceFactory())
                .build();
        return config.getValue("quarkus.http.limits.max-body-size", String.class);
    }

    @Test
    void theLimitIsTheFileLimitPlusTwoMegabytesForTheForm() throws IOException {
        assertThat(bodyLimit(Map.of("MAX_FILE_SIZE_MB", "500"))).isEqualTo("502M");
    }

    @Test
    void withoutTheVariableTheDefaultFileLimitOfTheApplicationPropertiesCounts() throws IOException {
        assertThat(bodyLimit(Map.of())).isEqualTo("2002M");
    }
}
