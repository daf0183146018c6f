package dev.clipflow.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ArtifactStoreContract;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.store.config.StorageConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** The contract for the S3 store a service is given (on quarkus-amazon-s3's clients), with the bucket looked at directly. */
abstract class S3StoreContract extends ArtifactStoreContract {

    @Inject
    ArtifactStore store;

    @Inject
    StorageConfig config;

    S3Client inspector;

    @BeforeEach
    void inspect() {
        inspector = S3Inspector.on(config.s3());
    }

    @AfterEach
    void closeInspector() {
        inspector.close();
    }

    @Override
    protected ArtifactStore store() {
        return store;
    }

    @Override
    protected void assertNoTraceOfFailedUploads(String key) {
        assertThat(inspector.listMultipartUploads(b -> b.bucket(ContractServer.BUCKET)).uploads())
                .extracting(MultipartUpload::key)
                .doesNotContain(key);
    }

    @Override
    protected void assertStoredInParts(ObjectInfo head) {
        assertThat(head.etag()).as("150 MB in 10 MB parts").endsWith("-15");
    }
}
