package dev.clipflow.contracts.events;

import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.events.JobRequested.CaptionsRequest;
import dev.clipflow.contracts.events.JobRequested.RequestedClip;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import java.time.Instant;
import java.util.List;

/**
 * A recut of a completed job, on {@code clip-jobs} (keyed by job id, so after the job's {@code JobRequested}): more
 * clips from the job's kept source, numbered by the worker after the job's existing ones and added to its metadata.
 * {@code recutId} names this recut in the {@code JobRendered} or {@code JobFailed} that ends it; {@code outputFormat}
 * absent means the job's own. See docs/architecture.md.
 */
public record ClipsRequested(
        int version,
        String jobId,
        Instant at,
        String recutId,
        JobSource source,
        List<RequestedClip> clips,
        OutputFormat outputFormat,
        FrameLayout layout,
        CaptionsRequest captions) implements ClipflowEvent {

    public ClipsRequested {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        recutId = JobId.requireValid(Required.text(recutId, "recut_id"));
        Required.present(source, "source");
        clips = Required.list(clips);
        if (clips.isEmpty()) {
            throw new Required.MissingFieldException("clips");
        }
        layout = layout == null ? FrameLayout.DEFAULT : layout;
    }
}
