package dev.clipflow.contracts.metadata;

import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.captions.CaptionsStatus;
import dev.clipflow.contracts.events.JobRendered.RenderedClip;
import dev.clipflow.contracts.layout.ObjectKeys;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code {title}_metadata.json} object of a job. Keeps the fields OpenShorts tooling reads
 * ({@code shorts[]} with {@code start}, {@code end}, {@code video_title_for_youtube_short},
 * {@code video_description_for_tiktok}, {@code video_description_for_instagram}) and adds Clipflow's.
 * {@code sourceDuration} is the length in seconds of the source the clips were cut from, which a recut's ranges must
 * stay within; absent in objects written before it was recorded.
 */
public record JobMetadata(
        String jobId,
        String title,
        Instant createdAt,
        String sourceVideo,
        OutputFormat outputFormat,
        List<MetadataClip> shorts,
        Selection selection,
        CaptionsStatus captions,
        Double sourceDuration) {

    public JobMetadata {
        shorts = shorts == null ? List.of() : List.copyOf(shorts);
    }

    /** A job whose source's duration was not recorded. */
    public JobMetadata(String jobId, String title, Instant createdAt, String sourceVideo, OutputFormat outputFormat,
            List<MetadataClip> shorts, Selection selection, CaptionsStatus captions) {
        this(jobId, title, createdAt, sourceVideo, outputFormat, shorts, selection, captions, null);
    }

    /**
     * The number of the clip at {@code position} (0-based) in {@code shorts}: the n of its file name, else (a document
     * not written by Clipflow) its place in the list counted from 1.
     */
    public int clipNumber(int position) {
        String file = shorts.get(position).file();
        return (file == null ? Optional.<Integer>empty() : ObjectKeys.clipNumberOf(file)).orElse(position + 1);
    }

    /** The clip at {@code position} (0-based) as {@code JobRendered} and the job's status show it. */
    public RenderedClip renderedClip(int position) {
        MetadataClip s = shorts.get(position);
        return new RenderedClip(clipNumber(position), s.videoTitleForYoutubeShort(), s.duration(), s.width(), s.height(),
                s.file(), s.thumbnail(), s.captionsFile());
    }

    /** A job without captions. */
    public JobMetadata(String jobId, String title, Instant createdAt, String sourceVideo, OutputFormat outputFormat,
            List<MetadataClip> shorts, Selection selection) {
        this(jobId, title, createdAt, sourceVideo, outputFormat, shorts, selection, null, null);
    }

    /**
     * One clip. {@code file}, {@code thumbnail} and {@code captionsFile} (its {@code .srt}; the {@code .vtt}
     * has the same name) are file names inside the job's folder; {@code captionsText} is the clip's words.
     * {@code layout} is the layout the clip was framed with ({@code track}, {@code blur}, {@code crop}; what
     * {@code auto} became), and {@code trackedFaceShare} the share (0..1) of its analysed frames that had a
     * tracked face, when faces were looked for.
     */
    public record MetadataClip(
            double start,
            double end,
            String videoTitleForYoutubeShort,
            String videoDescriptionForTiktok,
            String videoDescriptionForInstagram,
            String file,
            double duration,
            int width,
            int height,
            long sizeBytes,
            String sha256,
            String thumbnail,
            Double predictedScore,
            String reason,
            String captionsFile,
            String captionsText,
            String layout,
            Double trackedFaceShare) {

        /** A clip without captions and whose framing was not recorded. */
        public MetadataClip(double start, double end, String videoTitleForYoutubeShort, String videoDescriptionForTiktok,
                String videoDescriptionForInstagram, String file, double duration, int width, int height, long sizeBytes,
                String sha256, String thumbnail, Double predictedScore, String reason) {
            this(start, end, videoTitleForYoutubeShort, videoDescriptionForTiktok, videoDescriptionForInstagram, file,
                    duration, width, height, sizeBytes, sha256, thumbnail, predictedScore, reason, null, null);
        }

        /** A clip whose framing was not recorded. */
        public MetadataClip(double start, double end, String videoTitleForYoutubeShort, String videoDescriptionForTiktok,
                String videoDescriptionForInstagram, String file, double duration, int width, int height, long sizeBytes,
                String sha256, String thumbnail, Double predictedScore, String reason, String captionsFile,
                String captionsText) {
            this(start, end, videoTitleForYoutubeShort, videoDescriptionForTiktok, videoDescriptionForInstagram, file,
                    duration, width, height, sizeBytes, sha256, thumbnail, predictedScore, reason, captionsFile, captionsText,
                    null, null);
        }
    }

    /** How the clips were chosen, and a note when fewer than asked were found. */
    public record Selection(String method, int requested, int found, String note) {
    }
}
