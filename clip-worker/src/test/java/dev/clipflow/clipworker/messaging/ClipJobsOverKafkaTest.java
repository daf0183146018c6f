package dev.clipflow.clipworker.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import com.sun.net.httpserver.HttpServer;
import dev.clipflow.clipworker.TestMedia;
import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.render.JobRenderer;
import dev.clipflow.clipworker.render.JobWorkspace;
import dev.clipflow.clipworker.selection.ExplicitRangeSelector;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.ClipsRequested;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobProgress;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.RequestedClip;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.metadata.JobMetadata;
import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.devstack.S3TestResource;
import dev.clipflow.devstack.SampleVideo;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = S3TestResource.class, restrictToAnnotatedClass = false)
class ClipJobsOverKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static EventLog log;
    private static Path source;

    @Inject
    ArtifactStore store;
    @Inject
    JobRenderer renderer;
    @Inject
    MediaProber prober;
    @ConfigProperty(name = "clipflow.work-dir")
    Path workDir;

    @BeforeEach
    void connect() throws Exception {
        if (log == null) {
            log = new EventLog(KafkaTestResource.companion());
            Path dir = Files.createTempDirectory("clip-worker-it");
            source = SampleVideo.builder().seconds(8).size(640, 360).fps(30).build().writeTo(dir.resolve("source.mp4"));
        }
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (log != null) {
            log.close();
            log = null;
        }
    }

    @Test
    void anUploadedVideoIsRenderedWithItsEventsInOrderAndARedeliveryRendersNothingNew() throws Exception {
        JobRequested job = uploadedJob("Kafka talk", List.of(RequestedClip.of(0.5, 2.0), RequestedClip.of(3, 4), RequestedClip.of(6, 7.5)),
                OutputFormat.ORIGINAL);

        log.send(job);
        List<ClipflowEvent> events = log.await(job.jobId(), JobRendered.class::isInstance, 1, WAIT);

        assertThat(events.get(0)).isInstanceOf(JobStarted.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(JobRendered.class);
        List<Integer> percents = events.stream().filter(JobProgress.class::isInstance)
                .map(e -> ((JobProgress) e).percent()).toList();
        assertThat(percents).isNotEmpty().isSorted().last().isEqualTo(100);
        JobRendered rendered = (JobRendered) events.get(events.size() - 1);
        assertThat(rendered.clips()).hasSize(3);
        assertThat(rendered.artifacts()).hasSize(7);
        Path dir = workDir.resolve(job.jobId());
        for (JobRendered.RenderedArtifact artifact : rendered.artifacts()) {
            assertThat(JobWorkspace.sha256(dir.resolve(artifact.file()))).isEqualTo(artifact.sha256());
            assertThat(Files.size(dir.resolve(artifact.file()))).isEqualTo(artifact.sizeBytes());
        }
        var clipTime = Files.getLastModifiedTime(dir.resolve("Kafka_talk_clip_1.mp4"));

        log.send(job);
        List<ClipflowEvent> again = log.await(job.jobId(), JobRendered.class::isInstance, 2, WAIT);

        assertThat(again.stream().filter(JobStarted.class::isInstance)).hasSize(1);
        JobRendered second = (JobRendered) again.get(again.size() - 1);
        assertThat(second.artifacts()).isEqualTo(rendered.artifacts());
        assertThat(Files.getLastModifiedTime(dir.resolve("Kafka_talk_clip_1.mp4"))).isEqualTo(clipTime);
        assertThat(fileNames(dir)).hasSize(7);
    }

    @Test
    void aRecutAddsClipsNumberedAfterTheJobsOwnToItsMetadataAndARedeliveredRecutRendersNothingTwice() throws Exception {
        JobRequested job = uploadedJob("Recut talk", List.of(RequestedClip.of(0.5, 2.0), RequestedClip.of(3, 4)), OutputFormat.ORIGINAL);
        log.send(job);
        JobRendered own = lastRendered(log.await(job.jobId(), JobRendered.class::isInstance, 1, WAIT));
        storeAsTheUploader(own);
        Path dir = workDir.resolve(job.jobId());

        ClipsRequested first = recut(job, RequestedClip.of(5, 6), RequestedClip.of(6.5, 7.5));
        log.send(first);
        JobRendered added = rendered(job, first);

        assertThat(added.clips()).extracting(JobRendered.RenderedClip::file)
                .containsExactly("Recut_talk_clip_3.mp4", "Recut_talk_clip_4.mp4");
        assertThat(added.clips()).extracting(JobRendered.RenderedClip::number).containsExactly(3, 4);
        assertThat(added.clips()).extracting(JobRendered.RenderedClip::title).containsExactly("Recut talk #3", "Recut talk #4");
        assertThat(added.artifacts()).extracting(JobRendered.RenderedArtifact::file).containsExactlyInAnyOrder(
                "Recut_talk_clip_3.mp4", "Recut_talk_clip_3.jpg", "Recut_talk_clip_4.mp4", "Recut_talk_clip_4.jpg",
                "Recut_talk_metadata.json");
        JobMetadata merged = ClipflowJson.decodeMetadata(Files.readAllBytes(dir.resolve("Recut_talk_metadata.json")));
        assertThat(merged.shorts()).extracting(JobMetadata.MetadataClip::start).containsExactly(0.5, 3.0, 5.0, 6.5);
        assertThat(merged.shorts()).extracting(JobMetadata.MetadataClip::file).containsExactly("Recut_talk_clip_1.mp4",
                "Recut_talk_clip_2.mp4", "Recut_talk_clip_3.mp4", "Recut_talk_clip_4.mp4");

        // The first recut is delivered again (a worker died before its offset was committed), then a second recut
        // arrives while the first one's clips are still being uploaded: it waits for them and numbers after them.
        ClipsRequested second = recut(job, RequestedClip.of(1, 2));
        log.send(first);
        log.send(second);
        Thread.sleep(1000);
        storeAsTheUploader(added);
        JobRendered next = rendered(job, second);

        assertThat(next.clips()).extracting(JobRendered.RenderedClip::file).containsExactly("Recut_talk_clip_5.mp4");
        assertThat(log.of(job.jobId()).stream().filter(e -> e instanceof JobRendered r && first.recutId().equals(r.recutId())))
                .as("the redelivered recut is not rendered again").hasSize(1);
        assertThat(ClipflowJson.decodeMetadata(Files.readAllBytes(dir.resolve("Recut_talk_metadata.json"))).shorts())
                .hasSize(5);

        storeAsTheUploader(next);
        ClipsRequested late = recut(job, RequestedClip.of(7, 12));
        log.send(late);
        JobFailed failed = (JobFailed) log.await(job.jobId(), e -> e instanceof JobFailed f && late.recutId().equals(f.recutId()),
                1, WAIT).stream().filter(JobFailed.class::isInstance).findFirst().orElseThrow();
        assertThat(failed.code()).isEqualTo(FailureCode.RANGE_OUT_OF_BOUNDS);
        assertThat(failed.message()).contains("7.000-12.000");
        assertThat(fileNames(dir)).as("a failed recut leaves the job's clips as they were").hasSize(11);
    }

    private JobRendered rendered(JobRequested job, ClipsRequested recut) {
        return (JobRendered) log.await(job.jobId(), e -> e instanceof JobRendered r && recut.recutId().equals(r.recutId()), 1, WAIT)
                .stream().filter(e -> e instanceof JobRendered r && recut.recutId().equals(r.recutId())).findFirst().orElseThrow();
    }

    private static JobRendered lastRendered(List<ClipflowEvent> events) {
        return (JobRendered) events.stream().filter(JobRendered.class::isInstance).reduce((a, b) -> b).orElseThrow();
    }

    private static ClipsRequested recut(JobRequested job, RequestedClip... ranges) {
        return new ClipsRequested(1, job.jobId(), Instant.now(), JobId.newId(), job.source(), List.of(ranges), null,
                FrameLayout.BLUR, null);
    }

    /** What the uploader does with a rendered job: its files, the metadata last, under {@code {job_id}/}. */
    private void storeAsTheUploader(JobRendered rendered) {
        Path dir = workDir.resolve(rendered.jobId());
        List<JobRendered.RenderedArtifact> metadataLast = rendered.artifacts().stream()
                .sorted((a, b) -> Boolean.compare(a.kind() == ArtifactKind.METADATA, b.kind() == ArtifactKind.METADATA))
                .toList();
        for (JobRendered.RenderedArtifact artifact : metadataLast) {
            store.put(ObjectKeys.jobObject(rendered.jobId(), artifact.file()), dir.resolve(artifact.file()),
                    PutOptions.of(artifact.kind().contentType()));
        }
    }

    @Test
    void eachBadInputEndsTheJobWithItsReasonCode() throws Exception {
        String marker = "SECRET-MARKER-" + JobId.newId();
        Path secret = Files.writeString(Files.createTempFile("secret", ".txt"), marker);
        Path playlist = Files.writeString(Files.createTempFile("playlist", ".mp4"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile://" + secret + "\n#EXT-X-ENDLIST\n");
        Path garbage = Files.writeString(Files.createTempFile("garbage", ".mp4"), "not a video");
        Path audioOnly = Files.createTempFile("audio", ".mp4");
        Files.delete(audioOnly);
        new ProcessBuilder(TestMedia.FFMPEG.ffmpeg().toString(), "-v", "error", "-f", "lavfi", "-i", "sine=duration=1",
                "-c:a", "aac", audioOnly.toString()).start().waitFor();

        JobRequested hls = uploadedJob("hls", List.of(RequestedClip.of(0, 1)), OutputFormat.VERTICAL, playlist);
        JobRequested noVideo = uploadedJob("audio", List.of(RequestedClip.of(0, 0.5)), OutputFormat.VERTICAL, audioOnly);
        JobRequested corrupt = uploadedJob("garbage", List.of(RequestedClip.of(0, 1)), OutputFormat.VERTICAL, garbage);
        JobRequested pastTheEnd = uploadedJob("late", List.of(RequestedClip.of(1, 2), RequestedClip.of(7, 12)), OutputFormat.VERTICAL);
        for (JobRequested job : List.of(hls, noVideo, corrupt, pastTheEnd)) {
            log.send(job);
        }

        assertThat(failureOf(hls).code()).isEqualTo(FailureCode.UNSUPPORTED_FORMAT);
        assertThat(failureOf(noVideo).code()).isEqualTo(FailureCode.NO_VIDEO_STREAM);
        assertThat(failureOf(corrupt).code()).isEqualTo(FailureCode.CORRUPT_INPUT);
        assertThat(failureOf(pastTheEnd).code()).isEqualTo(FailureCode.RANGE_OUT_OF_BOUNDS);
        assertThat(failureOf(pastTheEnd).message()).contains("clip 2").contains("7.000-12.000");
        for (JobFailed failed : List.of(failureOf(hls), failureOf(noVideo), failureOf(corrupt))) {
            assertThat(failed.retryable()).isFalse();
        }
        for (ClipflowEvent event : log.of(hls.jobId())) {
            assertThat(new String(ClipflowJson.encodeEvent(event), StandardCharsets.UTF_8)).doesNotContain(marker);
        }
        for (JobRequested failed : List.of(hls, noVideo, corrupt, pastTheEnd)) {
            assertThat(workDir.resolve(failed.jobId())).as("nothing of a failed job stays on disk").doesNotExist();
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("clipflow_clip_jobs_total{code=\"unsupported_format\",outcome=\"failed\"}"));
        try (Stream<Path> all = Files.walk(workDir)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(marker);
            }
        }
    }

    @Test
    void aJobWithoutRangesGetsItsClipChosenAutomatically() throws Exception {
        JobRequested job = uploadedJob("auto", List.of(), OutputFormat.ORIGINAL);
        log.send(job);

        List<ClipflowEvent> events = log.await(job.jobId(), e -> e instanceof JobRendered || e instanceof JobFailed, 1, WAIT);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(JobRendered.class, rendered ->
                // The test source is shorter than clip_min_seconds (15 s): one clip of the whole video.
                assertThat(rendered.clips()).singleElement().satisfies(clip -> assertThat(clip.duration()).isGreaterThan(5)));
    }

    @Test
    void aSourceUrlIsDownloadedThroughItsRedirects() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/watch", exchange -> {
            exchange.getResponseHeaders().add("Location", "/files/video.mp4");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/files/video.mp4", exchange -> {
            exchange.sendResponseHeaders(200, Files.size(source));
            try (var out = exchange.getResponseBody()) {
                Files.copy(source, out);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/watch";
            JobRequested job = new JobRequested(1, JobId.newId(), Instant.now(), "From a URL", JobSource.url(url),
                    List.of(RequestedClip.of(1, 2)), null, OutputFormat.ORIGINAL, FrameLayout.BLUR, null);

            log.send(job);
            List<ClipflowEvent> events = log.await(job.jobId(),
                    e -> e instanceof JobRendered || e instanceof JobFailed, 1, WAIT);

            assertThat(events.get(events.size() - 1)).isInstanceOf(JobRendered.class);
            assertThat(fileNames(workDir.resolve(job.jobId()))).containsExactly(
                    "From_a_URL_clip_1.jpg", "From_a_URL_clip_1.mp4", "From_a_URL_metadata.json");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aJobLeftHalfDoneByAStoppedWorkerIsCompletedWithOneSetOfArtifacts() throws Exception {
        List<RequestedClip> ranges = List.of(RequestedClip.of(0, 1), RequestedClip.of(2, 3.5), RequestedClip.of(5, 6));
        JobRequested job = uploadedJob("Crash", ranges, OutputFormat.ORIGINAL);
        // The stopped worker finished clip 1, was killed writing clip 2, and never wrote the metadata.
        JobWorkspace ws = new JobWorkspace(workDir, job.jobId(), job.title());
        ws.create();
        Path copy = Files.copy(source, ws.source("mp4"));
        var media = prober.probe(copy);
        JobRequested firstOnly = uploadedJob("Crash", ranges.subList(0, 1), OutputFormat.ORIGINAL);
        renderer.render(job, ws, copy, media, new ExplicitRangeSelector().select(firstOnly, copy, media), p -> { });
        Files.delete(ws.metadata());
        String firstClipSha = JobWorkspace.sha256(ws.clip(1));
        Files.write(ws.temporaryFor(ws.clip(2)), new byte[4096]);

        log.send(job);
        List<ClipflowEvent> events = log.await(job.jobId(), JobRendered.class::isInstance, 1, WAIT);

        Thread.sleep(500);
        assertThat(log.of(job.jobId()).stream().filter(JobRendered.class::isInstance)).hasSize(1);
        assertThat(fileNames(ws.dir())).containsExactly("Crash_clip_1.jpg", "Crash_clip_1.mp4", "Crash_clip_2.jpg",
                "Crash_clip_2.mp4", "Crash_clip_3.jpg", "Crash_clip_3.mp4", "Crash_metadata.json");
        assertThat(JobWorkspace.sha256(ws.clip(1))).isEqualTo(firstClipSha);
        assertThat(((JobRendered) events.get(events.size() - 1)).clips()).hasSize(3);
    }

    @Test
    void aJobStartedThreeTimesByWorkersThatDiedFailsWithWorkerCrashedAndTheNextJobIsRendered() throws Exception {
        JobRequested poison = uploadedJob("Poison", List.of(RequestedClip.of(0, 1)), OutputFormat.ORIGINAL);
        // Three workers took the job, wrote its JobStarted, and died before its outcome.
        for (int worker = 1; worker <= 3; worker++) {
            log.sendAsWorker(JobStarted.now(poison.jobId(), "clip-worker-" + worker));
        }
        JobRequested next = uploadedJob("After poison", List.of(RequestedClip.of(0, 1)), OutputFormat.ORIGINAL);

        log.send(poison);
        log.send(next);
        List<ClipflowEvent> events = log.await(poison.jobId(), JobFailed.class::isInstance, 1, WAIT);

        JobFailed failed = (JobFailed) events.get(events.size() - 1);
        assertThat(failed.code()).isEqualTo(FailureCode.WORKER_CRASHED);
        assertThat(failed.message()).contains("started 3 times");
        assertThat(events.stream().filter(JobStarted.class::isInstance)).as("not started a fourth time").hasSize(3);
        assertThat(workDir.resolve(poison.jobId())).doesNotExist();
        assertThat(log.await(next.jobId(), JobRendered.class::isInstance, 1, WAIT)).isNotEmpty();
    }

    @Test
    void aJobStartedTwiceBeforeIsStartedOnceMore() throws Exception {
        JobRequested job = uploadedJob("Twice", List.of(RequestedClip.of(0, 1)), OutputFormat.ORIGINAL);
        log.sendAsWorker(JobStarted.now(job.jobId(), "clip-worker-1"));
        log.sendAsWorker(JobStarted.now(job.jobId(), "clip-worker-2"));

        log.send(job);

        assertThat(log.await(job.jobId(), JobRendered.class::isInstance, 1, WAIT)
                .stream().filter(JobStarted.class::isInstance)).hasSize(3);
    }

    @Test
    void storageThatStaysDownSendsTheJobToTheDeadLetterTopicAndTheWorkerCarriesOn() throws Exception {
        JobRequested job = uploadedJob("Storage down", List.of(RequestedClip.of(0, 1)), OutputFormat.ORIGINAL);
        S3TestResource.server().stop();
        try {
            log.send(job);
            JobFailed failed = failureOf(job);
            assertThat(failed.code()).isEqualTo(FailureCode.STORAGE_UNAVAILABLE);
            assertThat(failed.retryable()).isTrue();
            await("the job is parked").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> !log.deadLettersOf(job.jobId()).isEmpty());
            assertThat(log.deadLettersOf(job.jobId())).hasSize(1);
        } finally {
            S3TestResource.server().restart();
        }
        JobRequested next = uploadedJob("After the outage", List.of(RequestedClip.of(0, 0.5)), OutputFormat.ORIGINAL);
        log.send(next);
        assertThat(log.await(next.jobId(), e -> e instanceof JobRendered || e instanceof JobFailed, 1, WAIT))
                .last().isInstanceOf(JobRendered.class);
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheNextJobIsStillTaken() throws Exception {
        String key = JobId.newId();
        log.sendRaw(key, "{\"type\":\"JobRequested\",\"job_id\":".getBytes(StandardCharsets.UTF_8));
        JobRequested next = uploadedJob("after poison", List.of(), OutputFormat.ORIGINAL);
        log.send(next);

        assertThat(log.await(next.jobId(), e -> e instanceof JobRendered || e instanceof JobFailed, 1, WAIT))
                .last().isInstanceOf(JobRendered.class);
        await("the record is parked").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> !log.deadLettersOf(key).isEmpty());
        assertThat(log.deadLettersOf(key)).hasSize(1);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void readinessCoversKafkaAndStorage() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("artifact-store", "SmallRye Reactive Messaging - readiness check"));
    }

    private JobFailed failureOf(JobRequested job) {
        List<ClipflowEvent> events = log.await(job.jobId(), JobFailed.class::isInstance, 1, WAIT);
        return (JobFailed) events.stream().filter(JobFailed.class::isInstance).findFirst().orElseThrow();
    }

    private JobRequested uploadedJob(String title, List<RequestedClip> ranges, OutputFormat format) {
        return uploadedJob(title, ranges, format, source);
    }

    private JobRequested uploadedJob(String title, List<RequestedClip> ranges, OutputFormat format, Path file) {
        String jobId = JobId.newId();
        String key = ObjectKeys.uploadedSource(jobId, "mp4");
        if (S3TestResource.server().isRunning()) {
            store.put(key, file, PutOptions.of("video/mp4"));
        }
        return new JobRequested(1, jobId, Instant.now(), title, JobSource.uploaded(key, "talk.mp4", 1),
                ranges, null, format, FrameLayout.BLUR, null);
    }

    private static List<String> fileNames(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
