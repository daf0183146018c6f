package dev.clipflow.uploader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.UploadSkipped;
import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.uploader.config.UploadConfig;
import dev.clipflow.uploader.support.Consumption;
import dev.clipflow.uploader.support.EventBus;
import dev.clipflow.uploader.support.LogCapture;
import dev.clipflow.uploader.support.RenderedJob;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(NoCredentialsTest.S3WithoutCredentials.class)
class NoCredentialsTest {

    @Inject
    UploadConfig config;

    @Test
    void s3WithoutAnyCredentialsSkipsEachJobQuietlyAndKeepsItsFiles() {
        Consumption.awaitConsuming(config.workDir());
        RenderedJob job = RenderedJob.withClips(config.workDir(), "no keys", 1);

        try (LogCapture logs = LogCapture.start()) {
            EventBus.publish(Topics.CLIP_EVENTS, job.event());
            UploadSkipped skipped = (UploadSkipped) EventBus.awaitUploadEvent(job.jobId, Duration.ofSeconds(60));
            assertThat(skipped.reason()).isEqualTo("no_credentials");
            assertThat(logs.lines()).isEmpty();
        }
        assertThat(job.dir.resolve(job.uploadedFiles().get(0))).isRegularFile();
    }

    public static class S3WithoutCredentials implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("STORAGE_TYPE", "s3", "S3_ENDPOINT", "http://127.0.0.1:9", "S3_PATH_STYLE", "true",
                    "clipflow.work-dir", "target/test-work/no-credentials");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class),
                    new TestResourceEntry(EmptyAwsChain.class));
        }
    }

    /** Points the AWS default chain's files at nothing and turns off the instance metadata lookup. */
    public static class EmptyAwsChain implements QuarkusTestResourceLifecycleManager {
        private static final List<String> PROPERTIES =
                List.of("aws.sharedCredentialsFile", "aws.configFile", "aws.disableEc2Metadata");

        @Override
        public Map<String, String> start() {
            System.setProperty("aws.sharedCredentialsFile", "target/no-such-aws-credentials");
            System.setProperty("aws.configFile", "target/no-such-aws-config");
            System.setProperty("aws.disableEc2Metadata", "true");
            return Map.of();
        }

        @Override
        public void stop() {
            PROPERTIES.forEach(System::clearProperty);
        }
    }
}
