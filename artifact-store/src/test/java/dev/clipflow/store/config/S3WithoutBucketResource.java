package dev.clipflow.store.config;

import dev.clipflow.devstack.S3Server;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A devstack S3 server for a Quarkus test, given to the app under the documented environment variable names, its bucket missing. */
public class S3WithoutBucketResource implements QuarkusTestResourceLifecycleManager {

    public static final String MISSING_BUCKET = "clipflow-missing-bucket";

    private S3Server server;

    @Override
    public Map<String, String> start() {
        server = S3Server.start(S3Server.Mode.IN_MEMORY);
        return Map.of(
                "STORAGE_TYPE", "s3",
                "S3_ENDPOINT", server.endpoint(),
                "S3_PATH_STYLE", "true",
                "S3_BUCKET_NAME", MISSING_BUCKET,
                "AWS_DEFAULT_REGION", server.region(),
                "AWS_ACCESS_KEY_ID", server.accessKey(),
                "AWS_SECRET_ACCESS_KEY", server.secretKey(),
                "PRESIGN_EXPIRY_SECONDS", "120");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
