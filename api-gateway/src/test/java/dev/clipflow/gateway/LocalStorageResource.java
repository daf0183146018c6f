package dev.clipflow.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Local storage in a fresh folder under target/, for the packaged gateway of the *IT tests. */
public class LocalStorageResource implements QuarkusTestResourceLifecycleManager {

    static Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-storage-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("clipflow.storage.type", "local", "clipflow.storage.local.path", root.toString(),
                "clipflow.gateway.max-file-size-mb", "1100");
    }

    @Override
    public void stop() {
    }
}
