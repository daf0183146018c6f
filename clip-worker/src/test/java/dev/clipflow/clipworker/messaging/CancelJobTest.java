package dev.clipflow.clipworker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobProgress;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.RequestedClip;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.devstack.S3TestResource;
import dev.clipflow.devstack.SampleVideo;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Cancellations on the real broker stop the real ffmpeg of a job being rendered, and skip a queued job. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = S3TestResource.class, restrictToAnnotatedClass = false)
class CancelJobTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Predicate<ClipflowEvent> STOPPED_BY_WORKER =
            e -> e instanceof JobCancelled c && !JobCancelled.BY_API.equals(c.by());

    @Inject
    ArtifactStore store;
    @ConfigProperty(name = "clipflow.work-dir")
    Path workDir;

    @Test
    void aCancelledJobsFfmpegStopsWithinTwoSecondsAQueuedCancelledJobIsNeverRenderedAndTheNextJobStartsAtOnce()
            throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "cancel-test");
        Path longSource = SampleVideo.builder().seconds(40).size(1280, 720).fps(30).build().writeTo(dir.resolve("long.mp4"));
        try (EventLog log = new EventLog(KafkaTestResource.companion())) {
            JobRequested rendering = uploadedJob("Long talk", longSource, OutputFormat.VERTICAL,
                    List.of(RequestedClip.of(0, 13), RequestedClip.of(13, 26), RequestedClip.of(26, 39)));
            JobRequested queued = uploadedJob("Never rendered", longSource, OutputFormat.ORIGINAL, List.of(RequestedClip.of(0, 1)));
            JobRequested next = uploadedJob("Next one", longSource, OutputFormat.ORIGINAL, List.of(RequestedClip.of(1, 2)));

            log.send(rendering);
            log.await(rendering.jobId(), e -> e instanceof JobProgress p && p.percent() > 0, 1, WAIT);
            assertThat(ffmpegProcesses()).isPositive();
            log.send(queued);
            log.send(next);
            log.cancel(queued.jobId());
            Thread.sleep(1000); // the worker has read it long before it reaches the queued job

            long cancelledAt = System.nanoTime();
            log.cancel(rendering.jobId());
            await("every ffmpeg stopped").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> ffmpegProcesses() == 0);
            Duration toStop = Duration.ofNanos(System.nanoTime() - cancelledAt);
            assertThat(toStop).isLessThan(Duration.ofSeconds(2));

            log.await(rendering.jobId(), STOPPED_BY_WORKER, 1, Duration.ofSeconds(10));
            List<ClipflowEvent> nextEvents = log.await(next.jobId(), JobRendered.class::isInstance, 1, WAIT);
            assertThat(nextEvents.get(0)).isInstanceOf(JobStarted.class);
            Duration nextStartedAfterCancel = Duration.between(
                    log.of(rendering.jobId()).stream().filter(STOPPED_BY_WORKER).findFirst().orElseThrow().at(),
                    nextEvents.get(0).at());
            assertThat(nextStartedAfterCancel).isLessThan(Duration.ofSeconds(3));

            log.await(queued.jobId(), STOPPED_BY_WORKER, 1, WAIT);
            assertThat(log.of(queued.jobId())).noneMatch(e -> e instanceof JobStarted || e instanceof JobRendered
                    || e instanceof JobFailed);
            assertThat(log.of(rendering.jobId())).noneMatch(e -> e instanceof JobRendered || e instanceof JobFailed);
            assertThat(workDir.resolve(rendering.jobId())).doesNotExist();
            assertThat(workDir.resolve(queued.jobId())).doesNotExist();
            System.out.printf("cancel -> last ffmpeg gone: %d ms; worker's JobCancelled -> next JobStarted: %d ms%n",
                    toStop.toMillis(), nextStartedAfterCancel.toMillis());
        }
    }

    /** ffmpeg and ffprobe processes started by this JVM (the worker under test runs in it). */
    private static long ffmpegProcesses() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("ffmpeg") || c.contains("ffprobe")).orElse(false))
                .count();
    }

    private JobRequested uploadedJob(String title, Path file, OutputFormat format, List<RequestedClip> ranges) {
        String jobId = JobId.newId();
        String key = ObjectKeys.uploadedSource(jobId, "mp4");
        store.put(key, file, PutOptions.of("video/mp4"));
        return new JobRequested(1, jobId, Instant.now(), title, JobSource.uploaded(key, "talk.mp4", 1),
                ranges, null, format, FrameLayout.BLUR, null);
    }
}
