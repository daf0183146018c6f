package dev.clipflow.uploader;

import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.devstack.S3TestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The real broker and the real S3 server, with server-side encryption asked for. */
public class S3Profile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("S3_SSE", "AES256", "clipflow.work-dir", "target/test-work/s3");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(S3TestResource.class));
    }
}
