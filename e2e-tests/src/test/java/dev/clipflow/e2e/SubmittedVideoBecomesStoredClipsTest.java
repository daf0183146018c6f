package dev.clipflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clipflow.devstack.Http;
import dev.clipflow.devstack.SampleVideo;
import dev.clipflow.devstack.VideoProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A video submitted through the gateway with captions comes out as stored clips in the gallery, with their
 * captions beside them in clip time, in both storage modes.
 */
class SubmittedVideoBecomesStoredClipsTest {

    private static final double FRAME = 1.0 / 30;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(ClipflowStack.Storage.class)
    void anUploadedVideoIsCutIntoStoredVerticalClipsThatTheGalleryServes(ClipflowStack.Storage storage) throws Exception {
        Path source = SampleVideo.builder().seconds(10).size(640, 360).fps(30).build().writeTo(tmp.resolve("talk.mp4"));

        ClipflowStack stack = SharedStacks.get(storage);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", "End to end " + storage);
        fields.put("output_format", "vertical");
        fields.put("clips", "[{\"start\":1.0,\"end\":3.0,\"title\":\"First\"},{\"start\":5.5,\"end\":8.0,\"title\":\"Second\"}]");
        fields.put("captions", "1\n00:00:01,500 --> 00:00:02,500\nHello there\n");
        Http.Reply accepted = Http.postMultipart(stack.gatewayUrl() + "/jobs", source, fields);
        assertThat(accepted.status()).as(stack.logs()).isEqualTo(202);
        String jobId = accepted.body().get("job_id").asText();
        assertThat(accepted.body().get("status").asText()).isEqualTo("queued");

        JsonNode status = followUntilSettled(stack, jobId, accepted.body().get("status").asText());
        assertThat(status.get("status").asText()).as(stack.logs()).isEqualTo("completed");
        assertThat(status.get("progress").asInt()).isEqualTo(100);
        assertThat(status.at("/backup/status").asText()).as(stack.logs()).isEqualTo("stored");

        JsonNode clips = status.at("/result/clips");
        assertThat(clips).hasSize(2);
        assertThat(status.at("/result/captions/status").asText()).isEqualTo("burned");
        Http.Reply srt = Http.get(absolute(stack, clips.get(0).get("captions_url").asText()));
        assertThat(srt.status()).isEqualTo(200);
        assertThat(new String(srt.raw().body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("1\n00:00:00,500 --> 00:00:01,500\nHello there\n\n");
        double[] expected = {2.0, 2.5};
        for (int i = 0; i < 2; i++) {
            Path clip = Http.download(absolute(stack, clips.get(i).get("url").asText()), tmp.resolve(storage + "-" + i + ".mp4"));
            VideoProbe probe = VideoProbe.of(clip);
            assertThat(probe.width()).isEqualTo(1080);
            assertThat(probe.height()).isEqualTo(1920);
            assertThat(probe.durationSeconds()).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(FRAME + 0.03));
        }

        Http.Reply gallery = Http.get(stack.gatewayUrl() + "/gallery?limit=50&refresh=true");
        assertThat(gallery.status()).as(stack.logs()).isEqualTo(200);
        List<JsonNode> jobItems = new ArrayList<>();
        JsonNode items = gallery.body().get("clips");
        items.forEach(item -> {
            if (item.get("job_id").asText().equals(jobId)) {
                jobItems.add(item);
            }
        });
        assertThat(jobItems).hasSize(2);
        for (JsonNode item : jobItems) {
            assertThat(Http.get(absolute(stack, item.get("url").asText())).status()).isEqualTo(200);
            assertThat(Http.get(absolute(stack, item.get("thumbnail_url").asText())).status()).isEqualTo(200);
            assertThat(Http.get(absolute(stack, item.get("captions_url").asText())).status()).isEqualTo(200);
        }
        if (storage == ClipflowStack.Storage.LOCAL) {
            try (var files = Files.list(stack.storageRoot().resolve(jobId))) {
                assertThat(files.map(p -> p.getFileName().toString()).toList())
                        .hasSize(9).anyMatch(name -> name.endsWith("_metadata.json"))
                        .filteredOn(name -> name.endsWith(".srt") || name.endsWith(".vtt")).hasSize(4);
            }
        }
    }

    /**
     * Polls the status as a client would, checking it only ever moves forward from the one the submission
     * answered (a worker may take the job before the first poll, so that poll can already say processing).
     */
    private static JsonNode followUntilSettled(ClipflowStack stack, String jobId, String submitted) {
        List<String> seen = new ArrayList<>(List.of(submitted));
        JsonNode status = stack.waitFor("job " + jobId + " settled", Duration.ofMinutes(3), () -> {
            Http.Reply reply = Http.get(stack.gatewayUrl() + "/jobs/" + jobId);
            assertThat(reply.status()).as(stack::logs).isEqualTo(200);
            String current = reply.body().get("status").asText();
            if (!seen.get(seen.size() - 1).equals(current)) {
                seen.add(current);
            }
            return reply.body();
        }, s -> s.get("status").asText().equals("failed")
                || (s.get("status").asText().equals("completed") && !s.at("/backup/status").asText().equals("pending")));
        assertThat(seen).as("statuses seen, in order").containsSubsequence("queued", "completed")
                .isSubsetOf("queued", "processing", "completed").doesNotHaveDuplicates();
        return status;
    }

    private static String absolute(ClipflowStack stack, String url) {
        return url.startsWith("/") ? stack.gatewayUrl() + url : url;
    }
}
