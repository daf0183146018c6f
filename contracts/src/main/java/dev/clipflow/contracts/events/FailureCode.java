package dev.clipflow.contracts.events;

/** Reason codes carried by {@link JobFailed}. */
public final class FailureCode {
    public static final String UNSUPPORTED_FORMAT = "unsupported_format";
    public static final String NO_VIDEO_STREAM = "no_video_stream";
    public static final String CORRUPT_INPUT = "corrupt_input";
    public static final String RANGE_OUT_OF_BOUNDS = "range_out_of_bounds";
    public static final String AUTO_SELECTION_UNAVAILABLE = "auto_selection_unavailable";
    public static final String NO_MOMENTS_FOUND = "no_moments_found";
    public static final String SOURCE_UNREACHABLE = "source_unreachable";
    public static final String SOURCE_TOO_LARGE = "source_too_large";
    public static final String SOURCE_FORBIDDEN = "source_forbidden";
    public static final String RENDER_FAILED = "render_failed";
    public static final String RENDER_TIMEOUT = "render_timeout";
    public static final String STORAGE_UNAVAILABLE = "storage_unavailable";
    /** The job was started again and again and each time its worker died before it ended: it is not tried again. */
    public static final String WORKER_CRASHED = "worker_crashed";

    private FailureCode() {
    }
}
