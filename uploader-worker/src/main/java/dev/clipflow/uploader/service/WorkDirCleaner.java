package dev.clipflow.uploader.service;

import dev.clipflow.uploader.config.UploadConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.io.FileUtils;

/** Removes a job's work dir once all of it is stored, at once or after the configured retention. */
@ApplicationScoped
public class WorkDirCleaner {

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
            Deferred.run(() -> remove(jobDir), retention);
        }
    }

    /** Now, whatever the retention: for a cancelled job, whose files must not outlive it. */
    public void cancelled(Path jobDir) {
        remove(jobDir);
    }

    /** Recursively and quietly: a file that cannot be removed costs disk, never the job. */
    private static void remove(Path jobDir) {
        FileUtils.deleteQuietly(jobDir.toFile());
    }
}
