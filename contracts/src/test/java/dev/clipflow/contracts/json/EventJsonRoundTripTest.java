package dev.clipflow.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.ClipsRequested;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobProgress;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.events.UploadFailed;
import dev.clipflow.contracts.events.UploadSkipped;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.layout.ArtifactKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EventJsonRoundTripTest {

    private static final String JOB = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890";
    private static final String RECUT = "0b7f1c2d-4a5b-4c6d-8e7f-901234567890";
    private static final Instant AT = Instant.parse("2026-11-24T10:15:30.123Z");

    static Stream<ClipflowEvent> everyEventType() {
        return Stream.of(
                new JobRequested(1, JOB, AT, "My talk",
                        JobRequested.JobSource.uploaded("uploads/" + JOB + "/source.mp4", "talk.mp4", 1234),
                        List.of(new JobRequested.RequestedClip(1.5, 12.25, "Intro", "tt", "ig")), null,
                        OutputFormat.SQUARE, FrameLayout.CROP, new JobRequested.Webhook("https://example.com/h", "s3cret")),
                new JobRequested(1, JOB, AT, null, JobRequested.JobSource.url("https://example.com/v.mp4"), List.of(),
                        new JobRequested.AutoSelection(5, 20, 45), null, null, null),
                new JobStarted(1, JOB, AT, "worker-1"),
                new JobProgress(1, JOB, AT, 42, "rendering clip 2 of 3"),
                new JobRendered(1, JOB, AT, "My_talk", JOB + "/My_talk_metadata.json",
                        List.of(new JobRendered.RenderedArtifact("My_talk_clip_1.mp4", ArtifactKind.CLIP, 1, 100, "ab"),
                                new JobRendered.RenderedArtifact("My_talk_metadata.json", ArtifactKind.METADATA, null, 10, "cd")),
                        List.of(new JobRendered.RenderedClip(1, "Intro", 10.75, 1080, 1920, "My_talk_clip_1.mp4", "My_talk_clip_1.jpg"))),
                new JobFailed(1, JOB, AT, "range_out_of_bounds", "clip 2 (50.0-70.0 s) ends after the video (60.0 s)", false),
                new ClipsRequested(1, JOB, AT, RECUT,
                        JobRequested.JobSource.uploaded("uploads/" + JOB + "/source.mp4", "talk.mp4", 1234),
                        List.of(JobRequested.RequestedClip.of(20, 30)), null, FrameLayout.BLUR, null),
                new JobRendered(1, JOB, AT, "My_talk", JOB + "/My_talk_metadata.json",
                        List.of(new JobRendered.RenderedArtifact("My_talk_clip_2.mp4", ArtifactKind.CLIP, 2, 100, "ab"),
                                new JobRendered.RenderedArtifact("My_talk_metadata.json", ArtifactKind.METADATA, null, 10, "cd")),
                        List.of(new JobRendered.RenderedClip(2, "Recut", 10, 1080, 1920, "My_talk_clip_2.mp4", "My_talk_clip_2.jpg")),
                        null, RECUT),
                new JobFailed(1, JOB, AT, "range_out_of_bounds", "clip 1 (50.0-70.0 s) ends after the video (60.0 s)", false, RECUT),
                new ArtifactsStored(1, JOB, AT, List.of(new ArtifactsStored.StoredArtifact(JOB + "/a.mp4", 100, "etag")),
                        JOB + "/My_talk_metadata.json"),
                new UploadFailed(1, JOB, AT, List.of("My_talk_clip_1.mp4"), "storage unreachable", 5),
                new UploadSkipped(1, JOB, AT, UploadSkipped.NO_CREDENTIALS),
                new ArtifactsStored(1, JOB, AT, List.of(new ArtifactsStored.StoredArtifact(JOB + "/a.mp4", 100, "etag")),
                        JOB + "/My_talk_metadata.json", RECUT),
                new UploadFailed(1, JOB, AT, List.of("My_talk_clip_2.mp4"), "storage unreachable", 5, RECUT),
                new UploadSkipped(1, JOB, AT, UploadSkipped.NO_CREDENTIALS, RECUT),
                new JobCancelled(1, JOB, AT, JobCancelled.BY_API),
                new ArtifactsDeleted(1, JOB, AT, 7));
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventSurvivesARoundTripUnchanged(ClipflowEvent event) {
        byte[] json = ClipflowJson.encodeEvent(event);

        assertThat(ClipflowJson.decodeEvent(json)).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventCarriesItsTypeAndVersionInSnakeCase(ClipflowEvent event) {
        String json = new String(ClipflowJson.encodeEvent(event), StandardCharsets.UTF_8);

        assertThat(json).contains("\"type\":\"" + event.getClass().getSimpleName() + "\"")
                .contains("\"version\":1").contains("\"job_id\":\"" + JOB + "\"");
    }

    @Test
    void fieldsANewerWriterAddedAreIgnored() {
        String json = """
                {"type":"JobStarted","version":2,"job_id":"%s","at":"2026-11-24T10:15:30Z",
                 "worker":"w1","gpu":{"model":"none"},"new_field":[1,2,3]}""".formatted(JOB);

        assertThat(ClipflowJson.decodeEvent(json)).isEqualTo(
                new JobStarted(2, JOB, Instant.parse("2026-11-24T10:15:30Z"), "w1"));
    }

    @Test
    void anUploadOutcomeWrittenBeforeRecutsHadOneStillReadsAsTheJobsOwn() {
        String json = """
                {"type":"ArtifactsStored","version":1,"job_id":"%s","at":"2026-11-24T10:15:30Z","objects":[],
                 "metadata_key":"%s/t_metadata.json"}""".formatted(JOB, JOB);

        ArtifactsStored stored = (ArtifactsStored) ClipflowJson.decodeEvent(json);
        assertThat(stored.recutId()).isNull();
        assertThat(stored.isRecut()).isFalse();
        assertThat(new String(ClipflowJson.encodeEvent(stored), StandardCharsets.UTF_8)).doesNotContain("recut");
    }

    @Test
    void aRenderedJobWrittenByVersion1ReadsWithClipsNumberedFromOneAndTheMetadataObjectsKey() {
        String json = """
                {"type":"JobRendered","version":1,"job_id":"%s","at":"2026-11-24T10:15:30Z","title":"My_talk",
                 "metadata_file":"My_talk_metadata.json",
                 "artifacts":[{"file":"My_talk_clip_1.mp4","kind":"clip","clip_index":0,"size_bytes":100,"sha256":"ab"},
                              {"file":"My_talk_clip_2.mp4","kind":"clip","clip_index":1,"size_bytes":100,"sha256":"ab"},
                              {"file":"My_talk_metadata.json","kind":"metadata","size_bytes":10,"sha256":"cd"}],
                 "clips":[{"index":0,"title":"Intro","duration":10.75,"width":1080,"height":1920,
                           "file":"My_talk_clip_1.mp4","thumbnail":"My_talk_clip_1.jpg"},
                          {"index":1,"title":"Outro","duration":5,"width":1080,"height":1920,
                           "file":"My_talk_clip_2.mp4","thumbnail":"My_talk_clip_2.jpg"}]}""".formatted(JOB);

        JobRendered rendered = (JobRendered) ClipflowJson.decodeEvent(json);

        assertThat(rendered.metadataKey()).isEqualTo(JOB + "/My_talk_metadata.json");
        assertThat(rendered.clips()).extracting(JobRendered.RenderedClip::number).containsExactly(1, 2);
        assertThat(rendered.artifacts()).extracting(JobRendered.RenderedArtifact::clipNumber).containsExactly(1, 2, null);
        assertThat(new String(ClipflowJson.encodeEvent(rendered), StandardCharsets.UTF_8))
                .doesNotContain("clip_index").doesNotContain("metadata_file").doesNotContain("\"index\"");
    }

    @Test
    void aRenderedJobNumberingAClipFromZeroIsRejected() {
        String json = """
                {"type":"JobRendered","version":2,"job_id":"%s","at":"2026-11-24T10:15:30Z","title":"t",
                 "metadata_key":"%s/t_metadata.json",
                 "artifacts":[{"file":"t_metadata.json","kind":"metadata","size_bytes":10,"sha256":"cd"}],
                 "clips":[{"number":0,"title":"x","duration":1,"width":1,"height":1,"file":"t_clip_1.mp4"}]}"""
                .formatted(JOB, JOB);

        assertThatThrownBy(() -> ClipflowJson.decodeEvent(json))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("clips[].number starts at 1");
    }

    @Test
    void anEventWithoutJobIdIsRejectedNamingTheField() {
        String json = """
                {"type":"JobFailed","version":1,"at":"2026-11-24T10:15:30Z","code":"corrupt_input","retryable":false}""";

        assertThatThrownBy(() -> ClipflowJson.decodeEvent(json))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("job_id");
    }

    @Test
    void aRenderedEventWithoutArtifactsIsRejectedNamingTheField() {
        String json = """
                {"type":"JobRendered","job_id":"%s","at":"2026-11-24T10:15:30Z","title":"t",
                 "metadata_file":"t_metadata.json"}""".formatted(JOB);

        assertThatThrownBy(() -> ClipflowJson.decodeEvent(json))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("artifacts");
    }

    @Test
    void aProgressEventWithoutPercentIsRejected() {
        String json = """
                {"type":"JobProgress","job_id":"%s","at":"2026-11-24T10:15:30Z"}""".formatted(JOB);

        assertThatThrownBy(() -> ClipflowJson.decodeEvent(json))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("percent");
    }

    @Test
    void anEventWithAMalformedJobIdIsRejected() {
        String json = """
                {"type":"JobStarted","job_id":"../../etc/passwd","at":"2026-11-24T10:15:30Z"}""";

        assertThatThrownBy(() -> ClipflowJson.decodeEvent(json))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("job id must be a UUID");
    }

    @Test
    void anUnknownEventTypeIsRejected() {
        String json = """
                {"type":"JobTeleported","job_id":"%s","at":"2026-11-24T10:15:30Z"}""".formatted(JOB);

        assertThatThrownBy(() -> ClipflowJson.decodeEvent(json))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("JobTeleported");
    }

    @Test
    void brokenJsonIsRejectedAsMalformed() {
        assertThatThrownBy(() -> ClipflowJson.decodeEvent("{\"type\":\"JobStarted\","))
                .isInstanceOf(InvalidJsonException.class).hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> ClipflowJson.decodeEvent(new byte[0]))
                .isInstanceOf(InvalidJsonException.class);
    }

    @Test
    void aRequestWithNeitherClipsNorAutoSelectionAsksForTheDefaultAutomaticSelection() {
        JobRequested request = new JobRequested(1, JOB, AT, "t", JobRequested.JobSource.url("https://x.org/v.mp4"),
                null, null, null, null, null);

        assertThat(request.auto()).isEqualTo(JobRequested.AutoSelection.DEFAULT);
        assertThat(request.outputFormat()).isEqualTo(OutputFormat.VERTICAL);
        assertThat(request.layout()).isEqualTo(FrameLayout.AUTO);
    }

    @Test
    void anUnknownOutputFormatIsRejectedWithTheAllowedValues() {
        String json = """
                {"type":"JobRequested","job_id":"%s","at":"2026-11-24T10:15:30Z",
                 "source":{"url":"https://x.org/v.mp4"},"output_format":"panorama"}""".formatted(JOB);

        assertThatThrownBy(() -> ClipflowJson.decodeEvent(json))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("vertical, square, horizontal, original");
    }
}
