package dev.clipflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clipflow.devstack.VideoProbe;
import dev.clipflow.devstack.Http;
import dev.clipflow.devstack.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A user's side of a job: submit it, poll it, and check what they would check at the end. */
final class Jobs {

    /** Two clips of 6 s each. */
    static final String CLIPS = "[{\"start\":2,\"end\":8,\"title\":\"First\"},{\"start\":10,\"end\":16,\"title\":\"Second\"}]";
    static final double CLIP_SECONDS = 6.0;
    /**
     * These tests are about durability, not framing: a fixed layout keeps the default's face analysis out of
     * their time (and out of where a kill lands).
     */
    static final String LAYOUT = "blur";
    /** For the same reason, x264's quickest preset: the clips' frames at less than half the CPU. */
    static final Map<String, String> QUICK_RENDER = Map.of("CLIPFLOW_FFMPEG_PRESET", "ultrafast");
    private static final double TOLERANCE = 1.0 / 30 + 0.05;

    /** Where a stack answers and keeps its files. */
    interface Stack {
        String gatewayUrl();

        /** The folder the stack keeps its data in: local storage under {@code storage/}, test files under {@code scratch/}. */
        Path dataDir();

        default Path storageRoot() {
            return dataDir().resolve("storage");
        }

        default Path scratch() throws java.io.IOException {
            return Files.createDirectories(dataDir().resolve("scratch"));
        }

        String logs();

        /** Waits until {@code done} accepts what {@code probe} finds; a timeout's error carries the logs. */
        default <T> T waitFor(String what, Duration atMost, Callable<T> probe, Predicate<? super T> done) {
            return ServiceProcess.waitFor(what, atMost, probe, done, this::logs);
        }

        /** The object names stored for the job (below its folder). */
        default List<String> stored(String jobId) throws java.io.IOException {
            try (Stream<Path> stored = Files.list(storageRoot().resolve(jobId))) {
                return stored.map(p -> p.getFileName().toString()).sorted().toList();
            }
        }
    }

    private final Stack stack;
    private final Path source;

    Jobs(Stack stack, Path source) {
        this.stack = stack;
        this.source = source;
    }

    private Http.Reply post(String title, String outputFormat) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("output_format", outputFormat);
        fields.put("layout", LAYOUT);
        fields.put("clips", CLIPS);
        return Http.postMultipart(stack.gatewayUrl() + "/jobs", source, fields);
    }

    /** A job by URL: nothing to upload, so the answer time is the gateway's handing of the job to Kafka. */
    Http.Reply postSourceUrl(String title) throws Exception {
        return Http.postJson(stack.gatewayUrl() + "/jobs", "{\"source_url\":\"https://93.184.216.34/talk.mp4\",\"title\":\""
                + title + "\",\"layout\":\"" + LAYOUT + "\",\"clips\":" + CLIPS + "}");
    }

    /** A job whose two vertical clips render long enough to kill a process in the middle of them. */
    String submit(String title) throws Exception {
        return accepted(post(title, "vertical"));
    }

    /**
     * A job for a case whose fault does not need a render in progress: its clips at the source's size render in a
     * fifth of the CPU of vertical ones, which the cases beside it on two cores get instead.
     */
    String submitQuick(String title) throws Exception {
        return accepted(post(title, "original"));
    }

    private String accepted(Http.Reply reply) {
        assertThat(reply.status()).as(stack.logs()).isEqualTo(202);
        return reply.body().get("job_id").asText();
    }

    Http.Reply status(String jobId) throws Exception {
        return Http.get(stack.gatewayUrl() + "/jobs/" + jobId);
    }

    /** Polls until the job's status satisfies {@code until}; returns that status. */
    JsonNode await(String jobId, Predicate<JsonNode> until, Duration timeout) {
        return stack.waitFor("job " + jobId + " to get there", timeout, () -> status(jobId),
                reply -> reply.status() == 200 && until.test(reply.body())).body();
    }

    /** The job's clips are being rendered. */
    JsonNode awaitRendering(String jobId) throws Exception {
        return await(jobId, s -> "processing".equals(s.get("status").asText()) && s.path("progress").asInt() > 0,
                Duration.ofMinutes(3));
    }

    JsonNode awaitSettled(String jobId) throws Exception {
        return await(jobId, s -> "failed".equals(s.get("status").asText())
                || ("completed".equals(s.get("status").asText()) && !"pending".equals(s.at("/backup/status").asText())),
                Duration.ofMinutes(5));
    }

    /**
     * What a user checks of a job that went through a fault: completed, backed up, its two clips downloadable with the
     * right duration, each stored once, and each listed once by the gallery.
     */
    void assertCompletedExactlyOnce(String jobId) throws Exception {
        JsonNode status = awaitSettled(jobId);
        assertThat(status.get("status").asText()).as(status + "\n" + stack.logs()).isEqualTo("completed");
        assertThat(status.at("/backup/status").asText()).as(status.toString()).isEqualTo("stored");
        JsonNode clips = status.at("/result/clips");
        assertThat(clips).hasSize(2);
        Path scratch = stack.scratch();
        for (int i = 0; i < clips.size(); i++) {
            String url = clips.get(i).get("url").asText();
            Path clip = Http.download(url.startsWith("/") ? stack.gatewayUrl() + url : url, scratch.resolve(jobId + "-" + i + ".mp4"));
            assertThat(VideoProbe.of(clip).durationSeconds()).isCloseTo(CLIP_SECONDS, within(TOLERANCE));
            Files.delete(clip);
        }
        assertThat(stack.stored(jobId)).as("two clips, two posters, one metadata file, nothing twice, nothing half-written")
                .hasSize(5).filteredOn(n -> n.endsWith(".mp4")).hasSize(2);
        Http.Reply gallery = Http.get(stack.gatewayUrl() + "/gallery?limit=500&refresh=true");
        assertThat(gallery.status()).as(stack.logs()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        gallery.body().get("clips").forEach(item -> {
            if (item.get("job_id").asText().equals(jobId)) {
                listed.add(item.get("url").asText());
            }
        });
        assertThat(listed).as("the gallery lists each clip once").hasSize(2).doesNotHaveDuplicates();
    }
}
