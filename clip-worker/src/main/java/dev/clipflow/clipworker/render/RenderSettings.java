package dev.clipflow.clipworker.render;

import java.time.Duration;

/**
 * Encoder settings, the time limit of one ffmpeg run ({@code timeoutFactor} times the output duration
 * plus {@code timeoutGrace}) and how many clips of a job render at once.
 */
public record RenderSettings(String preset, int crf, double timeoutFactor, Duration timeoutGrace, int clipsAtOnce) {

    public static final RenderSettings DEFAULT = new RenderSettings("veryfast", 21, 10, Duration.ofSeconds(60), 2);

    public RenderSettings {
        if (clipsAtOnce < 1) {
            throw new IllegalArgumentException("clips at once must be 1 or more, not " + clipsAtOnce);
        }
    }

    public Duration limitFor(double outputSeconds) {
        return timeoutGrace.plusMillis((long) Math.ceil(outputSeconds * timeoutFactor * 1000));
    }
}
