package dev.clipflow.store.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/**
 * A {@link StorageConfig} as a deployment would give it: the documented environment variable names, resolved through this
 * module's META-INF/microprofile-config.properties, outside Quarkus.
 */
public final class TestStorageConfig {

    private TestStorageConfig() {
    }

    public static StorageConfig from(Map<String, String> environment) {
        return resolved(environment).getConfigMapping(StorageConfig.class);
    }

    /** All the configuration, e.g. to read the {@code quarkus.s3.*} settings the storage variables give the extension. */
    public static SmallRyeConfig resolved(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(environment, "test-environment", 400))
                .withMapping(StorageConfig.class)
                .build();
    }
}
