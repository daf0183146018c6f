package dev.clipflow.uploader.service;

import dev.clipflow.uploader.config.UploadConfig;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** Removes a job's work dir once all of it is stored, at once or after the configured retention. */
@ApplicationScoped
public class WorkDirCleaner {

    private static final Logger LOG = Logger.getLogger(WorkDirCleaner.class);

    private final Duration retention;
    private final boolean keep;

    public WorkDirCleaner(UploadConfig config) {
        this.retention = config.workDirRetention();
        this.keep = config.keepWorkDir();
    }

    public void stored(Path jobDir) {
        if (keep) {
            return;
        }
        if (retention.isZero() || retention.isNegative()) {
            remove(jobDir);
        } else {
            // on a worker thread of the application's executor, which Quarkus stops with it
            Infrastructure.getDefaultWorkerPool().schedule(() -> remove(jobDir), retention.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Now, whatever the retention: for a cancelled job, whose files must not outlive it. */
    public void cancelled(Path jobDir) {
        remove(jobDir);
    }

    private static void remove(Path jobDir) {
        if (!Files.isDirectory(jobDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(jobDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debugf("cannot remove %s: %s", path, e);
                }
            });
        } catch (IOException e) {
            LOG.debugf("cannot walk %s: %s", jobDir, e);
        }
    }
}
