package dev.clipflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.captions.CaptionStyle;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.captions.Cue;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.store.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CaptionsSubmitTest {

    static final String SRT = "1\n00:00:01,000 --> 00:00:02,500\nHello there\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n";

    @Inject
    ArtifactStore store;

    @Test
    void anSrtSentWithTheVideoIsStoredNormalizedBesideItAndNamedInTheJob() {
        String jobId = given()
                .multiPart("captions", "talk.srt", SRT.getBytes(StandardCharsets.UTF_8), "application/x-subrip")
                .multiPart("caption_style", "karaoke")
                .multiPart("file", "talk.mp4", new byte[] {0, 0, 0, 24}, "video/mp4")
                .when().post("/jobs")
                .then().statusCode(202).extract().path("job_id");

        JobRequested job = (JobRequested) TopicClient.find(Topics.CLIP_JOBS, jobId, JobRequested.class).orElseThrow();
        assertThat(job.captions().storageKey()).isEqualTo(ObjectKeys.uploadedCaptions(jobId));
        assertThat(job.captions().style()).isEqualTo(CaptionStyle.KARAOKE);
        Captions stored = ClipflowJson.decodeCaptions(store.getBytes(job.captions().storageKey()));
        assertThat(stored.cues()).containsExactly(new Cue(1, 2.5, "Hello there"), new Cue(3, 4, "Bye"));
    }

    @Test
    void aCaptionsFileThatDoesNotParseIsA422NamingTheLineAndNothingIsKept() {
        List<String> before = StoredUploads.keys(store);
        given()
                .multiPart("file", "talk.mp4", new byte[] {0, 0, 0, 24}, "video/mp4")
                .multiPart("captions", "talk.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nsoon\nbad\n"
                        .getBytes(StandardCharsets.UTF_8), "application/x-subrip")
                .when().post("/jobs")
                .then().statusCode(422)
                .body("error.code", equalTo("invalid_captions"))
                .body("error.field", equalTo("captions"))
                .body("error.message", containsString("line 6"));
        assertThat(StoredUploads.keys(store)).isEqualTo(before);
    }

    @Test
    void captionsLargerThanTheCapAreRefused() {
        given()
                .multiPart("captions", "big.srt", new byte[3 * 1024 * 1024], "application/x-subrip")
                .multiPart("file", "talk.mp4", new byte[] {0, 0, 0, 24}, "video/mp4")
                .when().post("/jobs")
                .then().log().ifValidationFails().statusCode(422).body("error.code", equalTo("captions_too_large"));
    }

    @Test
    void autoCaptionsWithoutASpeechToTextServiceAreRefused() {
        given().contentType("application/json")
                .body("{\"source_url\": \"https://93.184.216.34/talk.mp4\", \"captions\": \"auto\"}")
                .when().post("/jobs")
                .then().statusCode(422).body("error.code", equalTo("transcription_unavailable"))
                .body("error.field", equalTo("captions"));
    }

    @Test
    void aCaptionsUrlFollowsTheSourceUrlRules() {
        given().contentType("application/json")
                .body("{\"source_url\": \"https://93.184.216.34/talk.mp4\", \"captions_url\": \"http://127.0.0.1:1/a.srt\"}")
                .when().post("/jobs")
                .then().statusCode(422).body("error.code", equalTo("forbidden_address"))
                .body("error.field", equalTo("captions_url"));
        given().contentType("application/json")
                .body("{\"source_url\": \"https://93.184.216.34/talk.mp4\", \"caption_style\": \"fancy\"}")
                .when().post("/jobs")
                .then().statusCode(422).body("error.code", equalTo("unknown_caption_style"));
    }
}
