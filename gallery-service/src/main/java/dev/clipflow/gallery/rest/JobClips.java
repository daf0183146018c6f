package dev.clipflow.gallery.rest;

import java.time.Instant;
import java.util.List;

/** All clips of one job. */
public record JobClips(String jobId, String title, Instant createdAt, List<GalleryClip> clips) {
}
