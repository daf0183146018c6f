package dev.clipflow.clipworker.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs ffmpeg/ffprobe as child processes under a time limit: stdout goes line by line to a
 * consumer (or whole, as a stream, to a reader of binary output), the last lines of stderr are kept for
 * error messages. A process that outlives its limit,
 * or is still running when {@link #stopAll()} is called (worker shutdown), is killed with all its
 * descendants.
 */
public final class ProcessRunner {

    private static final int STDERR_TAIL_LINES = 15;

    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public record Result(int exitCode, boolean timedOut, String stderrTail) {
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    public Result run(List<String> command, Duration limit, Consumer<String> stdoutLines) {
        return runReading(command, limit, stream -> lines(stream, stdoutLines));
    }

    /** Like {@link #run}, with stdout handed whole to {@code stdout} (on a thread of its own) as ffmpeg writes it. */
    public Result runReading(List<String> command, Duration limit, Consumer<InputStream> stdout) {
        if (stopping) {
            throw new WorkerStoppingException();
        }
        Process process;
        try {
            process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        running.add(process);
        Deque<String> stderrTail = new ArrayDeque<>();
        Thread stdoutReader = drain(process.getInputStream(), stdout, "stdout");
        Thread stderrReader = drain(process.getErrorStream(), stream -> lines(stream, line -> {
            synchronized (stderrTail) {
                if (stderrTail.size() == STDERR_TAIL_LINES) {
                    stderrTail.removeFirst();
                }
                stderrTail.addLast(line);
            }
        }), "stderr");
        try {
            boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
            }
            stdoutReader.join(5_000);
            stderrReader.join(5_000);
            if (stopping) {
                throw new WorkerStoppingException();
            }
            synchronized (stderrTail) {
                return new Result(finished ? process.exitValue() : -1, !finished, String.join("\n", stderrTail));
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new WorkerStoppingException();
        } finally {
            running.remove(process);
        }
    }

    /** Kills every running child process and refuses new ones. */
    public void stopAll() {
        stopping = true;
        running.forEach(ProcessRunner::killTree);
    }

    private static void lines(InputStream stream, Consumer<String> lines) {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread drain(InputStream stream, Consumer<InputStream> reader, String name) {
        Thread thread = new Thread(() -> {
            try (stream) {
                reader.accept(stream);
                stream.transferTo(OutputStream.nullOutputStream()); // a reader that stopped early must not block ffmpeg
            } catch (IOException | UncheckedIOException ignoredBecauseTheProcessEnded) {
                // the process was killed or closed its pipe
            }
        }, "ffmpeg-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
