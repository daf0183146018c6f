package dev.clipflow.gallery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.metadata.JobMetadata;
import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.devstack.S3TestResource;
import dev.clipflow.gallery.index.ClipUrls;
import dev.clipflow.gallery.index.GalleryIndex;
import dev.clipflow.gallery.index.IndexSnapshot;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * 10,000 jobs of 5 clips (metadata, 5 mp4 and 5 jpg objects each: 110,000 objects) in the devstack S3 server.
 * Measures the gallery's cold index build, a refresh of the unchanged store and the latency of cached
 * {@code GET /clips?limit=50}, and in the same run the raw SDK doing the same reads, to compare.
 * Run with {@code bench/gallery/run.sh}; never part of the default build.
 */
@QuarkusTest
@QuarkusTestResource(value = S3TestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class GalleryBenchmark {

    static final int JOBS = Integer.getInteger("bench.jobs", 10_000);
    static final int CLIPS_PER_JOB = 5;
    static final int REQUESTS = Integer.getInteger("bench.requests", 5_000);
    static final int PARALLEL = 16;
    /** Also write each clip's mp4 and jpg objects (only their keys matter: they lengthen the listing). */
    static final boolean CLIP_OBJECTS = Boolean.parseBoolean(System.getProperty("bench.clipObjects", "true"));
    static final int OBJECTS_PER_JOB = CLIP_OBJECTS ? 1 + 2 * CLIPS_PER_JOB : 1;

    @Inject
    GalleryIndex index;

    @Inject
    ClipUrls urls;

    @TestHTTPResource("/clips")
    URI clipsUri;

    @Test
    void indexOfTenThousandJobs() throws Exception {
        StringBuilder report = new StringBuilder();
        try (S3Client s3 = rawClient(); ExecutorServiceCloser pool = new ExecutorServiceCloser(Executors.newFixedThreadPool(PARALLEL))) {
            long t = System.nanoTime();
            List<String> metadataKeys = writeJobs(s3, pool.executor);
            line(report, "write %d jobs (%d objects) with the raw SDK: %.1f s", JOBS, JOBS * OBJECTS_PER_JOB, seconds(t));

            // raw SDK baseline: list every key (keeping *_metadata.json), then GET those in parallel
            t = System.nanoTime();
            List<String> listed = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(S3TestResource.BUCKET)).contents()) {
                if (ObjectKeys.isMetadataKey(object.key())) {
                    listed.add(object.key());
                }
            }
            double rawList = seconds(t);
            assertThat(listed).hasSize(JOBS);
            t = System.nanoTime();
            List<Future<Integer>> gets = new ArrayList<>();
            for (String key : listed) {
                gets.add(pool.executor.submit(() -> s3.getObjectAsBytes(b -> b.bucket(S3TestResource.BUCKET).key(key)).asByteArray().length));
            }
            for (Future<Integer> get : gets) {
                get.get();
            }
            double rawGets = seconds(t);
            line(report, "raw SDK baseline: list %d keys %.2f s, GET %d metadata objects (%d threads) %.2f s, together %.2f s",
                    JOBS * OBJECTS_PER_JOB, rawList, listed.size(), PARALLEL, rawGets, rawList + rawGets);

            HttpClient http = HttpClient.newHttpClient();
            t = System.nanoTime();
            HttpResponse<String> cold = get(http, clipsUri + "?limit=50&refresh=true");
            double coldBuild = seconds(t);
            assertThat(cold.statusCode()).isEqualTo(200);
            assertThat(index.snapshot().clipCount()).isEqualTo(JOBS * CLIPS_PER_JOB);
            line(report, "gallery cold index build (GET /clips?refresh=true on an empty index): %.2f s  [target < 30 s]", coldBuild);

            t = System.nanoTime();
            assertThat(get(http, clipsUri + "?limit=50&refresh=true").statusCode()).isEqualTo(200);
            line(report, "gallery refresh of the unchanged store (lists, 0 GETs): %.2f s", seconds(t));

            for (int i = 0; i < 2_000; i++) {
                get(http, clipsUri + "?limit=50&offset=" + (i % 20) * 50);
            }
            long[] latencies = new long[REQUESTS];
            for (int i = 0; i < REQUESTS; i++) {
                long s = System.nanoTime();
                HttpResponse<String> page = get(http, clipsUri + "?limit=50&offset=" + (i % 20) * 50);
                latencies[i] = System.nanoTime() - s;
                if (page.statusCode() != 200) {
                    throw new AssertionError(page.body());
                }
            }
            Arrays.sort(latencies);
            double median = latencies[REQUESTS / 2] / 1e6;
            double p99 = latencies[(int) (REQUESTS * 0.99)] / 1e6;
            line(report, "cached GET /clips?limit=50 over HTTP (%d requests, first 20 pages, URLs cached): median %.2f ms, p99 %.2f ms, max %.2f ms  [target p99 < 5 ms]",
                    REQUESTS, median, p99, latencies[REQUESTS - 1] / 1e6);

            IndexSnapshot snapshot = index.snapshot();
            long indexBytes = GraphLayout.parseInstance(snapshot).totalSize();
            line(report, "index memory: %d bytes for %d jobs / %d clips = %d bytes per clip (JOL, whole snapshot graph)",
                    indexBytes, snapshot.jobCount(), snapshot.clipCount(), indexBytes / snapshot.clipCount());
            Map<String, String> sample = new HashMap<>();
            for (IndexSnapshot.ClipRef ref : snapshot.page(0, 1_000)) {
                String key = ref.job().keyOf(ref.clip().file());
                sample.put(key, urls.urlFor(key));
            }
            line(report, "cached presigned URL: about %d bytes each (JOL over 1,000 key -> URL entries; cache capped at clipflow.gallery.url-cache-size)",
                    GraphLayout.parseInstance(sample).totalSize() / sample.size());
            line(report, "metadata keys seen by the benchmark: %d", metadataKeys.size());
        }
        System.out.println("\n=== gallery benchmark ===\n" + report);
        Path out = Path.of("target", "gallery-benchmark.txt");
        Files.writeString(out, report.toString());
    }

    private static List<String> writeJobs(S3Client s3, ExecutorService pool) throws Exception {
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        byte[] tiny = "x".repeat(64).getBytes(StandardCharsets.UTF_8);
        List<String> keys = new ArrayList<>();
        List<Future<?>> puts = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < JOBS; i++) {
            String jobId = JobId.newId();
            String title = "Conference talk number " + i + " about distributed systems";
            List<JobMetadata.MetadataClip> shorts = new ArrayList<>();
            for (int n = 1; n <= CLIPS_PER_JOB; n++) {
                shorts.add(new JobMetadata.MetadataClip(30.0 * n, 30.0 * n + 25, "The moment " + n + " of talk " + i + " everyone shares",
                        "Watch this part of talk " + i + " #tech #shorts #clip" + n,
                        "Clip " + n + " from talk " + i + ", link in bio #engineering #reels",
                        ObjectKeys.clipFile(title, n), 25, 1080, 1920, 4_000_000L, null, ObjectKeys.thumbnailFile(title, n), 0.8, "hook"));
            }
            JobMetadata metadata = new JobMetadata(jobId, title, base.plusSeconds(i * 37L), "source.mp4", OutputFormat.VERTICAL, shorts, null);
            String metadataKey = ObjectKeys.metadata(jobId, title);
            keys.add(metadataKey);
            List<Map.Entry<String, byte[]>> objects = new ArrayList<>();
            for (int n = 1; CLIP_OBJECTS && n <= CLIPS_PER_JOB; n++) {
                objects.add(Map.entry(ObjectKeys.clip(jobId, title, n), tiny));
                objects.add(Map.entry(ObjectKeys.thumbnail(jobId, title, n), tiny));
            }
            objects.add(Map.entry(metadataKey, ClipflowJson.encodeMetadata(metadata)));
            puts.add(pool.submit(() -> {
                for (Map.Entry<String, byte[]> object : objects) {
                    s3.putObject(b -> b.bucket(S3TestResource.BUCKET).key(object.getKey()), RequestBody.fromBytes(object.getValue()));
                }
                int jobs = done.incrementAndGet();
                if (jobs % 1000 == 0) {
                    System.out.println("[bench] written " + jobs + " jobs");
                }
            }));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        return keys;
    }

    private static S3Client rawClient() {
        var server = S3TestResource.server();
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(server.endpoint()))
                .forcePathStyle(true)
                .region(Region.of(server.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String text = String.format(format, args);
        report.append(text).append('\n');
        System.out.println("[bench] " + text);
    }

    private record ExecutorServiceCloser(ExecutorService executor) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
