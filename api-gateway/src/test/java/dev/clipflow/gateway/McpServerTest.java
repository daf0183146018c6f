package dev.clipflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.JobRequested;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A real MCP session over Streamable HTTP at {@code /mcp}, as an agent's client holds it: initialize, list the tools,
 * call them; the jobs it makes are on the real broker. The endpoint takes the same API keys as the REST API.
 */
@QuarkusTest
// The API-key profile of ApiKeyAndLocalStorageTest: one application for both classes, not one more start.
@TestProfile(ApiKeyAndLocalStorageTest.KeysAndLocalStorage.class)
class McpServerTest {

    private static final String KEY = "second-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One MCP client session: JSON-RPC requests over POST, answered as JSON or as an event stream. */
    private static final class Session {
        private final AtomicInteger ids = new AtomicInteger();
        private String sessionId;

        JsonNode request(String method, Object params) throws Exception {
            int id = ids.incrementAndGet();
            Response response = post(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            if (sessionId == null) {
                sessionId = response.header("Mcp-Session-Id");
            }
            for (JsonNode message : messages(response)) {
                if (message.path("id").asInt() == id) {
                    return message;
                }
            }
            throw new AssertionError("no answer to " + method + " in " + response.asString());
        }

        void notify(String method) {
            assertThat(post(Map.of("jsonrpc", "2.0", "method", method)).statusCode()).isBetween(200, 202);
        }

        JsonNode callTool(String name, Map<String, Object> arguments) throws Exception {
            JsonNode answer = request("tools/call", Map.of("name", name, "arguments", arguments));
            assertThat(answer.has("result")).as(answer.toString()).isTrue();
            return answer.path("result");
        }

        private Response post(Object body) {
            var spec = given().header("Authorization", "Bearer " + KEY).contentType("application/json")
                    .accept("application/json, text/event-stream").body(body);
            if (sessionId != null) {
                spec = spec.header("Mcp-Session-Id", sessionId);
            }
            return spec.post("/mcp");
        }

        private static List<JsonNode> messages(Response response) throws Exception {
            List<JsonNode> messages = new ArrayList<>();
            String body = response.asString();
            if (String.valueOf(response.contentType()).startsWith("text/event-stream")) {
                for (String line : body.split("\n")) {
                    if (line.startsWith("data:")) {
                        messages.add(JSON.readTree(line.substring(5).trim()));
                    }
                }
            } else {
                messages.add(JSON.readTree(body));
            }
            return messages;
        }
    }

    private static JsonNode textOf(JsonNode result) throws Exception {
        return JSON.readTree(result.path("content").get(0).path("text").asText());
    }

    @Test
    void anAgentMakesFollowsAndDeletesAJobThroughMcpTools() throws Exception {
        Session mcp = new Session();
        JsonNode initialized = mcp.request("initialize", Map.of("protocolVersion", "2025-03-26",
                "capabilities", Map.of(), "clientInfo", Map.of("name", "clipflow-test", "version", "1")));
        assertThat(initialized.path("result").path("capabilities").has("tools")).as(initialized.toString()).isTrue();
        assertThat(initialized.path("result").path("protocolVersion").asText()).isNotBlank();
        assertThat(mcp.sessionId).isNotBlank();
        mcp.notify("notifications/initialized");

        JsonNode tools = mcp.request("tools/list", Map.of()).path("result").path("tools");
        List<String> names = new ArrayList<>();
        tools.forEach(tool -> names.add(tool.path("name").asText()));
        assertThat(names).contains("submit_video", "job_status", "list_clips", "list_jobs", "delete_job");
        tools.forEach(tool -> assertThat(tool.path("inputSchema").path("type").asText()).as(tool.toString()).isEqualTo("object"));

        JsonNode submitted = mcp.callTool("submit_video", Map.of("source_url", "https://93.184.216.34/talk.mp4",
                "title", "Made by an agent", "clips", List.of(Map.of("start", 1.5, "end", 20)), "output_format", "square"));
        assertThat(submitted.path("isError").asBoolean()).as(submitted.toString()).isFalse();
        String jobId = textOf(submitted).path("job_id").asText();
        JobRequested onKafka = (JobRequested) TopicClient.find(Topics.CLIP_JOBS, jobId, JobRequested.class).orElseThrow();
        assertThat(onKafka.source().url()).isEqualTo("https://93.184.216.34/talk.mp4");
        assertThat(onKafka.clips()).singleElement().satisfies(c -> assertThat(c.end()).isEqualTo(20));

        assertThat(textOf(mcp.callTool("job_status", Map.of("job_id", jobId))).path("status").asText()).isEqualTo("queued");
        assertThat(textOf(mcp.callTool("list_clips", Map.of("job_id", jobId))).path("clips")).isEmpty();
        List<String> listed = new ArrayList<>();
        textOf(mcp.callTool("list_jobs", Map.of("limit", 100))).path("jobs").forEach(j -> listed.add(j.path("job_id").asText()));
        assertThat(listed).contains(jobId);

        assertThat(textOf(mcp.callTool("delete_job", Map.of("job_id", jobId))).path("status").asText()).isEqualTo("cancelled");
        assertThat(TopicClient.find(Topics.CLIP_EVENTS, jobId, JobCancelled.class)).isPresent();
        JsonNode gone = mcp.callTool("job_status", Map.of("job_id", jobId));
        assertThat(gone.path("isError").asBoolean()).as(gone.toString()).isTrue();
        assertThat(gone.path("content").get(0).path("text").asText()).startsWith("job_deleted");

        JsonNode refused = mcp.callTool("submit_video", Map.of("source_url", "ftp://example.com/v.mp4"));
        assertThat(refused.path("isError").asBoolean()).as(refused.toString()).isTrue();
        assertThat(refused.path("content").get(0).path("text").asText()).startsWith("unsupported_scheme");
        JsonNode malformed = mcp.callTool("job_status", Map.of("job_id", "not-an-id"));
        assertThat(malformed.path("content").get(0).path("text").asText()).startsWith("invalid_job_id");
    }

    @Test
    void theMcpEndpointNeedsAnApiKeyLikeTheRestApi() {
        given().contentType("application/json").accept("application/json, text/event-stream")
                .body(Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of()))
                .post("/mcp").then().statusCode(401).body("error.code", org.hamcrest.Matchers.equalTo("missing_api_key"));
        given().header("X-API-Key", "wrong").contentType("application/json")
                .body(Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of()))
                .post("/mcp").then().statusCode(401).body("error.code", org.hamcrest.Matchers.equalTo("invalid_api_key"));
    }
}
