package dev.clipflow.devstack;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test the devstack S3 server: one in-memory server per JVM, shared by every test class and
 * every test profile, with the bucket {@code clipflow-test}, started on first use and stopped when the JVM
 * exits. The configuration uses the documented environment variable names, so the artifact store reads them as it would in
 * production.
 *
 * <pre>{@code @QuarkusTestResource(value = S3TestResource.class, restrictToAnnotatedClass = false)}</pre>
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = SharedServers.TEST_BUCKET;

    /** The shared server (started if needed), e.g. to stop and restart it in a test. */
    public static S3Server server() {
        return SharedServers.s3();
    }

    @Override
    public Map<String, String> start() {
        S3Server server = server();
        if (!server.isRunning()) {
            // A previous test class stopped it to simulate an outage and did not bring it back.
            server.restart();
        }
        return Map.of(
                "STORAGE_TYPE", "s3",
                "S3_ENDPOINT", server.endpoint(),
                "S3_PATH_STYLE", "true",
                "AWS_S3_BUCKET", BUCKET,
                "AWS_REGION", server.region(),
                "AWS_ACCESS_KEY_ID", server.accessKey(),
                "AWS_SECRET_ACCESS_KEY", server.secretKey());
    }

    /** Leaves the shared server running for the next test class; the JVM shutdown hook stops it. */
    @Override
    public void stop() {
    }
}
