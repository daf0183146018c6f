package dev.clipflow.uploader.service;

import dev.clipflow.store.config.StorageConfig;
import dev.clipflow.store.StorageType;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Whether uploads can happen at all. {@code STORAGE_TYPE=s3} with no credentials in the configuration
 * nor anywhere in the AWS default chain (environment, system properties, profile, web identity,
 * container or instance role) means every job is skipped, as the seed did: one INFO line now, none
 * per job.
 */
@Startup
@ApplicationScoped
public class StorageAccess {

    public static final String NO_CREDENTIALS = "no_credentials";
    private static final Logger LOG = Logger.getLogger(StorageAccess.class);

    private final boolean uploadsEnabled;

    public StorageAccess(StorageConfig config) {
        boolean s3 = config.type() == StorageType.S3;
        this.uploadsEnabled = !s3 || hasStaticKeys(config.s3()) || defaultChainResolves();
        if (!uploadsEnabled) {
            LOG.info("STORAGE_TYPE=s3 but no AWS credentials were found (configuration, environment, profile,"
                    + " web identity, container or instance role): uploads are skipped, jobs still complete");
        }
    }

    public boolean uploadsEnabled() {
        return uploadsEnabled;
    }

    private static boolean hasStaticKeys(StorageConfig.S3 config) {
        return config.accessKeyId().filter(s -> !s.isBlank()).isPresent()
                && config.secretAccessKey().filter(s -> !s.isBlank()).isPresent();
    }

    private static boolean defaultChainResolves() {
        try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
            chain.resolveCredentials();
            return true;
        } catch (RuntimeException nothingFound) {
            LOG.debugf("AWS default credentials chain: %s", nothingFound.getMessage());
            return false;
        }
    }
}
