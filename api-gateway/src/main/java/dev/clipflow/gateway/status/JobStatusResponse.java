package dev.clipflow.gateway.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clipflow.contracts.captions.CaptionsStatus;
import java.util.List;

/** The answer of {@code GET /jobs/{id}} and each element of its event stream. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatusResponse(
        String jobId, JobState.Status status, int progress, String stage, Error error, Result result, BackupStatus backup,
        List<Recut> recuts) {

    public JobStatusResponse(String jobId, JobState.Status status, int progress, String stage, Error error, Result result,
            BackupStatus backup) {
        this(jobId, status, progress, stage, error, result, backup, null);
    }

    /**
     * A recut of the job: queued, completed (its clips are in {@code result.clips} from then on) or failed with its
     * reason; {@code backup} is its own clips' upload, as the job's {@code backup} is the job's own clips'.
     */
    public record Recut(String recutId, JobState.Status status, Error error, BackupStatus backup) {
    }

    public record Error(String code, String message) {
    }

    /** {@code captions} says what became of the job's captions, when it had any. */
    public record Result(String storageUrl, List<StatusClip> clips, CaptionsStatus captions) {
        public Result(String storageUrl, List<StatusClip> clips) {
            this(storageUrl, clips, null);
        }
    }

    /**
     * {@code number} is 1-based, the n of the clip's file name; {@code captionsUrl} is the clip's {@code .srt}; its
     * {@code .vtt} is beside it.
     */
    public record StatusClip(int number, String title, String url, String thumbnailUrl, double duration, String captionsUrl) {
    }

    public record BackupStatus(JobState.Backup status) {
    }
}
