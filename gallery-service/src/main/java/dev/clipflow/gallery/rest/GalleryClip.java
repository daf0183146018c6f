package dev.clipflow.gallery.rest;

import java.time.Instant;

/**
 * One clip in the gallery, as OpenShorts' gallery returned it plus {@code thumbnail_url}.
 * {@code number} is 1-based, the n of the clip's file name; {@code title} is the clip's YouTube title (else the job title);
 * {@code captions_url} is the clip's {@code .srt} (its {@code .vtt} is beside it), absent without captions;
 * {@code url}/{@code thumbnail_url}/{@code captions_url} are presigned (S3) or relative {@code /storage/...} paths (local).
 */
public record GalleryClip(String jobId, int number, String url, String title, String tiktokDesc, String instaDesc,
                          Instant createdAt, double duration, String thumbnailUrl, String captionsUrl) {

    /** A clip without captions. */
    public GalleryClip(String jobId, int number, String url, String title, String tiktokDesc, String instaDesc,
            Instant createdAt, double duration, String thumbnailUrl) {
        this(jobId, number, url, title, tiktokDesc, instaDesc, createdAt, duration, thumbnailUrl, null);
    }
}
