package dev.clipflow.store.s3;

import dev.clipflow.devstack.S3Server;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A devstack S3 server with the contract bucket, given to the app under the documented environment variable names:
 * in memory with server-side encryption ({@code mode=in-memory}), or the local launcher's file-backed store without it
 * ({@code mode=filesystem}, which answers SSE with 501). Two named clients of quarkus-amazon-s3 go wrong on purpose:
 * {@code wrong-secret} signs with a wrong secret, {@code unreachable} talks to a port where nothing listens.
 */
public class ContractServer implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "clipflow-contract";
    static final Path DATA_DIR = Path.of("target", "s3-filesystem-contract");

    private boolean filesystem;
    private S3Server server;

    @Override
    public void init(Map<String, String> initArgs) {
        filesystem = "filesystem".equals(initArgs.get("mode"));
    }

    @Override
    public Map<String, String> start() {
        server = filesystem ? S3Server.startKeeping(0, DATA_DIR) : S3Server.start(S3Server.Mode.IN_MEMORY);
        server.createBucket(BUCKET);
        Map<String, String> config = new HashMap<>(Map.of(
                "STORAGE_TYPE", "s3",
                "S3_ENDPOINT", server.endpoint(),
                "S3_PATH_STYLE", "true",
                "AWS_S3_BUCKET", BUCKET,
                "AWS_REGION", server.region(),
                "AWS_ACCESS_KEY_ID", server.accessKey(),
                "AWS_SECRET_ACCESS_KEY", server.secretKey()));
        if (!filesystem) {
            config.put("S3_SSE", "AES256");
        }
        config.put("quarkus.s3.wrong-secret.aws.credentials.type", "static");
        config.put("quarkus.s3.wrong-secret.aws.credentials.static-provider.access-key-id", server.accessKey());
        config.put("quarkus.s3.wrong-secret.aws.credentials.static-provider.secret-access-key", "not-the-secret");
        config.put("quarkus.s3.unreachable.endpoint-override", "http://127.0.0.1:9");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
        if (filesystem && Files.exists(DATA_DIR)) {
            try (Stream<Path> paths = Files.walk(DATA_DIR)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
