package dev.clipflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.devstack.S3TestResource;
import dev.clipflow.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = S3TestResource.class, restrictToAnnotatedClass = false)
class SubmitJobTest {

    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    ArtifactStore store;

    @TestHTTPResource("/jobs")
    URI jobsUri;

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void anUploadedVideoLandsInStorageAndItsJobOnKafka() {
        byte[] video = randomBytes(3 * 1024 * 1024 + 17);
        Response response = given()
                .multiPart("title", "Keynote 2026")
                .multiPart("clips", "[{\"start\": 1.5, \"end\": 9.25, \"title\": \"opening\", \"tiktok_desc\": \"#talk\"}]")
                .multiPart("output_format", "square")
                .multiPart("file", "keynote.MP4", video, "video/mp4")
                .when().post("/jobs")
                .then().statusCode(202)
                .body("status", equalTo("queued"))
                .body("job_id", matchesPattern(UUID_PATTERN))
                .extract().response();
        String jobId = response.path("job_id");
        assertThat(response.header("Location")).endsWith("/jobs/" + jobId);

        String key = "uploads/" + jobId + "/source.mp4";
        assertThat(store.getBytes(key)).isEqualTo(video);

        JobRequested job = (JobRequested) TopicClient.find(Topics.CLIP_JOBS, jobId, JobRequested.class).orElseThrow();
        assertThat(job.source().storageKey()).isEqualTo(key);
        assertThat(job.source().filename()).isEqualTo("keynote.MP4");
        assertThat(job.source().sizeBytes()).isEqualTo(video.length);
        assertThat(job.title()).isEqualTo("Keynote 2026");
        assertThat(job.outputFormat()).isEqualTo(OutputFormat.SQUARE);
        assertThat(job.clips()).singleElement().satisfies(c -> {
            assertThat(c.start()).isEqualTo(1.5);
            assertThat(c.end()).isEqualTo(9.25);
            assertThat(c.title()).isEqualTo("opening");
            assertThat(c.tiktokDesc()).isEqualTo("#talk");
        });
    }

    @Test
    void aJsonSubmissionWithASourceUrlIsQueued() {
        String jobId = given().contentType("application/json")
                .body("{\"source_url\": \"https://93.184.216.34/talk.mp4\", \"title\": \"From the web\","
                        + " \"target_clips\": 4, \"clip_min_seconds\": 10, \"clip_max_seconds\": 30,"
                        + " \"output_format\": \"horizontal\", \"layout\": \"crop\"}")
                .when().post("/jobs")
                .then().statusCode(202).body("status", equalTo("queued"))
                .header("Location", matchesPattern(".*/jobs/" + UUID_PATTERN))
                .extract().path("job_id");
        // Asked at once, before any worker or the view's consumer could have seen it: already known as queued.
        given().when().get("/jobs/" + jobId).then().statusCode(200).body("status", equalTo("queued"));

        JobRequested job = (JobRequested) TopicClient.find(Topics.CLIP_JOBS, jobId, JobRequested.class).orElseThrow();
        assertThat(job.source().url()).isEqualTo("https://93.184.216.34/talk.mp4");
        assertThat(job.auto().targetClips()).isEqualTo(4);
        assertThat(job.auto().clipMaxSeconds()).isEqualTo(30.0);
        assertThat(job.outputFormat()).isEqualTo(OutputFormat.HORIZONTAL);
    }

    private void refusedJson(String body, int status, String code, String field) {
        var then = given().contentType("application/json").body(body)
                .when().post("/jobs")
                .then().log().ifValidationFails().statusCode(status).contentType("application/json")
                .body("error.code", equalTo(code));
        if (field != null) {
            then.body("error.field", equalTo(field));
        }
    }

    @Test
    void everyKindOfBadSubmissionGetsAClearJsonError() {
        List<String> before = StoredUploads.keys(store);
        refusedJson("{\"title\": \"no source\"}", 422, "missing_source", "source_url");
        refusedJson("{\"source_url\": \"ftp://93.184.216.34/a.mp4\"}", 422, "unsupported_scheme", "source_url");
        refusedJson("{\"source_url\": \"file:///etc/passwd\"}", 422, "unsupported_scheme", "source_url");
        refusedJson("{\"source_url\": \"http://127.0.0.1:8080/a.mp4\"}", 422, "forbidden_address", "source_url");
        refusedJson("{\"source_url\": \"http://169.254.169.254/latest\"}", 422, "forbidden_address", "source_url");
        refusedJson("{\"source_url\": \"http://10.0.0.7/a.mp4\"}", 422, "forbidden_address", "source_url");
        String url = "\"source_url\": \"https://93.184.216.34/a.mp4\"";
        refusedJson("{" + url + ", \"clips\": [{\"start\": -1, \"end\": 5}]}", 422, "invalid_clip_range", "clips[0].start");
        refusedJson("{" + url + ", \"clips\": [{\"start\": 8, \"end\": 8}]}", 422, "invalid_clip_range", "clips[0].end");
        StringBuilder sixteen = new StringBuilder("[");
        for (int i = 0; i < 16; i++) {
            sixteen.append(i == 0 ? "" : ",").append("{\"start\": ").append(i * 10).append(", \"end\": ").append(i * 10 + 5).append('}');
        }
        refusedJson("{" + url + ", \"clips\": " + sixteen + "]}", 422, "too_many_clips", "clips");
        refusedJson("{" + url + ", \"output_format\": \"portrait\"}", 422, "unknown_output_format", "output_format");
        refusedJson("{" + url + ", \"title\": \"" + "t".repeat(201) + "\"}", 422, "title_too_long", "title");
        refusedJson("{" + url + ", \"target_clips\": 16}", 422, "invalid_target_clips", "target_clips");
        refusedJson("{" + url + ", \"target_clips\": \"many\"}", 400, "invalid_type", "target_clips");
        refusedJson("{" + url + ", \"clips\": [{\"start\": \"soon\", \"end\": 3}]}", 400, "invalid_type", "clips[0].start");
        refusedJson("{\"source_url\": ", 400, "malformed_json", null);
        refusedJson("[1, 2]", 400, "invalid_type", null);
        refusedJson("", 400, "missing_body", null);

        given().contentType("text/plain").body("hello").when().post("/jobs")
                .then().statusCode(415).contentType("application/json").body("error.code", equalTo("unsupported_media_type"));

        // Multipart: both sources, and a malformed clips field, are refused before anything is stored.
        given().multiPart("source_url", "https://93.184.216.34/a.mp4").multiPart("file", "a.mp4", randomBytes(1024), "video/mp4")
                .when().post("/jobs").then().statusCode(422).body("error.code", equalTo("conflicting_sources"));
        given().multiPart("clips", "[{\"start\": 1,").multiPart("file", "a.mp4", randomBytes(1024), "video/mp4")
                .when().post("/jobs").then().statusCode(400).body("error.code", equalTo("malformed_json"))
                .body("error.field", equalTo("clips"));
        given().multiPart("title", "nothing to clip").when().post("/jobs")
                .then().statusCode(422).body("error.code", equalTo("missing_source"));
        given().multiPart("output_format", "diagonal").multiPart("file", "a.mp4", randomBytes(1024), "video/mp4")
                .when().post("/jobs").then().statusCode(422).body("error.code", equalTo("unknown_output_format"));
        // Options sent after the file are checked too, and the stored file is removed again.
        given().multiPart("file", "a.mp4", randomBytes(1024), "video/mp4").multiPart("target_clips", "99")
                .when().post("/jobs").then().statusCode(422).body("error.code", equalTo("invalid_target_clips"));

        assertThat(StoredUploads.keys(store)).isEqualTo(before);
    }

    @Test
    void anUploadAnnouncedLargerThanTheLimitIsRefusedBeforeAnythingIsWritten() throws Exception {
        List<String> before = StoredUploads.keys(store);
        // The test profile limits files to 5 MiB; 8 MiB with a Content-Length.
        byte[] body = multipartBody("file", randomBytes(8 * 1024 * 1024));
        HttpResponse<String> answer = post(body);
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"file_too_large\"");
        assertThat(StoredUploads.keys(store)).isEqualTo(before);
    }

    @Test
    void aChunkedUploadThatPassesTheLimitIsCutOffAndRemoved() throws Exception {
        List<String> before = StoredUploads.keys(store);
        byte[] body = multipartBody("file", randomBytes(8 * 1024 * 1024));
        // ofInputStream has no known length: the request goes out chunked, without Content-Length.
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(jobsUri)
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"file_too_large\"");
        assertThat(StoredUploads.keys(store)).isEqualTo(before);
    }

    @Test
    void aFileWithAUtf8NameAndBoundaryLikeBytesArrivesIntactWithTheOptionsAroundIt() throws Exception {
        // Content that nearly closes the part, again and again, must come through byte for byte.
        var content = new java.io.ByteArrayOutputStream();
        byte[] noise = randomBytes(200_000);
        for (int i = 0; i < 40; i++) {
            content.write(noise, i * 4_000, 4_000);
            content.write(("\r\n--" + BOUNDARY.substring(0, i % BOUNDARY.length())).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] video = content.toByteArray();
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Überblick – Vortrag.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(video);
        body.write(("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"output_format\"\r\n\r\nhorizontal"
                + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> answer = post(body.toByteArray());

        assertThat(answer.statusCode()).isEqualTo(202);
        String jobId = answer.body().replaceAll(".*\"job_id\":\"([^\"]+)\".*", "$1");
        assertThat(store.getBytes("uploads/" + jobId + "/source.mp4")).isEqualTo(video);
        JobRequested job = (JobRequested) TopicClient.find(Topics.CLIP_JOBS, jobId, JobRequested.class).orElseThrow();
        assertThat(job.source().filename()).isEqualTo("Überblick – Vortrag.mp4");
        assertThat(job.title()).isEqualTo("Überblick – Vortrag");
        assertThat(job.outputFormat()).isEqualTo(OutputFormat.HORIZONTAL);
    }

    @Test
    void aFilePartUnderAnotherNameIsSkippedAndTheVideoAfterItIsStored() throws Exception {
        byte[] ignored = randomBytes(300_001);
        byte[] video = randomBytes(1_000_003);
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"thumbnail\"; filename=\"t.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(ignored);
        body.write(("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"v.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(video);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> answer = post(body.toByteArray());

        assertThat(answer.statusCode()).isEqualTo(202);
        String jobId = answer.body().replaceAll(".*\"job_id\":\"([^\"]+)\".*", "$1");
        assertThat(store.getBytes("uploads/" + jobId + "/source.mp4")).isEqualTo(video);
    }

    @Test
    void aBodyThatEndsBeforeItsClosingBoundaryIsRefusedAndNothingIsKept() throws Exception {
        List<String> before = StoredUploads.keys(store);
        byte[] whole = multipartBody("file", randomBytes(300_000));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - BOUNDARY.length() - 10);

        HttpResponse<String> answer = post(cut);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"code\":\"malformed_multipart\"");
        assertThat(StoredUploads.keys(store)).isEqualTo(before);
    }

    @Test
    void anUploadWhoseClientFallsSilentIsRefusedAfterTheIdleTimeoutAndNothingIsKept() throws Exception {
        List<String> before = StoredUploads.keys(store);
        byte[] whole = multipartBody("file", randomBytes(2_000_000));
        try (var socket = new java.net.Socket(jobsUri.getHost(), jobsUri.getPort())) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST /jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                    + "\r\nContent-Length: " + whole.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(whole, 0, whole.length / 2);
            out.flush();
            long silentSince = System.nanoTime();

            // The test profile gives up on a silent client after 2 s.
            String answer = readUntilJsonEnds(socket.getInputStream());

            assertThat(System.nanoTime() - silentSince).isGreaterThan(1_900_000_000L);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"upload_interrupted\"");
        }
        assertThat(StoredUploads.keys(store)).isEqualTo(before);
    }

    @Test
    void oneKeptAliveConnectionCarriesAnUploadARefusedUploadAndAStatusRequest() throws Exception {
        byte[] accepted = multipartBody("file", randomBytes(1_500_000));
        var refused = new java.io.ByteArrayOutputStream();
        refused.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"target_clips\"\r\n\r\n99\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        refused.write(multipartBody("file", randomBytes(4_500_000)));
        try (var socket = new java.net.Socket(jobsUri.getHost(), jobsUri.getPort())) {
            socket.setSoTimeout(20_000);
            var in = new java.io.BufferedInputStream(socket.getInputStream());

            send(socket, "POST", "/jobs", accepted);
            String[] first = readResponse(in);
            send(socket, "POST", "/jobs", refused.toByteArray());
            String[] second = readResponse(in);
            String jobId = first[1].replaceAll(".*\"job_id\":\"([^\"]+)\".*", "$1");
            send(socket, "GET", "/jobs/" + jobId, new byte[0]);
            String[] third = readResponse(in);

            assertThat(first[0]).startsWith("HTTP/1.1 202");
            assertThat(second[0]).startsWith("HTTP/1.1 422");
            assertThat(second[1]).contains("\"code\":\"invalid_target_clips\"");
            assertThat(third[0]).startsWith("HTTP/1.1 200");
            assertThat(third[1]).contains(jobId);
        }
    }

    private static void send(java.net.Socket socket, String method, String path, byte[] body) throws IOException {
        var out = socket.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary="
                + BOUNDARY + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Status line and body of one response with a Content-Length, read off a kept-alive connection. */
    private static String[] readResponse(InputStream in) throws IOException {
        String status = null;
        int length = 0;
        for (String line = headerLine(in); !line.isEmpty(); line = headerLine(in)) {
            if (status == null) {
                status = line;
            } else if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return new String[] {status, new String(in.readNBytes(length), StandardCharsets.UTF_8)};
    }

    private static String headerLine(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("the connection closed; read so far: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void anOptionFieldLongerThan64KilobytesIsRefusedByName() {
        given().multiPart("title", "x".repeat(70 * 1024)).multiPart("file", "a.mp4", randomBytes(1024), "video/mp4")
                .when().post("/jobs").then().statusCode(422)
                .body("error.code", equalTo("field_too_long")).body("error.field", equalTo("title"));
    }

    private HttpResponse<String> post(byte[] body) throws IOException, InterruptedException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(jobsUri)
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String readUntilJsonEnds(InputStream in) throws IOException {
        var answer = new StringBuilder();
        byte[] chunk = new byte[1024];
        for (int read; !answer.toString().endsWith("}") && (read = in.read(chunk)) > 0; ) {
            answer.append(new String(chunk, 0, read, StandardCharsets.UTF_8));
        }
        return answer.toString();
    }

    static final String BOUNDARY = "clipflowtestboundary7MA4YWxkTrZu0gW";

    static byte[] multipartBody(String field, byte[] content) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"; filename=\"big.mp4\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

}
