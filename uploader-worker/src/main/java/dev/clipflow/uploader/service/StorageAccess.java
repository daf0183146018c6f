package dev.clipflow.uploader.service;

import dev.clipflow.store.StorageType;
import dev.clipflow.store.config.StorageConfig;
import dev.clipflow.store.s3.StorageCredentials;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Whether uploads can happen at all. {@code STORAGE_TYPE=s3} with no credentials in the configuration
 * nor anywhere in the AWS default chain (environment, system properties, profile, web identity,
 * container or instance role) means every job is skipped, as the seed did: one INFO line now, none
 * per job. The question goes to the store's own credentials, the ones its S3 clients sign with.
 */
@Startup
@ApplicationScoped
public class StorageAccess {

    public static final String NO_CREDENTIALS = "no_credentials";
    private static final Logger LOG = Logger.getLogger(StorageAccess.class);

    private final boolean uploadsEnabled;

    public StorageAccess(StorageConfig config, StorageCredentials credentials) {
        this.uploadsEnabled = config.type() != StorageType.S3 || credentials.found();
        if (!uploadsEnabled) {
            LOG.info("STORAGE_TYPE=s3 but no AWS credentials were found (configuration, environment, profile,"
                    + " web identity, container or instance role): uploads are skipped, jobs still complete");
        }
    }

    public boolean uploadsEnabled() {
        return uploadsEnabled;
    }
}
