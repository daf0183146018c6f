package dev.clipflow.clipworker.captions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.clipflow.clipworker.TestMedia;
import dev.clipflow.clipworker.captions.Transcriber.TranscriptionUnavailableException;
import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.contracts.captions.CaptionStyle;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.captions.Word;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.CaptionsRequest;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract tests of the OpenAI-compatible transcription API: a local HTTP server answers with the documented
 * {@code verbose_json} shape. They check the request Clipflow sends and how it reads the answer; they say
 * nothing about recognition quality.
 */
class OpenAiTranscriptionContractTest {

    static final String VERBOSE_JSON = """
            {"task": "transcribe", "language": "english", "duration": 2.0, "text": "Hello world.",
             "segments": [{"id": 0, "seek": 0, "start": 0.0, "end": 1.2, "text": " Hello world.", "tokens": [1, 2],
                           "temperature": 0.0, "avg_logprob": -0.2, "compression_ratio": 1.0, "no_speech_prob": 0.01}],
             "words": [{"word": "Hello", "start": 0.1, "end": 0.5}, {"word": "world.", "start": 0.6, "end": 1.1}]}
            """;

    @TempDir
    Path work;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** Answers request n (1-based) with the status the function gives, and the documented body on 200. */
    private String serve(IntFunction<Integer> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/audio/transcriptions", exchange -> {
            int n = calls.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            bodies.add(body);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            int code = status.apply(n);
            byte[] answer = code == 200 ? VERBOSE_JSON.getBytes(StandardCharsets.UTF_8)
                    : "{\"error\": {\"message\": \"busy\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static OpenAiTranscriber transcriber(String url, int attempts) {
        return new OpenAiTranscriber(url, Optional.of("sk-test"), "whisper-1", attempts, Duration.ofMillis(50),
                Duration.ofSeconds(30));
    }

    @Test
    void sendsTheDocumentedMultipartRequestAndReadsTheWordTimestamps() throws Exception {
        String url = serve(n -> 200);
        Path audio = Files.write(work.resolve("a.mp3"), new byte[] {1, 2, 3});

        List<Word> words = transcriber(url, 1).transcribe(audio);

        assertThat(words).containsExactly(new Word(0.1, 0.5, "Hello"), new Word(0.6, 1.1, "world."));
        assertThat(requests).singleElement().asString()
                .startsWith("POST /v1/audio/transcriptions Bearer sk-test multipart/form-data; boundary=");
        String body = new String(bodies.get(0), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("name=\"model\"\r\n\r\nwhisper-1\r\n")
                .contains("name=\"response_format\"\r\n\r\nverbose_json\r\n")
                .contains("name=\"timestamp_granularities[]\"\r\n\r\nword\r\n")
                .contains("name=\"file\"; filename=\"audio.mp3\"");
    }

    @Test
    void transientFailuresAreRetriedWithBackoff() throws Exception {
        String url = serve(n -> n < 3 ? (n == 1 ? 503 : 429) : 200);
        List<Word> words = transcriber(url, 4).transcribe(Files.write(work.resolve("a.mp3"), new byte[] {1}));
        assertThat(words).hasSize(2);
        assertThat(calls).hasValue(3);
    }

    @Test
    void aServiceThatKeepsFailingIsUnavailableAfterItsAttempts() throws Exception {
        String url = serve(n -> 500);
        assertThatThrownBy(() -> transcriber(url, 3).transcribe(Files.write(work.resolve("a.mp3"), new byte[] {1})))
                .isInstanceOf(TranscriptionUnavailableException.class).hasMessageContaining("HTTP 500");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aLongSourceIsSentAsCompressedMonoChunksAndTheirWordsShiftedByTheirOffsets() throws Exception {
        String url = serve(n -> 200);
        Path source = TestMedia.video(work.resolve("talk.mp4"), 8, 320, 180, 25, true);
        ProcessRunner runner = new ProcessRunner();
        ProbedMedia media = new MediaProber(TestMedia.FFMPEG, runner).probe(source);

        Captions captions = new SpeechCaptions(TestMedia.FFMPEG.ffmpeg(), runner, transcriber(url, 1), 3)
                .transcribe(source, media, work);

        assertThat(calls).hasValue(3);
        assertThat(captions.words()).extracting(Word::start).containsExactly(0.1, 0.6, 3.1, 3.6, 6.1, 6.6);
        assertThat(captions.cues()).extracting(c -> c.text()).containsExactly("Hello world.", "Hello world.", "Hello world.");
        Path sent = Files.write(work.resolve("sent.mp3"), fileOf(bodies.get(0)));
        var audio = TestMedia.stream(TestMedia.probe(sent), "audio");
        assertThat(audio.path("codec_name").asText()).isEqualTo("mp3");
        assertThat(audio.path("sample_rate").asInt()).isEqualTo(16000);
        assertThat(audio.path("channels").asInt()).isEqualTo(1);
        try (var left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("temp_"));
        }
    }

    @Test
    void aJobWhoseServiceIsDownGetsNoCaptionsAndSaysWhy() throws Exception {
        String url = serve(n -> 503);
        Path source = TestMedia.video(work.resolve("talk.mp4"), 2, 320, 180, 25, true);
        ProcessRunner runner = new ProcessRunner();
        ProbedMedia media = new MediaProber(TestMedia.FFMPEG, runner).probe(source);
        CaptionSource captions = new CaptionSource(null,
                Optional.of(new SpeechCaptions(TestMedia.FFMPEG.ffmpeg(), runner, transcriber(url, 2), 600)));
        JobRequested job = new JobRequested(1, "6f1c1a52-2b7e-4d0a-9a55-2f0c7a1e9b10", Instant.now(), "t",
                JobSource.url("https://93.184.216.34/a.mp4"), List.of(), null, null, null, null,
                CaptionsRequest.transcribed(CaptionStyle.PLAIN));

        JobCaptions outcome = captions.load(job, source, media, work);

        assertThat(outcome.present()).isFalse();
        assertThat(outcome.status().isUnavailable()).isTrue();
        assertThat(outcome.status().reason()).contains("HTTP 503");
    }

    /** The bytes of the multipart part named file. */
    private static byte[] fileOf(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\n\r\n", text.indexOf("name=\"file\"")) + 4;
        int end = text.lastIndexOf("\r\n--");
        return java.util.Arrays.copyOfRange(body, start, end);
    }
}
