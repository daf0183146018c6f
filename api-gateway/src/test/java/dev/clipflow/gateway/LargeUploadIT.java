package dev.clipflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.devstack.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway, started with a 256 MB heap (quarkus.test.arg-line), takes a 1 GiB upload
 * generated on the fly: it can only succeed if the file is streamed to storage.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalStorageResource.class, restrictToAnnotatedClass = true)
class LargeUploadIT {

    static final long SIZE = 1024L * 1024 * 1024;
    static final String BOUNDARY = "clipflowlargeuploadboundary";

    @TestHTTPResource("/jobs")
    URI jobsUri;

    @TestHTTPResource("/q/metrics")
    URI metricsUri;

    @Test
    void aOneGigabyteUploadStreamsThroughAGatewayWithA256MegabyteHeap() throws Exception {
        // The gateway really runs with the capped heap: its own metrics say so.
        assertThat(largestHeapPoolMax()).isPositive().isLessThanOrEqualTo(256L * 1024 * 1024);

        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBig one\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long length = head.length + SIZE + tail.length;

        long started = System.nanoTime();
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(jobsUri).timeout(Duration.ofMinutes(5))
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                                new SequenceInputStream(Collections.enumeration(List.of(
                                        new java.io.ByteArrayInputStream(head), new PatternStream(SIZE),
                                        new java.io.ByteArrayInputStream(tail))))), length))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("1 GiB upload answered %d in %.1f s (%.0f MB/s)%n", answer.statusCode(), seconds,
                SIZE / 1e6 / seconds);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode body = ClipflowJson.mapper().readTree(answer.body());
        String jobId = body.path("job_id").asText();
        Path stored = LocalStorageResource.root.resolve("uploads").resolve(jobId).resolve("source.mp4");
        try {
            assertThat(Files.size(stored)).isEqualTo(SIZE);
            JobRequested job = (JobRequested) TopicClient.find(Topics.CLIP_JOBS, jobId, JobRequested.class).orElseThrow();
            assertThat(job.source().sizeBytes()).isEqualTo(SIZE);
        } finally {
            Files.deleteIfExists(stored);
        }
    }

    private long largestHeapPoolMax() throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metricsUri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("jvm_memory_max_bytes{") && l.contains("area=\"heap\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .max().orElse(-1);
    }

    /** {@code size} bytes of a repeating pattern, made as they are read. */
    static final class PatternStream extends InputStream {
        private long remaining;

        PatternStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return (int) (remaining % 251);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                remaining--;
                b[off + i] = (byte) (remaining % 251);
            }
            return n;
        }
    }
}
