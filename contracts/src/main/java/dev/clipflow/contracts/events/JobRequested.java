package dev.clipflow.contracts.events;

import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.captions.CaptionStyle;
import java.time.Instant;
import java.util.List;

/**
 * A job accepted by the gateway, on {@code clip-jobs}. Either explicit {@code clips} or
 * {@code auto} selection; the source is an uploaded object or a URL.
 */
public record JobRequested(
        int version,
        String jobId,
        Instant at,
        String title,
        JobSource source,
        List<RequestedClip> clips,
        AutoSelection auto,
        OutputFormat outputFormat,
        FrameLayout layout,
        Webhook webhook,
        CaptionsRequest captions) implements ClipflowEvent {

    public JobRequested {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        Required.present(source, "source");
        clips = Required.list(clips);
        if (clips.isEmpty() && auto == null) {
            auto = AutoSelection.DEFAULT;
        }
        outputFormat = outputFormat == null ? OutputFormat.DEFAULT : outputFormat;
        layout = layout == null ? FrameLayout.DEFAULT : layout;
    }

    /** A job without captions. */
    public JobRequested(int version, String jobId, Instant at, String title, JobSource source, List<RequestedClip> clips,
            AutoSelection auto, OutputFormat outputFormat, FrameLayout layout, Webhook webhook) {
        this(version, jobId, at, title, source, clips, auto, outputFormat, layout, webhook, null);
    }

    public boolean hasExplicitClips() {
        return !clips.isEmpty();
    }

    /** Where the source video comes from: exactly one of an uploaded object or an http(s) URL. */
    public record JobSource(String storageKey, String url, String filename, Long sizeBytes) {
        public JobSource {
            if ((storageKey == null) == (url == null)) {
                throw new IllegalArgumentException("source needs exactly one of 'storage_key' or 'url'");
            }
        }

        public static JobSource uploaded(String storageKey, String filename, long sizeBytes) {
            return new JobSource(storageKey, null, filename, sizeBytes);
        }

        public static JobSource url(String url) {
            return new JobSource(null, url, null, null);
        }

        public boolean isUpload() {
            return storageKey != null;
        }
    }

    /** An explicit range in seconds of the source, with optional texts for the platforms. */
    public record RequestedClip(double start, double end, String title, String tiktokDesc, String instaDesc) {

        /** Half a frame at 30 fps: a range ending "at" the end of the source is still inside it. */
        public static final double END_TOLERANCE_SECONDS = 0.02;

        public RequestedClip {
            if (!(start >= 0) || !(end > start)) {
                throw new IllegalArgumentException("clip range needs 0 <= start < end, got " + start + ".." + end);
            }
        }

        public static RequestedClip of(double start, double end) {
            return new RequestedClip(start, end, null, null, null);
        }

        public double duration() {
            return end - start;
        }

        /** Whether the range reaches past the end of a source of {@code sourceSeconds}. */
        public boolean endsAfter(double sourceSeconds) {
            return end > sourceSeconds + END_TOLERANCE_SECONDS;
        }
    }

    /** Automatic selection: how many clips, and their length bounds in seconds. */
    public record AutoSelection(int targetClips, double clipMinSeconds, double clipMaxSeconds) {
        public static final int MAX_CLIPS = 15;
        public static final AutoSelection DEFAULT = new AutoSelection(3, 15, 60);

        public AutoSelection {
            if (targetClips < 1 || targetClips > MAX_CLIPS) {
                throw new IllegalArgumentException("target_clips must be 1.." + MAX_CLIPS + ", got " + targetClips);
            }
            if (!(clipMinSeconds > 0) || !(clipMaxSeconds >= clipMinSeconds)) {
                throw new IllegalArgumentException(
                        "need 0 < clip_min_seconds <= clip_max_seconds, got " + clipMinSeconds + ", " + clipMaxSeconds);
            }
        }
    }

    /**
     * The job's captions: a file the gateway stored, normalized, as {@code uploads/{job_id}/captions.json}
     * ({@code storageKey}), or speech-to-text ({@code auto}); and how they appear in the clips.
     */
    public record CaptionsRequest(String storageKey, boolean auto, CaptionStyle style) {
        public CaptionsRequest {
            if ((storageKey == null) != auto) {
                throw new IllegalArgumentException("captions need exactly one of 'storage_key' or 'auto'");
            }
            style = style == null ? CaptionStyle.DEFAULT : style;
        }

        public static CaptionsRequest stored(String storageKey, CaptionStyle style) {
            return new CaptionsRequest(storageKey, false, style);
        }

        public static CaptionsRequest transcribed(CaptionStyle style) {
            return new CaptionsRequest(null, true, style);
        }
    }

    /** Called when the job ends; signed with HMAC-SHA256 when a secret is given. */
    public record Webhook(String url, String secret) {
        public Webhook {
            Required.text(url, "webhook.url");
        }
    }
}
