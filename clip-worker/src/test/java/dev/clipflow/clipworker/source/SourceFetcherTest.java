package dev.clipflow.clipworker.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.clipflow.clipworker.JobFailure;
import dev.clipflow.clipworker.config.ClipWorkerConfig;
import dev.clipflow.clipworker.render.JobWorkspace;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.RequestedClip;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import dev.clipflow.store.local.LocalArtifactStore;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFetcherTest {

    @TempDir
    Path work;
    HttpServer server;
    String base;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/big.mp4", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse early
            try (var out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 40; i++) {
                    out.write(chunk);
                }
            } catch (java.io.IOException clientGaveUp) {
                // expected once the cap is reached
            }
        });
        server.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/gone.mp4", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aDownloadOverTheSizeCapFailsAndLeavesNothing() throws Exception {
        JobRequested job = job(base + "/big.mp4");
        JobWorkspace ws = new JobWorkspace(work, job.jobId(), job.title());

        assertFails(fetcher(true, 1), job, FailureCode.SOURCE_TOO_LARGE);
        try (Stream<Path> files = Files.list(ws.dir())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aLoopbackUrlIsForbiddenUnlessPrivateAddressesAreAllowed() {
        assertFails(fetcher(false, 100), job(base + "/gone.mp4"), FailureCode.SOURCE_FORBIDDEN);
        assertFails(fetcher(true, 100), job(base + "/gone.mp4"), FailureCode.SOURCE_UNREACHABLE);
    }

    @Test
    void endlessRedirectsAreCutOff() {
        assertFails(fetcher(true, 100), job(base + "/loop"), FailureCode.SOURCE_UNREACHABLE);
    }

    @Test
    void anUploadInLocalStorageIsReadInPlaceAndOutlivesTheJob() throws Exception {
        LocalArtifactStore store = new LocalArtifactStore(work.resolve("storage"));
        String jobId = JobId.newId();
        String key = "uploads/" + jobId + "/source.mp4";
        store.put(key, new ByteArrayInputStream(new byte[1000]), 1000, PutOptions.of("video/mp4"));
        JobRequested job = new JobRequested(1, jobId, Instant.now(), "t", JobSource.uploaded(key, "talk.mp4", 1000),
                List.of(RequestedClip.of(0, 1)), null, OutputFormat.ORIGINAL, FrameLayout.BLUR, null);
        JobWorkspace workspace = new JobWorkspace(work.resolve("work"), jobId, "t");

        SourceFile source = fetcher(store, false, 100).fetch(job, workspace);
        source.release();

        assertThat(source.path()).isEqualTo(store.localFile(key).orElseThrow());
        assertThat(source.path()).exists();
        try (Stream<Path> files = Files.list(workspace.dir())) {
            assertThat(files).as("nothing copied into the job folder").isEmpty();
        }
    }

    @Test
    void aDownloadedSourceIsACopyRemovedWhenReleased() {
        JobRequested job = job(base + "/big.mp4");
        SourceFile source = fetcher(true, 100).fetch(job, new JobWorkspace(work, job.jobId(), job.title()));
        assertThat(source.path()).hasSize(40 * 64 * 1024);

        source.release();

        assertThat(source.path()).doesNotExist();
    }

    @Test
    void anotherJobsUploadIsNotASource() {
        JobRequested job = new JobRequested(1, JobId.newId(), Instant.now(), "t",
                JobSource.uploaded("uploads/" + JobId.newId() + "/source.mp4", "x.mp4", 1), List.of(RequestedClip.of(0, 1)),
                null, OutputFormat.ORIGINAL, FrameLayout.BLUR, null);
        assertFails(fetcher(true, 100), job, FailureCode.SOURCE_FORBIDDEN);
    }

    private void assertFails(SourceFetcher fetcher, JobRequested job, String code) {
        assertThatThrownBy(() -> fetcher.fetch(job, new JobWorkspace(work, job.jobId(), job.title())))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.code()).as(f.getMessage()).isEqualTo(code));
    }

    private static JobRequested job(String url) {
        return new JobRequested(1, JobId.newId(), Instant.now(), "t", JobSource.url(url), List.of(RequestedClip.of(0, 1)),
                null, OutputFormat.ORIGINAL, FrameLayout.BLUR, null);
    }

    /** No store: these cases never reach it. */
    private static SourceFetcher fetcher(boolean allowPrivate, long maxMb) {
        return fetcher(null, allowPrivate, maxMb);
    }

    private static SourceFetcher fetcher(ArtifactStore store, boolean allowPrivate, long maxMb) {
        return new SourceFetcher(store, new ClipWorkerConfig.Source() {
            public long maxFileSizeMb() { return maxMb; }
            public boolean allowPrivate() { return allowPrivate; }
            public Duration connectTimeout() { return Duration.ofSeconds(5); }
            public Duration responseTimeout() { return Duration.ofSeconds(5); }
            public Duration downloadTimeout() { return Duration.ofSeconds(30); }
            public int maxRedirects() { return 5; }
        });
    }
}
