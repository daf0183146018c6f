package dev.clipflow.gateway.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer of {@code GET /jobs/{id}} and each element of its event stream. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobStatusResponse(
        String jobId, JobState.Status status, int progress, String stage, Error error, Result result, BackupStatus backup) {

    public record Error(String code, String message) {
    }

    public record Result(String storageUrl, List<Clip> clips) {
    }

    public record Clip(int index, String title, String url, String thumbnailUrl, double duration) {
    }

    public record BackupStatus(JobState.Backup status) {
    }
}
