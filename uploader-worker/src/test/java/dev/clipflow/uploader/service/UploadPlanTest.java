package dev.clipflow.uploader.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRendered.RenderedArtifact;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.store.PutOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadPlanTest {

    private static final Path WORK = Path.of("/srv/work");
    private static final String SHA = "ab".repeat(32);
    private final String jobId = JobId.newId();

    @Test
    void clipsAndThumbnailsComeFirstAndTheMetadataDocumentLast() {
        UploadPlan plan = UploadPlan.of(rendered(
                artifact("Talk_metadata.json", ArtifactKind.METADATA, null),
                artifact("Talk_clip_1.mp4", ArtifactKind.CLIP, 1),
                artifact("Talk_clip_1.jpg", ArtifactKind.THUMBNAIL, 1)), WORK);

        assertThat(plan.media()).extracting(PlannedArtifact::key)
                .containsExactly(jobId + "/Talk_clip_1.mp4", jobId + "/Talk_clip_1.jpg");
        assertThat(plan.metadata().key()).isEqualTo(jobId + "/Talk_metadata.json");
        assertThat(plan.all()).last().isEqualTo(plan.metadata());
        assertThat(plan.metadata().source()).isEqualTo(WORK.resolve(jobId).resolve("Talk_metadata.json"));
    }

    @Test
    void everyObjectCarriesJobIdClipNumberCreatorContentTypeAndChecksum() {
        UploadPlan plan = UploadPlan.of(rendered(
                artifact("Talk_clip_2.mp4", ArtifactKind.CLIP, 2),
                artifact("Talk_metadata.json", ArtifactKind.METADATA, null)), WORK);

        PutOptions clip = plan.media().get(0).options();
        assertThat(clip.contentType()).isEqualTo("video/mp4");
        assertThat(clip.sha256()).isEqualTo(SHA);
        assertThat(clip.userMetadata()).containsEntry("job-id", jobId).containsEntry("clip-number", "2")
                .containsEntry("created-by", "clipflow");
        assertThat(plan.metadata().options().contentType()).isEqualTo("application/json");
        assertThat(plan.metadata().options().userMetadata()).doesNotContainKey("clip-number");
    }

    @Test
    void temporaryFilesAndOtherExtensionsAreNeverPlanned() {
        UploadPlan plan = UploadPlan.of(rendered(
                artifact("temp_Talk_clip_1.mp4", ArtifactKind.CLIP, 1),
                artifact("Talk_clip_1.mp4.part", ArtifactKind.CLIP, 1),
                artifact("Talk_clip_1.mp4", ArtifactKind.CLIP, 1),
                artifact("Talk_metadata.json", ArtifactKind.METADATA, null)), WORK);

        assertThat(plan.all()).extracting(PlannedArtifact::fileName)
                .containsExactly("Talk_clip_1.mp4", "Talk_metadata.json");
    }

    @Test
    void namesReachingOutsideTheJobFolderRefuseTheWholeJob() {
        for (String evil : List.of("../other/x.mp4", "/etc/passwd.json", "..", "a\\b.jpg", "sub/x.mp4")) {
            assertThatThrownBy(() -> UploadPlan.of(rendered(
                    artifact(evil, ArtifactKind.CLIP, 1),
                    artifact("Talk_metadata.json", ArtifactKind.METADATA, null)), WORK))
                    .isInstanceOf(RefusedArtifactException.class)
                    .satisfies(e -> assertThat(((RefusedArtifactException) e).files()).containsExactly(evil));
        }
    }

    @Test
    void aJobWithoutItsMetadataDocumentIsRefused() {
        assertThatThrownBy(() -> UploadPlan.of(rendered(artifact("Talk_clip_1.mp4", ArtifactKind.CLIP, 1)), WORK))
                .isInstanceOf(RefusedArtifactException.class)
                .hasMessageContaining("exactly one metadata artifact");
    }

    private JobRendered rendered(RenderedArtifact... artifacts) {
        return new JobRendered(1, jobId, Instant.now(), "Talk", jobId + "/Talk_metadata.json", List.of(artifacts), List.of());
    }

    private static RenderedArtifact artifact(String file, ArtifactKind kind, Integer clipNumber) {
        return new RenderedArtifact(file, kind, clipNumber, 10, SHA);
    }
}
