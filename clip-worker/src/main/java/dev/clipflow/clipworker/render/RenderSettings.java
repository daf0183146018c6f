package dev.clipflow.clipworker.render;

import java.time.Duration;

/**
 * Encoder settings and the time limit of one ffmpeg run: {@code timeoutFactor} times the output
 * duration plus {@code timeoutGrace}.
 */
public record RenderSettings(String preset, int crf, double timeoutFactor, Duration timeoutGrace) {

    public static final RenderSettings DEFAULT = new RenderSettings("veryfast", 21, 10, Duration.ofSeconds(60));

    public Duration limitFor(double outputSeconds) {
        return timeoutGrace.plusMillis((long) Math.ceil(outputSeconds * timeoutFactor * 1000));
    }
}
