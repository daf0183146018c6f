package dev.clipflow.uploader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRendered.RenderedArtifact;
import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.uploader.config.UploadConfig;
import dev.clipflow.uploader.support.CancelledJobs;
import dev.clipflow.uploader.support.Consumption;
import dev.clipflow.uploader.support.EventBus;
import dev.clipflow.uploader.support.LogCapture;
import dev.clipflow.uploader.support.RenderedJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(LocalStorageTest.LocalStorage.class)
class LocalStorageTest {

    @Inject
    UploadConfig config;
    @Inject
    ArtifactStore store;

    @Test
    void localModeStoresTheSameLayoutUnderLocalStoragePathQuietlyAndMetadataLast() throws IOException {
        Consumption.awaitConsuming(config.workDir());
        RenderedJob job = RenderedJob.withClips(config.workDir(), "Local run", 2);
        JobRendered event = job.event();
        Path root = Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("LOCAL_STORAGE_PATH", String.class));

        try (LogCapture logs = LogCapture.start()) {
            EventBus.publish(Topics.CLIP_EVENTS, event);
            ArtifactsStored stored = (ArtifactsStored) EventBus.awaitUploadEvent(job.jobId, Duration.ofSeconds(60));
            assertThat(stored.metadataKey()).isEqualTo(job.metadataKey());
            assertThat(logs.lines()).isEmpty();
        }

        ObjectInfo metadata = store.head(job.metadataKey()).orElseThrow();
        for (RenderedArtifact artifact : event.artifacts()) {
            Path file = root.resolve(job.jobId).resolve(artifact.file());
            assertThat(file).isRegularFile();
            assertThat(RenderedJob.sha256(file)).isEqualTo(artifact.sha256());
            ObjectInfo info = store.head(job.key(artifact.file())).orElseThrow();
            assertThat(info.userMetadata()).containsEntry("job-id", job.jobId).containsEntry("created-by", "clipflow");
            assertThat(metadata.lastModified()).isAfterOrEqualTo(info.lastModified());
        }
        try (Stream<Path> files = Files.list(root.resolve(job.jobId))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .filteredOn(name -> !name.startsWith("."))
                    .noneMatch(name -> name.startsWith("temp_"))
                    .containsAll(job.uploadedFiles());
        }
        assertThat(job.dir).doesNotExist();
    }

    @Test
    void aCancelledJobLeavesNoFileNorFolderInLocalStorage() throws IOException {
        Consumption.awaitConsuming(config.workDir());
        Path root = Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("LOCAL_STORAGE_PATH", String.class));
        RenderedJob job = CancelledJobs.storeThenCancel(store, config.workDir());
        assertThat(root.resolve(job.jobId)).doesNotExist();
        assertThat(root.resolve("uploads").resolve(job.jobId)).doesNotExist();
    }

    public static class LocalStorage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("STORAGE_TYPE", "local",
                    "LOCAL_STORAGE_PATH", "target/local-storage-" + UUID.randomUUID(),
                    "clipflow.work-dir", "target/test-work/local");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class));
        }
    }
}
