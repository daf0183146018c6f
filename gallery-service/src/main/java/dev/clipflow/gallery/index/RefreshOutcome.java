package dev.clipflow.gallery.index;

import java.time.Duration;

/** What one refresh did: metadata objects listed, read (GETs), skipped as unreadable, dropped as deleted. */
public record RefreshOutcome(int listed, int fetched, int unreadable, int removed, Duration took, long startedNanos) {
}
