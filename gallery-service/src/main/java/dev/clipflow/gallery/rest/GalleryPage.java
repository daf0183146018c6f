package dev.clipflow.gallery.rest;

import java.util.List;

/**
 * A page of the gallery: the shape OpenShorts' dashboard reads ({@code clips}, {@code has_more}), with
 * {@code total} clips in the whole index and the {@code limit}/{@code offset} applied.
 */
public record GalleryPage(List<GalleryClip> clips, int total, int limit, int offset, boolean hasMore) {
}
