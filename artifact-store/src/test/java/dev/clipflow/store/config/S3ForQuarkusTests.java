package dev.clipflow.store.config;

import dev.clipflow.store.s3.TestS3Server;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** An S3Proxy for a Quarkus test, given to the app under the DESIGN.md variable names, its bucket missing. */
public class S3ForQuarkusTests implements QuarkusTestResourceLifecycleManager {

    public static final String MISSING_BUCKET = "clipflow-missing-bucket";

    private TestS3Server server;

    @Override
    public Map<String, String> start() {
        server = TestS3Server.start();
        return Map.of(
                "STORAGE_TYPE", "s3",
                "S3_ENDPOINT", server.endpoint(),
                "S3_PATH_STYLE", "true",
                "S3_BUCKET_NAME", MISSING_BUCKET,
                "AWS_DEFAULT_REGION", TestS3Server.REGION,
                "AWS_ACCESS_KEY_ID", TestS3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", TestS3Server.SECRET_KEY,
                "PRESIGN_EXPIRY_SECONDS", "120");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
