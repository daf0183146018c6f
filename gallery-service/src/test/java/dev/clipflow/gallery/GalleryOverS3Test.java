package dev.clipflow.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.kafka.EventSerializer;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.metadata.JobMetadata;
import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.devstack.S3TestResource;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.store.PutOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gallery against the devstack S3 server and Kafka broker: 300 jobs written straight into the bucket
 * (one corrupt metadata object, one title full of unicode), then read through the HTTP API.
 */
@QuarkusTest
@QuarkusTestResource(value = S3TestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GalleryOverS3Test {

    static final int JOBS = 300;
    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    static final String UNICODE_TITLE = "Ünïcødé 🎬🔥 日本語のタイトル — \"quotes\" & émojis 👩‍👩‍👧‍👦";
    static final String CLIP_BYTES = "not really an mp4, but the bytes must come back exactly";

    static final List<JobMetadata> written = new ArrayList<>();
    static String corruptKey;
    static final List<LogRecord> warnings = new CopyOnWriteArrayList<>();

    @Inject
    CountingArtifactStore store;

    @BeforeEach
    void writeJobsOnce() {
        if (!written.isEmpty()) {
            return;
        }
        Logger.getLogger("dev.clipflow.gallery").addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        TestJobs.deleteEverything(store);
        List<JobMetadata> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            // jobs 10 and 11 share a created_at: the job id decides their order
            Instant createdAt = BASE.plusSeconds(60L * (i == 11 ? 10 : i));
            String title = i == 42 ? UNICODE_TITLE : "Talk number " + i;
            jobs.add(TestJobs.metadata(JobId.newId(), title, createdAt, 1 + i % 3));
        }
        jobs.parallelStream().forEach(job -> TestJobs.put(store, job));
        written.addAll(jobs);
        corruptKey = ObjectKeys.metadata(JobId.newId(), "Broken job");
        TestJobs.putBytes(store, corruptKey, "{\"job_id\": \"oops\", \"shorts\": [ {\"start\": ".getBytes(StandardCharsets.UTF_8));
        // an uploaded source whose name looks like metadata is not a job
        TestJobs.putBytes(store, "uploads/" + JobId.newId() + "/x_metadata.json", "{}".getBytes(StandardCharsets.UTF_8));
        JobMetadata newest = newestJob();
        String clipKey = ObjectKeys.clip(newest.jobId(), newest.title(), 1);
        byte[] clip = CLIP_BYTES.getBytes(StandardCharsets.UTF_8);
        store.put(clipKey, new ByteArrayInputStream(clip), clip.length, PutOptions.of("video/mp4"));
        refresh();
    }

    static JobMetadata newestJob() {
        return written.stream().max(Comparator.comparing(JobMetadata::createdAt)).orElseThrow();
    }

    static void refresh() {
        given().queryParam("refresh", "true").queryParam("limit", 1).get("/clips").then().statusCode(200);
    }

    /** Every clip of the written jobs in the order the gallery promises. */
    static List<String> expectedOrder() {
        return written.stream()
                .sorted(Comparator.comparing(JobMetadata::createdAt).reversed().thenComparing(JobMetadata::jobId))
                .flatMap(job -> IntStream.rangeClosed(1, job.shorts().size()).mapToObj(n -> job.jobId() + "#" + n))
                .toList();
    }

    static List<String> order(JsonPath page) {
        List<Map<String, Object>> clips = page.getList("clips");
        return clips.stream().map(c -> c.get("job_id") + "#" + c.get("number")).toList();
    }

    static JsonPath page(int limit, int offset) {
        return given().queryParam("limit", limit).queryParam("offset", offset).get("/clips")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void everyJobIsListedNewestFirstWithItsClipsInOrder() {
        JsonPath all = page(500, 0);
        List<String> expected = expectedOrder();
        assertThat(all.getInt("total")).isEqualTo(expected.size());
        JsonPath rest = page(500, 500);
        List<String> actual = new ArrayList<>(order(all));
        actual.addAll(order(rest));
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(all.getBoolean("has_more")).isTrue();
        assertThat(rest.getBoolean("has_more")).isFalse();
    }

    @Test
    @Order(2)
    void aClipCarriesEveryFieldFromItsMetadata() {
        JobMetadata job = written.get(42);
        JsonPath answer = given().get("/jobs/" + job.jobId() + "/clips").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("job_id")).isEqualTo(job.jobId());
        assertThat(answer.getString("title")).isEqualTo(UNICODE_TITLE);
        List<Map<String, Object>> clips = answer.getList("clips");
        assertThat(clips).hasSize(job.shorts().size());
        Map<String, Object> first = clips.get(0);
        JobMetadata.MetadataClip clip = job.shorts().get(0);
        assertThat(first).containsEntry("job_id", job.jobId()).containsEntry("number", 1)
                .containsEntry("title", clip.videoTitleForYoutubeShort())
                .containsEntry("tiktok_desc", clip.videoDescriptionForTiktok())
                .containsEntry("insta_desc", clip.videoDescriptionForInstagram())
                .containsEntry("created_at", job.createdAt().toString())
                .containsEntry("duration", 7.5f);
        assertThat((String) first.get("title")).contains("🎬🔥", "日本語");
        String bucketPath = "/" + S3TestResource.BUCKET + "/" + job.jobId() + "/";
        assertThat((String) first.get("url")).startsWith(S3TestResource.server().endpoint() + bucketPath)
                .contains("X-Amz-Signature=");
        assertThat(URI.create((String) first.get("url")).getPath()).isEqualTo(bucketPath + ObjectKeys.clipFile(UNICODE_TITLE, 1));
        assertThat(URI.create((String) first.get("thumbnail_url")).getPath())
                .isEqualTo(bucketPath + ObjectKeys.thumbnailFile(UNICODE_TITLE, 1));
    }

    @Test
    @Order(3)
    void theCorruptMetadataObjectIsSkippedWithOneWarningNamingIt() {
        refresh();
        refresh();
        List<LogRecord> aboutCorrupt = warnings.stream()
                .filter(r -> String.valueOf(r.getMessage()).contains(corruptKey)
                        || (r.getParameters() != null && List.of(r.getParameters()).toString().contains(corruptKey)))
                .toList();
        assertThat(aboutCorrupt).hasSize(1);
        String jobOfCorrupt = ObjectKeys.jobIdOf(corruptKey).orElseThrow();
        given().get("/jobs/" + jobOfCorrupt + "/clips").then().statusCode(404)
                .body("error.code", equalTo("job_not_found"));
    }

    @Test
    @Order(4)
    void pagesFollowOneAnotherWithoutGapsOrRepeats() {
        List<String> expected = expectedOrder();
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < expected.size(); offset += 50) {
            JsonPath page = page(50, offset);
            assertThat(page.getInt("limit")).isEqualTo(50);
            assertThat(page.getInt("offset")).isEqualTo(offset);
            paged.addAll(order(page));
        }
        assertThat(paged).containsExactlyElementsOf(expected);
        JsonPath beyond = page(50, expected.size() + 10);
        assertThat(beyond.getList("clips")).isEmpty();
        assertThat(beyond.getBoolean("has_more")).isFalse();
        assertThat(given().get("/clips").then().statusCode(200).extract().jsonPath().getList("clips")).hasSize(50);
    }

    @Test
    @Order(5)
    void aLargerLimitAfterASmallerOneGetsTheLargerList() {
        assertThat(page(10, 0).getList("clips")).hasSize(10);
        JsonPath larger = page(200, 0);
        assertThat(larger.getList("clips")).hasSize(200);
        assertThat(order(larger)).containsExactlyElementsOf(expectedOrder().subList(0, 200));
        assertThat(page(100_000, 0).getInt("limit")).isEqualTo(500);
    }

    @Test
    @Order(6)
    void badParametersGetA422NamingTheField() {
        given().queryParam("limit", "abc").get("/clips").then().statusCode(422)
                .body("error.code", equalTo("invalid_parameter")).body("error.field", equalTo("limit"));
        given().queryParam("limit", 0).get("/clips").then().statusCode(422).body("error.field", equalTo("limit"));
        given().queryParam("offset", -1).get("/clips").then().statusCode(422).body("error.field", equalTo("offset"));
        given().queryParam("refresh", "maybe").get("/clips").then().statusCode(422).body("error.field", equalTo("refresh"));
        given().get("/jobs/not-a-job/clips").then().statusCode(422)
                .body("error.code", equalTo("invalid_job_id")).body("error.field", equalTo("job_id"));
        given().get("/jobs/" + JobId.newId() + "/clips").then().statusCode(404).body("error.code", equalTo("job_not_found"));
    }

    @Test
    @Order(7)
    void presignedUrlsFetchTheClipAndAreReusedNotSignedAgain() throws Exception {
        JobMetadata newest = newestJob();
        String url = given().get("/jobs/" + newest.jobId() + "/clips").then().statusCode(200)
                .extract().jsonPath().getString("clips[0].url");
        double signedBefore = metric("clipflow_gallery_urls_signed_total");
        HttpResponse<byte[]> clip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(clip.statusCode()).isEqualTo(200);
        assertThat(new String(clip.body(), StandardCharsets.UTF_8)).isEqualTo(CLIP_BYTES);

        String again = page(1, 0).getString("clips[0].url");
        assertThat(again).isEqualTo(url);
        assertThat(metric("clipflow_gallery_urls_signed_total")).isEqualTo(signedBefore);

        HttpResponse<byte[]> tampered = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url.replace(ObjectKeys.clipFile(newest.title(), 1),
                        ObjectKeys.clipFile(newest.title(), 2)))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tampered.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(8)
    void refreshOfAnUnchangedStoreReadsNothingAndOneChangedJobIsReadOnce() {
        store.resetCounts();
        refresh();
        assertThat(store.lists()).isEqualTo(1);
        assertThat(store.gets()).isZero();

        JobMetadata old = written.get(7);
        JobMetadata changed = TestJobs.metadata(old.jobId(), old.title(), old.createdAt(), 5);
        TestJobs.put(store, changed);
        store.resetCounts();
        refresh();
        assertThat(store.gets()).isEqualTo(1);
        assertThat(given().get("/jobs/" + old.jobId() + "/clips").then().statusCode(200)
                .extract().jsonPath().getList("clips")).hasSize(5);
        written.set(7, changed);

        JobMetadata deleted = written.remove(8);
        store.delete(ObjectKeys.metadata(deleted.jobId(), deleted.title()));
        store.resetCounts();
        refresh();
        assertThat(store.gets()).isZero();
        given().get("/jobs/" + deleted.jobId() + "/clips").then().statusCode(404);
        assertThat(page(1, 0).getInt("total")).isEqualTo(expectedOrder().size());
        assertThat(metric("clipflow_gallery_index_jobs")).isEqualTo(written.size());
    }

    @Test
    @Order(9)
    void anArtifactsStoredEventShowsTheNewJobWithinASecond() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ClipflowEvent> producer = new KafkaProducer<>(props, new StringSerializer(), new EventSerializer());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            // garbage and other event types are ignored, the consumer keeps going
            raw.send(new ProducerRecord<>(Topics.UPLOAD_EVENTS, "x", "not an event".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.UPLOAD_EVENTS, "x", JobStarted.now(JobId.newId(), "w"))).get();

            // the consumer joins its group after start: wait for a first job to show, then time the next one
            JobMetadata warmUp = TestJobs.metadata(JobId.newId(), "Warm up", Instant.now(), 1);
            publishStored(producer, warmUp);
            awaitJob(warmUp.jobId(), Duration.ofSeconds(60));

            // the uploader stores the metadata last, then publishes: the clock starts at the event
            JobMetadata fresh = TestJobs.metadata(JobId.newId(), "Brand new talk", Instant.now(), 2);
            ObjectInfo stored = TestJobs.put(store, fresh);
            long started = System.nanoTime();
            publish(producer, fresh, stored);
            awaitJob(fresh.jobId(), Duration.ofSeconds(5));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("ArtifactsStored -> visible in GET /jobs/{id}/clips: " + took.toMillis() + " ms");
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(order(page(2, 0))).containsExactly(fresh.jobId() + "#1", fresh.jobId() + "#2");

            // a re-delivered event reads nothing again
            store.resetCounts();
            publishStored(producer, fresh);
            publishStored(producer, warmUp);
            JobMetadata marker = TestJobs.metadata(JobId.newId(), "Marker", Instant.now(), 1);
            publishStored(producer, marker);
            awaitJob(marker.jobId(), Duration.ofSeconds(5));
            assertThat(store.gets()).isEqualTo(1);

            // a deleted job: the uploader removed its objects, then announced it
            store.deleteAll(marker.jobId() + "/");
            long deleted = System.nanoTime();
            producer.send(new ProducerRecord<>(Topics.UPLOAD_EVENTS, marker.jobId(),
                    ArtifactsDeleted.now(marker.jobId(), 2))).get();
            awaitGone(marker.jobId(), Duration.ofSeconds(5));
            System.out.println("ArtifactsDeleted -> gone from GET /jobs/{id}/clips: "
                    + Duration.ofNanos(System.nanoTime() - deleted).toMillis() + " ms");
            assertThat(order(page(50, 0))).noneMatch(ref -> ref.startsWith(marker.jobId()));
        }
    }

    @Test
    @Order(10)
    void aDeletedJobStaysGoneWhenItsLastUploadReportOrAnOlderListingArrivesAfterTheDelete() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ClipflowEvent> producer = new KafkaProducer<>(props, new StringSerializer(), new EventSerializer())) {
            JobMetadata job = TestJobs.metadata(JobId.newId(), "Recut then deleted", Instant.now(), 2);
            publishStored(producer, job);
            awaitJob(job.jobId(), Duration.ofSeconds(60));

            // The uploader deletes, then announces it; the gallery handles events concurrently, so the upload report
            // of a recut stored just before may be read after the delete, and a refresh may have listed before it.
            // The objects stay in the bucket here to stand for exactly that stale view.
            producer.send(new ProducerRecord<>(Topics.UPLOAD_EVENTS, job.jobId(), ArtifactsDeleted.now(job.jobId(), 3))).get();
            awaitGone(job.jobId(), Duration.ofSeconds(5));
            publishStored(producer, job);
            JobMetadata marker = TestJobs.metadata(JobId.newId(), "After the late report", Instant.now(), 1);
            ObjectInfo markerStored = TestJobs.put(store, marker);
            ArtifactsStored markerEvent = new ArtifactsStored(ClipflowEvent.CURRENT_VERSION, marker.jobId(), Instant.now(),
                    List.of(new ArtifactsStored.StoredArtifact(markerStored.key(), markerStored.size(), markerStored.etag())),
                    markerStored.key());
            // keyed like the deleted job: on its partition, behind the late report
            producer.send(new ProducerRecord<>(Topics.UPLOAD_EVENTS, job.jobId(), markerEvent)).get();
            awaitJob(marker.jobId(), Duration.ofSeconds(5));
            Thread.sleep(300);
            refresh();

            assertThat(given().get("/jobs/" + job.jobId() + "/clips").statusCode()).isEqualTo(404);
            assertThat(order(page(50, 0))).noneMatch(ref -> ref.startsWith(job.jobId()));
        }
    }

    private static void awaitGone(String jobId, Duration atMost) {
        await("job " + jobId + " gone from the gallery").atMost(atMost).pollInterval(Duration.ofMillis(10))
                .until(() -> given().get("/jobs/" + jobId + "/clips").statusCode() == 404);
    }

    private void publishStored(KafkaProducer<String, ClipflowEvent> producer, JobMetadata job) throws Exception {
        publish(producer, job, TestJobs.put(store, job));
    }

    private static void publish(KafkaProducer<String, ClipflowEvent> producer, JobMetadata job, ObjectInfo stored) throws Exception {
        ArtifactsStored event = new ArtifactsStored(ClipflowEvent.CURRENT_VERSION, job.jobId(), Instant.now(),
                List.of(new ArtifactsStored.StoredArtifact(stored.key(), stored.size(), stored.etag())), stored.key());
        producer.send(new ProducerRecord<>(Topics.UPLOAD_EVENTS, job.jobId(), event)).get();
    }

    private static void awaitJob(String jobId, Duration atMost) {
        await("job " + jobId + " in the gallery").atMost(atMost).pollInterval(Duration.ofMillis(10))
                .until(() -> given().get("/jobs/" + jobId + "/clips").statusCode() == 200);
    }

    @Test
    @Order(11)
    void readyOnceTheIndexIsBuiltAndStorageIsReachable() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'gallery-index' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'artifact-store' }.status", equalTo("UP"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("clipflow_gallery_index_clips", "clipflow_gallery_index_refresh_seconds",
                "clipflow_gallery_index_refresh_gets");
    }

    @Test
    @Order(12)
    void withStorageDownTheLastIndexKeepsAnsweringAndRefreshSays503() {
        int total = page(1, 0).getInt("total");
        S3TestResource.server().stop();
        try {
            given().queryParam("refresh", true).get("/clips").then().statusCode(503)
                    .body("error.code", equalTo("storage_unavailable"));
            assertThat(page(50, 0).getInt("total")).isEqualTo(total);
            given().get("/q/health/ready").then().statusCode(503);
        } finally {
            S3TestResource.server().restart();
        }
        refresh();
        assertThat(page(1, 0).getInt("total")).isEqualTo(total);
        given().get("/q/health/ready").then().statusCode(200);
    }

    static double metric(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
    }
}
