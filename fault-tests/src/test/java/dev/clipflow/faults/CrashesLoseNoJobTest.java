package dev.clipflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clipflow.devstack.SampleVideo;
import dev.clipflow.devstack.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each case kills a part of a running Clipflow with SIGKILL at a bad moment, and checks the outcome its user sees:
 * the job they were answered 202 for ends once, with each clip stored once, and the gallery lists each clip once.
 * The cases share one stack in S3 mode (starting it costs a minute on two cores) and each leaves it whole.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashesLoseNoJobTest {

    private static FaultStack stack;
    private static Jobs jobs;
    /** The clip-worker process the cases kill: the first one, until a case leaves the second one as the live one. */
    private static String worker = "clip-worker-1";
    /** The uploader's ordered consumer of {@code clip-events} (its application.properties). */
    private static final String UPLOADER_GROUP = "uploader-worker";

    @BeforeAll
    static void startStack() throws Exception {
        stack = FaultStack.start(true);
        Path source = SampleVideo.builder().seconds(20).size(640, 360).fps(30).build()
                .writeTo(stack.scratch().resolve("talk.mp4"));
        jobs = new Jobs(stack, source);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aGatewayKilledRightAfterA202AnswersTheJobsRealStatusAsSoonAsItIsReady() throws Exception {
        String jobId = jobs.submitQuick("Gateway killed");
        stack.kill("api-gateway");

        stack.restart("api-gateway");
        Http.Reply first = jobs.status(jobId);

        assertThat(first.status()).as("the first answer after ready: " + first.body()).isEqualTo(200);
        assertThat(first.body().get("status").asText()).isIn("queued", "processing", "completed");
        jobs.assertCompletedExactlyOnce(jobId);
    }

    @Test
    @Order(2)
    void aWorkerKilledMidRenderAndRestartedResumesTheJobAtOnce() throws Exception {
        String jobId = jobs.submit("Worker restarted");
        jobs.awaitRendering(jobId);
        stack.kill(worker);

        Instant restarted = Instant.now();
        stack.restart(worker);
        Instant ready = Instant.now();
        jobs.assertCompletedExactlyOnce(jobId);

        List<ClipEventsOnKafka.Start> starts = ClipEventsOnKafka.startsOf(stack.broker().bootstrapServers(), jobId);
        assertThat(starts).hasSize(2);
        figure("takeover, worker restarted (process start -> job started again)", Duration.between(restarted, starts.get(1).at()));
        Duration afterReady = Duration.between(ready, starts.get(1).at());
        figure("takeover, worker restarted (worker ready -> job started again)", afterReady);
        assertThat(afterReady).as("static membership: no wait for the dead member's session").isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @Order(3)
    void aWorkerKilledMidRenderForGoodHandsTheJobToTheLiveOne() throws Exception {
        stack.launch("clip-worker", "clip-worker-2").awaitReady(FaultStack.READY);
        String jobId = jobs.submit("Worker lost");
        jobs.awaitRendering(jobId);
        List<ClipEventsOnKafka.Start> before = ClipEventsOnKafka.startsOf(stack.broker().bootstrapServers(), jobId);
        String rendering = before.get(0).worker();
        String survivor = rendering.equals("clip-worker-1") ? "clip-worker-2" : "clip-worker-1";

        Instant killed = Instant.now();
        stack.kill(rendering);
        jobs.assertCompletedExactlyOnce(jobId);

        List<ClipEventsOnKafka.Start> starts = ClipEventsOnKafka.startsOf(stack.broker().bootstrapServers(), jobId);
        assertThat(starts).extracting(ClipEventsOnKafka.Start::worker).containsExactly(rendering, survivor);
        Duration takeover = Duration.between(killed, starts.get(1).at());
        figure("takeover, worker dead for good (kill -> job started on the live worker)", takeover);
        // The 10 s session timeout, the rebalance, the live worker's first fetch (at most 1 s) and its look at the job's
        // earlier starts; the last parts grow on a loaded machine.
        assertThat(takeover).as("session timeout 10 s, then a rebalance").isLessThan(Duration.ofSeconds(30));
        // The survivor goes on as the only worker. Swapping it back for the first one would leave the next case's
        // job unassigned until the group gave up on the survivor's session.
        worker = survivor;
    }

    @Test
    @Order(4)
    void anUploaderKilledRightAfterAJobsDeletionStillDeletesWhatTheStorePublishedOfItLate() throws Exception {
        String jobId = jobs.submitQuick("Deleted, then uploader killed");
        jobs.assertCompletedExactlyOnce(jobId);
        String object = stack.stored(jobId).get(0);
        Http.Reply deleted = Http.delete(stack.gatewayUrl() + "/jobs/" + jobId);
        assertThat(deleted.status()).as(stack.logs()).isEqualTo(202);
        stack.waitFor("job " + jobId + " deleted from the store", Duration.ofSeconds(30), () -> stack.stored(jobId),
                List::isEmpty);

        // Killed once the deletion is committed (a restart does not delete the job again) and before the sweeps of
        // the next minute; then the store publishes a put of the job that the cancellation had stopped.
        stack.waitFor("the uploader's commit of the deletion", Duration.ofSeconds(30),
                () -> ClipEventsOnKafka.committedToTheEnd(stack.broker().bootstrapServers(), UPLOADER_GROUP), done -> done);
        stack.kill("uploader-worker");
        stack.storeUnderJob(jobId, object, new byte[] {0, 0, 0, 24});
        stack.restart("uploader-worker");

        stack.waitFor("the late object of deleted job " + jobId + " deleted", Duration.ofSeconds(30),
                () -> stack.stored(jobId), List::isEmpty);
    }

    @Test
    @Order(5)
    void aBrokerKilledMidRenderLosesNoJobAndSubmissionsMeanwhileAreToldToRetry() throws Exception {
        String jobId = jobs.submit("Broker killed");
        jobs.awaitRendering(jobId);
        stack.broker().kill();

        try {
            Instant asked = Instant.now();
            Http.Reply during = jobs.postSourceUrl("During the outage");
            Duration answered = Duration.between(asked, Instant.now());
            figure("submission while the broker is down: 503 answered after", answered);
            assertThat(during.status()).as("never a 202 that could be lost").isEqualTo(503);
            assertThat(during.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(answered).isLessThan(Duration.ofSeconds(15));
        } finally {
            stack.broker().start();
        }
        jobs.assertCompletedExactlyOnce(jobId);
    }

    @Test
    @Order(6)
    void aGalleryKilledIsAnsweredWith503JsonAndRebuildsItsIndexOnRestart() throws Exception {
        String jobId = jobs.submitQuick("Gallery killed");
        jobs.awaitSettled(jobId);
        stack.kill("gallery-service");

        Http.Reply down = Http.get(stack.gatewayUrl() + "/gallery?limit=50");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().at("/error/code").asText()).isEqualTo("gallery_unavailable");

        stack.restart("gallery-service");
        jobs.assertCompletedExactlyOnce(jobId);
    }

    @Test
    @Order(7)
    void anS3ServerFrozenForTwentySecondsDuringAnUploadStoresEachClipOnce() throws Exception {
        String jobId = jobs.submit("S3 frozen");
        jobs.awaitRendering(jobId);
        Instant frozen = Instant.now();
        stack.freezeS3();
        try {
            // Rendered while the store hangs: the uploader's requests wait on it.
            jobs.await(jobId, s -> "completed".equals(s.get("status").asText()), Duration.ofMinutes(3));
            Thread.sleep(Math.max(0, Duration.ofSeconds(20).minus(Duration.between(frozen, Instant.now())).toMillis()));
        } finally {
            stack.thawS3();
        }
        jobs.assertCompletedExactlyOnce(jobId);
    }

    @Test
    @Order(8)
    void anUploaderKilledMidUploadInS3ModeStoresEachClipOnceAfterItsRestart() throws Exception {
        String jobId = jobs.submit("Uploader killed");
        jobs.awaitRendering(jobId);
        // The store hangs, so the upload that starts once the job is rendered is caught in flight.
        stack.freezeS3();
        try {
            jobs.await(jobId, s -> "completed".equals(s.get("status").asText()), Duration.ofMinutes(3));
            Thread.sleep(2000);
            assertThat(jobs.status(jobId).body().at("/backup/status").asText()).isEqualTo("pending");
            stack.kill("uploader-worker");
        } finally {
            stack.thawS3();
        }
        stack.restart("uploader-worker");
        jobs.assertCompletedExactlyOnce(jobId);
    }

    // Last: its three restarts of the worker leave the group the longest to settle.
    @Test
    @Order(9)
    void aJobThatKillsItsWorkerThreeTimesFailsWithWorkerCrashedAndTheNextJobStillCompletes() throws Exception {
        String poison = jobs.submit("Poison");
        for (int crash = 1; crash <= 3; crash++) {
            int expectedStarts = crash;
            awaitStarts(poison, expectedStarts);
            stack.kill(worker);
            stack.restart(worker);
        }
        String next = jobs.submitQuick("After the poison");

        JsonNode failed = jobs.awaitSettled(poison);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/error/code").asText()).as(failed.toString()).isEqualTo("worker_crashed");
        assertThat(failed.at("/error/message").asText()).contains("3 times");
        assertThat(ClipEventsOnKafka.startsOf(stack.broker().bootstrapServers(), poison)).hasSize(3);
        jobs.assertCompletedExactlyOnce(next);
    }

    private static void awaitStarts(String jobId, int count) {
        stack.waitFor("start " + count + " of job " + jobId, Duration.ofMinutes(3),
                () -> ClipEventsOnKafka.startsOf(stack.broker().bootstrapServers(), jobId), starts -> starts.size() >= count);
    }

    /** A measured figure, in the test's output and in target/fault-figures.txt. */
    private static void figure(String what, Duration value) throws Exception {
        String line = String.format("%s: %.1f s%n", what, value.toMillis() / 1000.0);
        System.out.print("FIGURE " + line);
        Files.writeString(Path.of("target", "fault-figures.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
