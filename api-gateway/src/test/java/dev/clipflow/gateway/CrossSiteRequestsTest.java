package dev.clipflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.JobRequested;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A browser may call the API only from the gateway's own pages: a page of another site that a user of Clipflow
 * visits cannot submit jobs in their name, while the web UI can, whether the gateway is reached directly or through
 * an ingress that terminates TLS.
 */
@QuarkusTest
class CrossSiteRequestsTest {

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void aFormThatAnotherSitePostsToTheGatewayIsRefusedAndSubmitsNothing() {
        String title = "Posted from another site";

        submit(title).header("Origin", "https://attacker.example").post("/jobs").then().statusCode(403);

        assertThat(submittedTitles()).doesNotContain(title);
    }

    @Test
    void theGatewaysOwnPagesSubmitWhetherReachedDirectlyOrBehindAnIngressThatTerminatesTls() {
        String own = "http://" + gateway.getHost() + ":" + gateway.getPort();
        submit("From the web UI").header("Origin", own).post("/jobs").then().statusCode(202);

        submit("From the web UI behind an ingress").header("Origin", "https://clipflow.example.com")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "clipflow.example.com")
                .post("/jobs").then().statusCode(202);
    }

    private static RequestSpecification submit(String title) {
        return given().multiPart("title", title).multiPart("clips", "[{\"start\": 1, \"end\": 2}]")
                .multiPart("file", "talk.mp4", SubmitJobTest.randomBytes(10_000), "video/mp4");
    }

    private static List<String> submittedTitles() {
        return TopicClient.readAll(Topics.CLIP_JOBS).stream().map(ConsumerRecord::value)
                .filter(JobRequested.class::isInstance).map(job -> ((JobRequested) job).title()).toList();
    }
}
