package dev.clipflow.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a source that does not match the output frame (vertical or square from a landscape source) is fitted
 * into it. Formats whose frame matches the source's shape ({@code horizontal}, {@code original}) ignore it.
 */
public enum FrameLayout {
    /** The source scaled to fit, centred over a blurred, filled copy of itself. */
    BLUR,
    /** A centre crop that fills the frame. */
    CROP,
    /** A crop that follows the most prominent face, {@code blur} where there is none to follow. */
    TRACK,
    /** {@code track} when faces are found in enough of the clip, else {@code blur}. */
    AUTO;

    public static final FrameLayout DEFAULT = AUTO;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "blur, crop, track or auto", for messages that name the allowed values. */
    public static String allowedNames() {
        String names = Arrays.stream(values()).map(FrameLayout::wireName).collect(Collectors.joining(", "));
        int last = names.lastIndexOf(", ");
        return names.substring(0, last) + " or " + names.substring(last + 2);
    }

    public static Optional<FrameLayout> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(name)).findFirst();
    }

    @JsonCreator
    static FrameLayout fromJson(String name) {
        return fromWireName(name).orElseThrow(
                () -> new IllegalArgumentException("unknown layout '" + name + "'; use " + allowedNames()));
    }
}
