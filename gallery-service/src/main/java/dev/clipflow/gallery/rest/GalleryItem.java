package dev.clipflow.gallery.rest;

import java.time.Instant;

/**
 * One clip in the gallery, as OpenShorts' gallery returned it plus {@code thumbnail_url}.
 * {@code index} is 0-based; {@code title} is the clip's YouTube title (else the job title);
 * {@code url}/{@code thumbnail_url} are presigned (S3) or relative {@code /storage/...} paths (local).
 */
public record GalleryItem(String jobId, int index, String url, String title, String tiktokDesc, String instaDesc,
                          Instant createdAt, double duration, String thumbnailUrl) {
}
