package dev.clipflow.clipworker.media;

/** What ffprobe says about a source: its container, duration and (display-oriented) video size. */
public record ProbedMedia(String formatName, double durationSeconds, int width, int height, double frameRate,
        boolean hasAudio) {

    public boolean isLandscape() {
        return width > height;
    }
}
