package dev.clipflow.clipworker.captions;

import java.nio.file.Path;

/** A caption image ffmpeg lays over the clip at ({@code x}, {@code y}) from {@code start} to {@code end} clip seconds. */
public record CaptionOverlay(Path image, int x, int y, double start, double end) {
}
