package dev.clipflow.clipworker.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.clipworker.TestMedia;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    @Test
    void stoppingTheWorkerKillsARunningFfmpegAndRefusesNewOnes() throws Exception {
        ProcessRunner runner = new ProcessRunner();
        List<String> endless = List.of(TestMedia.FFMPEG.ffmpeg().toString(), "-v", "error", "-re", "-f", "lavfi",
                "-i", "testsrc2=size=320x240:rate=30", "-f", "null", "-");
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                runner.run(endless, Duration.ofMinutes(5), line -> { });
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(1000);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isNotEmpty();

        runner.stopAll();

        assertThat(outcome.get(15, TimeUnit.SECONDS)).isInstanceOf(WorkerStoppingException.class);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(outcome.isDone()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.run(endless, Duration.ofSeconds(1), l -> { }))
                .isInstanceOf(WorkerStoppingException.class);
    }
}
