package dev.clipflow.gallery;

import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.metadata.JobMetadata;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.store.PutOptions;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Metadata documents as the clip-worker writes them, put straight into the store. */
public final class TestJobs {

    public static JobMetadata metadata(String jobId, String title, Instant createdAt, int clips) {
        List<JobMetadata.MetadataClip> shorts = new ArrayList<>();
        for (int n = 1; n <= clips; n++) {
            shorts.add(new JobMetadata.MetadataClip(10.0 * n, 10.0 * n + 7.5, title + " — clip " + n,
                    "tiktok " + n + " of " + title, "insta " + n + " of " + title,
                    ObjectKeys.clipFile(title, n), 7.5, 1080, 1920, 1000L * n, null,
                    ObjectKeys.thumbnailFile(title, n), null, null));
        }
        return new JobMetadata(jobId, title, createdAt, "source.mp4", OutputFormat.VERTICAL, shorts, null);
    }

    public static ObjectInfo put(ArtifactStore store, JobMetadata metadata) {
        return putBytes(store, ObjectKeys.metadata(metadata.jobId(), metadata.title()), ClipflowJson.encodeMetadata(metadata));
    }

    public static ObjectInfo putBytes(ArtifactStore store, String key, byte[] bytes) {
        return store.put(key, new ByteArrayInputStream(bytes), bytes.length, PutOptions.of("application/json"));
    }

    public static void deleteEverything(ArtifactStore store) {
        List<String> keys;
        try (Stream<ObjectInfo> all = store.list("", "")) {
            keys = all.map(ObjectInfo::key).toList();
        }
        keys.parallelStream().forEach(store::delete);
    }

    private TestJobs() {
    }
}
