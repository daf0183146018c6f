package dev.clipflow.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a source that does not match the output frame is fitted into it. */
public enum FrameLayout {
    /** The source scaled to fit, centred over a blurred, filled copy of itself. */
    BLUR,
    /** A centre crop that fills the frame. */
    CROP;

    public static final FrameLayout DEFAULT = BLUR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FrameLayout> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(name)).findFirst();
    }

    @JsonCreator
    static FrameLayout fromJson(String name) {
        return fromWireName(name).orElseThrow(
                () -> new IllegalArgumentException("unknown layout '" + name + "'; use blur or crop"));
    }
}
