package dev.clipflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.clipflow.devstack.KafkaBroker;
import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.store.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KafkaOutageTest {

    @Inject
    ArtifactStore store;

    @Test
    void withTheBrokerDownAnUploadIs503AndLeavesNothingInStorageAndACancellationIs503Too() {
        String accepted = given().multiPart("file", "talk.mp4", SubmitJobTest.randomBytes(4096), "video/mp4")
                .when().post("/jobs").then().statusCode(202).extract().path("job_id");
        List<String> before = StoredUploads.keys(store);
        KafkaBroker broker = KafkaTestResource.broker();
        broker.stop();
        try {
            given().multiPart("file", "talk.mp4", SubmitJobTest.randomBytes(512 * 1024), "video/mp4")
                    .when().post("/jobs")
                    .then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("error.code", equalTo("queue_unavailable"))
                    .body("error.message", containsString("nothing was kept"));
            assertThat(StoredUploads.keys(store)).isEqualTo(before);
            given().delete("/jobs/" + accepted).then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("error.code", equalTo("queue_unavailable"))
                    .body("error.message", containsString("not cancelled"));
        } finally {
            broker.restart();
        }
        // Back up: the next job is accepted again.
        given().multiPart("file", "talk.mp4", SubmitJobTest.randomBytes(4096), "video/mp4")
                .when().post("/jobs").then().statusCode(202);
    }
}
