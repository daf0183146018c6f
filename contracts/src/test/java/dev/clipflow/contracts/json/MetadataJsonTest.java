package dev.clipflow.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.metadata.JobMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataJsonTest {

    @Test
    void metadataKeepsTheFieldNamesOpenShortsToolingReads() {
        JobMetadata metadata = new JobMetadata("6f1c2d3e-4a5b-4c6d-8e7f-901234567890", "Talk",
                Instant.parse("2026-11-24T10:00:00Z"), "talk.mp4", OutputFormat.VERTICAL,
                List.of(new JobMetadata.MetadataClip(3.0, 18.5, "Best bit", "tiktok text", "insta text", "Talk_clip_1.mp4",
                        15.5, 1080, 1920, 2048, "abc", "Talk_clip_1.jpg", 0.8, "loudness peak at 00:05")),
                new JobMetadata.Selection("explicit", 1, 1, null));

        String json = new String(ClipflowJson.encodeMetadata(metadata), StandardCharsets.UTF_8);

        assertThat(json).contains("\"shorts\":[", "\"start\":3.0", "\"end\":18.5",
                "\"video_title_for_youtube_short\":\"Best bit\"", "\"video_description_for_tiktok\":\"tiktok text\"",
                "\"video_description_for_instagram\":\"insta text\"", "\"job_id\":", "\"created_at\":\"2026-11-24T10:00:00Z\"",
                "\"source_video\":\"talk.mp4\"", "\"output_format\":\"vertical\"", "\"size_bytes\":2048", "\"sha256\":\"abc\"",
                "\"thumbnail\":\"Talk_clip_1.jpg\"");
        assertThat(ClipflowJson.decodeMetadata(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(metadata);
    }

    @Test
    void eachClipSaysHowItWasFramedAndHowMuchOfItHadATrackedFace() {
        JobMetadata metadata = new JobMetadata("6f1c2d3e-4a5b-4c6d-8e7f-901234567890", "Talk",
                Instant.parse("2026-11-24T10:00:00Z"), "talk.mp4", OutputFormat.VERTICAL,
                List.of(new JobMetadata.MetadataClip(3.0, 18.5, "Best bit", null, null, "Talk_clip_1.mp4", 15.5, 1080, 1920,
                        2048, "abc", "Talk_clip_1.jpg", null, null, null, null, "track", 0.92)),
                new JobMetadata.Selection("explicit", 1, 1, null));

        String json = new String(ClipflowJson.encodeMetadata(metadata), StandardCharsets.UTF_8);

        assertThat(json).contains("\"layout\":\"track\"", "\"tracked_face_share\":0.92");
        assertThat(ClipflowJson.decodeMetadata(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(metadata);
    }

    @Test
    void metadataWrittenByOpenShortsWithOnlyItsOwnFieldsIsReadable() {
        String openShorts = """
                {"shorts":[{"start":10,"end":40,"video_title_for_youtube_short":"T",
                "video_description_for_tiktok":"a","video_description_for_instagram":"b","viral_score":9}]}""";

        JobMetadata metadata = ClipflowJson.decodeMetadata(openShorts.getBytes(StandardCharsets.UTF_8));

        assertThat(metadata.shorts()).singleElement()
                .satisfies(s -> assertThat(s.end() - s.start()).isEqualTo(30.0))
                .satisfies(s -> assertThat(s.videoTitleForYoutubeShort()).isEqualTo("T"));
        assertThat(metadata.clipNumber(0)).as("no file name: its place, from 1").isEqualTo(1);
    }

    @Test
    void aClipIsNumberedByItsFileNameWhateverItsPlaceInTheList() {
        String recut = """
                {"shorts":[{"start":0,"end":5,"file":"Talk_clip_1.mp4"},{"start":9,"end":12,"file":"Talk_clip_3.mp4"}]}""";

        JobMetadata metadata = ClipflowJson.decodeMetadata(recut.getBytes(StandardCharsets.UTF_8));

        assertThat(metadata.clipNumber(1)).isEqualTo(3);
        assertThat(metadata.renderedClip(1).number()).isEqualTo(3);
        assertThat(metadata.renderedClip(1).file()).isEqualTo("Talk_clip_3.mp4");
        assertThat(new String(ClipflowJson.encodeMetadata(metadata), StandardCharsets.UTF_8))
                .as("derived, not written").doesNotContain("clip_number", "rendered_clip");
    }
}
