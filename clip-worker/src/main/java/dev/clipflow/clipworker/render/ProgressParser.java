package dev.clipflow.clipworker.render;

import java.util.OptionalDouble;

/** Reads ffmpeg's {@code -progress} key=value lines: the output time reached, in seconds. */
public final class ProgressParser {

    public static OptionalDouble outputSeconds(String line) {
        // out_time_ms is in microseconds too (a long-standing ffmpeg quirk); out_time_us says so.
        if (line.startsWith("out_time_us=")) {
            try {
                long micros = Long.parseLong(line.substring("out_time_us=".length()).trim());
                return micros >= 0 ? OptionalDouble.of(micros / 1_000_000.0) : OptionalDouble.empty();
            } catch (NumberFormatException notYetKnown) {
                return OptionalDouble.empty(); // "N/A" before the first frame
            }
        }
        return OptionalDouble.empty();
    }

    private ProgressParser() {
    }
}
