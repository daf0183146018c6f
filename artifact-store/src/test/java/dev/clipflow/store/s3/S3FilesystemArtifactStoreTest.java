package dev.clipflow.store.s3;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;

/**
 * The store against the S3 server the local launcher runs in S3 mode: objects in files that outlive the server
 * (without server-side encryption, which that store answers with 501).
 */
@QuarkusTest
@TestProfile(S3FilesystemArtifactStoreTest.FilesystemServer.class)
class S3FilesystemArtifactStoreTest extends S3StoreContract {

    public static class FilesystemServer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ContractServer.class, Map.of("mode", "filesystem")));
        }
    }
}
