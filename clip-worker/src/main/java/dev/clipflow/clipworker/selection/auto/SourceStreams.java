package dev.clipflow.clipworker.selection.auto;

/** What the caller already knows of the source (the worker probes it anyway), so the analysis need not probe again. */
public record SourceStreams(double durationSeconds, boolean hasAudio, boolean hasVideo) {

    public SourceStreams {
        if (!(durationSeconds > 0)) {
            throw new IllegalArgumentException("duration must be positive, got " + durationSeconds);
        }
        if (!hasAudio && !hasVideo) {
            throw new IllegalArgumentException("the source has neither audio nor video");
        }
    }
}
