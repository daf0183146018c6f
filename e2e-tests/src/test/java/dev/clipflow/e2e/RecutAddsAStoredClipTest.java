package dev.clipflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipflow.devstack.Http;
import dev.clipflow.devstack.SampleVideo;
import dev.clipflow.devstack.VideoProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A recut of a completed, stored job, with the four services running as processes, in both storage modes: once the
 * status says the recut is completed and its backup stored, its clip (numbered after the job's) plays at once, the
 * metadata object lists every clip of the job and the gallery shows the new clip.
 */
class RecutAddsAStoredClipTest {

    private static final double FRAME = 1.0 / 30;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(ClipflowStack.Storage.class)
    void aRecutsClipPlaysAsSoonAsItsBackupIsStoredAndJoinsTheMetadataAndTheGallery(ClipflowStack.Storage storage)
            throws Exception {
        Path source = SampleVideo.builder().seconds(6).size(640, 360).fps(30).build().writeTo(tmp.resolve("talk.mp4"));
        ClipflowStack stack = SharedStacks.get(storage);
        Http.Reply accepted = Http.postMultipart(stack.gatewayUrl() + "/jobs", source, Map.of(
                "title", "Recut me " + storage, "output_format", "original",
                "clips", "[{\"start\":0.5,\"end\":1.5},{\"start\":2.0,\"end\":3.0}]"));
        assertThat(accepted.status()).as(stack.logs()).isEqualTo(202);
        String jobId = accepted.body().get("job_id").asText();
        String status = stack.gatewayUrl() + "/jobs/" + jobId;
        JsonNode job = await(stack, status, s -> !s.at("/backup/status").asText().equals("pending")
                || s.get("status").asText().equals("failed"));
        assertThat(job.at("/backup/status").asText()).as(stack.logs()).isEqualTo("stored");

        Http.Reply recut = Http.postJson(status + "/clips", "{\"clips\":[{\"start\":3.5,\"end\":5.5,\"title\":\"Added\"}]}");
        assertThat(recut.status()).as(stack.logs()).isEqualTo(202);
        String recutId = recut.body().get("recut_id").asText();
        JsonNode done = await(stack, status, s -> {
            JsonNode r = recutEntry(s, recutId);
            return r != null && (r.get("status").asText().equals("failed")
                    || !r.at("/backup/status").asText().equals("pending"));
        });
        JsonNode entry = recutEntry(done, recutId);
        assertThat(entry.get("status").asText()).as(stack.logs()).isEqualTo("completed");
        assertThat(entry.at("/backup/status").asText()).as(stack.logs()).isEqualTo("stored");

        JsonNode clips = done.at("/result/clips");
        assertThat(clips).hasSize(3);
        for (int n = 1; n <= 3; n++) {
            assertThat(clips.get(n - 1).get("url").asText()).as("clip %d", n).contains("_clip_" + n + ".mp4");
        }
        JsonNode added = clips.get(2);
        assertThat(added.get("title").asText()).isEqualTo("Added");
        // no waiting here: stored means the clip is served
        Path clip = Http.download(absolute(stack, added.get("url").asText()), tmp.resolve(storage + "-recut.mp4"));
        VideoProbe probe = VideoProbe.of(clip);
        assertThat(probe.hasVideo()).isTrue();
        assertThat(probe.durationSeconds()).isCloseTo(2.0, Offset.offset(FRAME + 0.03));

        Http.Reply metadata = Http.get(absolute(stack, done.at("/result/storage_url").asText()));
        assertThat(metadata.status()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        new ObjectMapper().readTree(metadata.raw().body()).get("shorts").forEach(s -> listed.add(s.get("file").asText()));
        assertThat(listed).hasSize(3).allMatch(file -> file.endsWith(".mp4"));
        assertThat(listed.get(2)).endsWith("_clip_3.mp4");

        // The gallery indexes the recut on the same upload report, a moment after the status has it.
        List<JsonNode> inGallery = stack.waitFor("3 clips of job " + jobId + " in the gallery", Duration.ofSeconds(30),
                () -> galleryClips(stack, jobId), items -> items.size() >= 3);
        assertThat(inGallery).as(stack.logs()).hasSize(3)
                .anySatisfy(item -> assertThat(item.get("url").asText()).contains("_clip_3.mp4"));
    }

    private static JsonNode await(ClipflowStack stack, String url, Predicate<JsonNode> settled) {
        return stack.waitFor(url + " settled", Duration.ofMinutes(3), () -> {
            Http.Reply reply = Http.get(url);
            assertThat(reply.status()).as(stack::logs).isEqualTo(200);
            return reply.body();
        }, settled);
    }

    private static JsonNode recutEntry(JsonNode status, String recutId) {
        for (JsonNode r : status.path("recuts")) {
            if (r.get("recut_id").asText().equals(recutId)) {
                return r;
            }
        }
        return null;
    }

    private static List<JsonNode> galleryClips(ClipflowStack stack, String jobId) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        Http.get(stack.gatewayUrl() + "/gallery?limit=500").body().get("clips").forEach(item -> {
            if (item.get("job_id").asText().equals(jobId)) {
                items.add(item);
            }
        });
        return items;
    }

    private static String absolute(ClipflowStack stack, String url) {
        return url.startsWith("/") ? stack.gatewayUrl() + url : url;
    }
}
