package dev.clipflow.gateway;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ObjectInfo;
import java.util.List;
import java.util.stream.Stream;

/** What the gateway has stored under {@code uploads/}: a refused or failed submission must leave nothing there. */
final class StoredUploads {

    static List<String> keys(ArtifactStore store) {
        try (Stream<ObjectInfo> objects = store.list("uploads/", "")) {
            return objects.map(ObjectInfo::key).toList();
        }
    }

    private StoredUploads() {
    }
}
