package dev.clipflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clipflow.devstack.Http;
import dev.clipflow.devstack.SampleVideo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A completed, stored job deleted through the gateway is gone everywhere: its status, the gallery, every stored
 * object (clips, posters, metadata, the uploaded source), in both storage modes, with the four services running
 * as processes; it cannot be recut any more.
 */
class DeletedJobLeavesNothingTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(ClipflowStack.Storage.class)
    void aDeletedJobLeavesTheGalleryWithinSecondsAndNothingOfItStaysStored(ClipflowStack.Storage storage) throws Exception {
        Path source = SampleVideo.builder().seconds(6).size(640, 360).fps(30).build().writeTo(tmp.resolve("talk.mp4"));
        ClipflowStack stack = SharedStacks.get(storage);
        Http.Reply accepted = Http.postMultipart(stack.gatewayUrl() + "/jobs", source, Map.of(
                "title", "Delete me " + storage, "output_format", "original",
                "clips", "[{\"start\":1.0,\"end\":2.0},{\"start\":3.0,\"end\":4.0}]"));
        assertThat(accepted.status()).as(stack.logs()).isEqualTo(202);
        String jobId = accepted.body().get("job_id").asText();

        JsonNode done = awaitStored(stack, jobId);
        List<String> storedUrls = new ArrayList<>();
        storedUrls.add(done.at("/result/storage_url").asText());
        done.at("/result/clips").forEach(clip -> {
            storedUrls.add(clip.get("url").asText());
            storedUrls.add(clip.get("thumbnail_url").asText());
        });
        for (String url : storedUrls) {
            assertThat(Http.get(absolute(stack, url)).status()).as(url).isEqualTo(200);
        }
        // The gallery indexes a job when its upload is reported, a moment after the status says stored.
        stack.waitFor("job " + jobId + " in the gallery", Duration.ofSeconds(30), () -> galleryJobs(stack),
                jobs -> jobs.contains(jobId));

        Http.Reply deleted = Http.delete(stack.gatewayUrl() + "/jobs/" + jobId);
        assertThat(deleted.status()).as(stack.logs()).isEqualTo(202);
        assertThat(deleted.body().get("status").asText()).isEqualTo("cancelled");
        long deletedAt = System.nanoTime();

        stack.waitFor("job " + jobId + " gone from the gallery", Duration.ofSeconds(30), () -> galleryJobs(stack),
                jobs -> !jobs.contains(jobId));
        Duration toLeaveTheGallery = Duration.ofNanos(System.nanoTime() - deletedAt);
        assertThat(toLeaveTheGallery).isLessThan(Duration.ofSeconds(10));
        System.out.printf("%s: DELETE -> gone from the gallery in %d ms%n", storage, toLeaveTheGallery.toMillis());

        for (String url : storedUrls) {
            assertThat(Http.get(absolute(stack, url)).status()).as("%s after the deletion", url).isIn(403, 404);
        }
        Http.Reply status = Http.get(stack.gatewayUrl() + "/jobs/" + jobId);
        assertThat(status.status()).isEqualTo(410);
        assertThat(status.body().at("/error/code").asText()).isEqualTo("job_deleted");
        Http.Reply recut = Http.postJson(stack.gatewayUrl() + "/jobs/" + jobId + "/clips", "{\"clips\":[{\"start\":1,\"end\":2}]}");
        assertThat(recut.status()).as("a recut of the deleted job").isEqualTo(410);
        assertThat(recut.body().at("/error/code").asText()).isEqualTo("job_deleted");
        if (storage == ClipflowStack.Storage.LOCAL) {
            assertThat(stack.storageRoot().resolve(jobId)).doesNotExist();
            assertThat(stack.storageRoot().resolve("uploads").resolve(jobId)).doesNotExist();
        }
        assertThat(Http.delete(stack.gatewayUrl() + "/jobs/" + jobId).status()).isEqualTo(202);
    }

    private static JsonNode awaitStored(ClipflowStack stack, String jobId) {
        JsonNode status = stack.waitFor("job " + jobId + " stored or failed", Duration.ofMinutes(3),
                () -> Http.get(stack.gatewayUrl() + "/jobs/" + jobId).body(),
                s -> s.get("status").asText().equals("failed") || s.at("/backup/status").asText().equals("stored"));
        assertThat(status.at("/backup/status").asText()).as(stack.logs()).isEqualTo("stored");
        return status;
    }

    private static List<String> galleryJobs(ClipflowStack stack) throws Exception {
        List<String> jobs = new ArrayList<>();
        Http.get(stack.gatewayUrl() + "/gallery?limit=500").body().get("clips").forEach(c -> jobs.add(c.get("job_id").asText()));
        return jobs;
    }

    private static String absolute(ClipflowStack stack, String url) {
        return url.startsWith("/") ? stack.gatewayUrl() + url : url;
    }
}
